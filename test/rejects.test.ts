import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestSummary } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { tempDir, WOS_PLAINTEXT } from './helpers.js';

/**
 * Rejects in later chunks of a big file name the file's lines, not the chunk's: the writer
 * rebases every line and byte in one place. A parser that throws costs its chunk only.
 */
const MARKER = 'COAUTH-TEST-FAULT-4711';
let db: Database;
let summary: IngestSummary;
let lines: string[];

beforeAll(async () => {
  // About 6 MB of real records (six 1 MB chunks at least): the corpus's plain-text files, one after the other.
  const files = [
    'GabrielNakamura__Decolonizing_expertise__01_citing_EastAsia.txt',
    'GabrielNakamura__Decolonizing_expertise__04_citation_LA.txt',
    'slitvinov__python-wos__savedrecs.txt',
  ];
  let text = files
    .map((f) =>
      readFileSync(join(WOS_PLAINTEXT, f), 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r/g, ''),
    )
    .join('\n');
  lines = text.split('\n');
  // A C1 line without its period far into the file, and a record that makes the parser throw further on.
  const c1 = lines.findIndex((l, i) => i > 40_000 && l.startsWith('C1 ') && l.endsWith('.'));
  lines[c1] = lines[c1]!.slice(0, -1);
  const ti = lines.findIndex((l, i) => i > 60_000 && l.startsWith('TI '));
  lines[ti] = `TI ${MARKER} ${lines[ti]!.slice(3)}`;
  text = lines.join('\n');
  const dir = tempDir();
  writeFileSync(join(dir, 'big.txt'), text);
  process.env.COAUTH_TEST_FAULT = MARKER;
  try {
    db = await openDatabase(join(dir, 'rejects.duckdb'));
    summary = await ingest(db, [join(dir, 'big.txt')], { workers: 2, chunkBytes: 1 << 20 });
  } finally {
    delete process.env.COAUTH_TEST_FAULT;
  }
  (globalThis as Record<string, unknown>).c1Line = c1 + 1;
  (globalThis as Record<string, unknown>).faultLine = ti + 1;
});
afterAll(() => db.close());

describe('rejects in a big file', () => {
  it('give the file line of a broken C1 in a later chunk, in the message and the position alike, with its code', async () => {
    const c1Line = (globalThis as Record<string, unknown>).c1Line as number;
    const [r] = await queryRows(db.connection, `SELECT position, reason, code FROM rejects WHERE code = 'c1-unterminated'`);
    expect(r!.reason).toBe(`line ${c1Line}: C1 line does not end with '.' as every WoS address does; a tag is probably missing above it`);
    // The position is the record's first line (its PT), a few lines above.
    const start = Number(/^line (\d+)$/.exec(String(r!.position))![1]);
    expect(lines[start - 1]).toMatch(/^PT /);
    expect(c1Line - start).toBeGreaterThan(0);
    expect(c1Line - start).toBeLessThan(200);
  });

  it('costs a throwing parser its chunk only: the reject names the bytes and lines, the records after it load with the right lines', async () => {
    const faultLine = (globalThis as Record<string, unknown>).faultLine as number;
    const [r] = await queryRows(db.connection, `SELECT position, reason, code FROM rejects WHERE code = 'worker-failure'`);
    const m = /^the parser failed on bytes (\d+)-(\d+) \(lines (\d+)-(\d+)\): injected fault/.exec(String(r!.reason))!;
    expect(m).not.toBeNull();
    const [from, to] = [Number(m[3]), Number(m[4])];
    expect(faultLine).toBeGreaterThanOrEqual(from);
    expect(faultLine).toBeLessThanOrEqual(to);
    // A chunk starts right after an ER line, often with the blank line that follows it.
    expect(lines.slice(from - 1).find((l) => l.trim() !== '')).toMatch(/^PT /);
    expect(lines[from - 2]).toBe('ER');
    expect(r!.position).toBe(`byte ${m[1]}`);
    // Every record after the failed chunk loaded, at its own line.
    const after = await queryRows(db.connection, 'SELECT uid, line FROM records WHERE line > $to ORDER BY line LIMIT 3', { to });
    expect(after).toHaveLength(3);
    for (const a of after) expect(lines[Number(a.line) - 1]).toMatch(/^PT /);
    for (const a of after) expect(lines.slice(Number(a.line), Number(a.line) + 200).join('\n')).toContain(`UT ${a.uid}`);
    const f = summary.files[0]!;
    expect(f.status).toBe('done');
    if (f.status === 'done') expect(f.nRead).toBe(f.nLoaded + f.nDuplicate + f.nRejected);
  });
});
