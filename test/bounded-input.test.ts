import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
import { CLI, CORPORA, tempDir } from './helpers.js';

/** --max-record-mb holds in every format: a record over it is rejected at its position, nothing is cut silently. */
const page = () =>
  JSON.parse(readFileSync(join(CORPORA, 'openalex_json', 'FMuro__bibliographer__openalex.json'), 'utf8')) as {
    results: Record<string, unknown>[];
  };

describe('records over --max-record-mb', () => {
  it('in a JSON document: a work with a 50 MB value is rejected at its byte, every other work loads whole', async () => {
    const dir = tempDir();
    const p = page();
    p.results[10]!.title = 'x'.repeat(50 << 20);
    writeFileSync(join(dir, 'big.json'), JSON.stringify(p, null, 1));
    const db = await openDatabase(join(dir, 'b.duckdb'));
    const s = await ingest(db, [join(dir, 'big.json')], { workers: 1, maxRecordBytes: 16 << 20 });
    const f = s.files[0]!;
    expect(f.status === 'done' && [f.nRead, f.nLoaded, f.nRejected]).toEqual([65, 64, 1]);
    const [r] = await queryRows(db.connection, 'SELECT position, code, reason FROM rejects');
    expect(r!.code).toBe('too-large');
    expect(String(r!.reason)).toMatch(
      /^record of \d+ bytes exceeds the 16777216-byte limit \(--max-record-mb\); skipped to the next record$/,
    );
    const at = Number(/^byte (\d+)$/.exec(String(r!.position))![1]);
    expect(
      readFileSync(join(dir, 'big.json'))
        .subarray(at, at + 40)
        .toString(),
    ).toMatch(/^\{\s*"id": "https:\/\/openalex.org\/W/);
    const [longest] = await queryRows(db.connection, 'SELECT max(length(title)) AS n FROM records');
    expect(Number(longest!.n)).toBeLessThan(1000);
    db.close();
  });

  /** Peak RSS of `coauth ingest` on one file (workers are threads of it, DuckDB is in it), written by the process itself as it exits. */
  function peakRss(file: string, dir: string): { rss: number; rejects: string } {
    const preload = join(dir, 'rss.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'rss.txt'))}, String(process.resourceUsage().maxRSS)));`,
    );
    const r = spawnSync(
      process.execPath,
      ['-r', preload, CLI, '--db', join(dir, 'p.duckdb'), 'ingest', '--workers', '1', '--max-reject-rate', '1', file],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const rejects = spawnSync(
      process.execPath,
      [CLI, '--db', join(dir, 'p.duckdb'), 'sql', 'SELECT code, position FROM rejects', '--format', 'csv'],
      { encoding: 'utf8' },
    ).stdout;
    return { rss: Number(readFileSync(join(dir, 'rss.txt'), 'utf8')) * 1024, rejects };
  }

  /** Writes head, then `size` bytes of `fill`, then tail, without holding the file in memory. */
  function writeHuge(path: string, head: string, size: number, tail: string): void {
    const fd = openSync(path, 'w');
    writeSync(fd, head);
    const block = Buffer.alloc(16 << 20, 'a');
    for (let left = size; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(block.length, left));
    writeSync(fd, tail);
    closeSync(fd);
  }

  it('a 1 GB JSON value and a 1 GB XML element are each rejected with peak RSS under 1 GB', () => {
    const dir = tempDir();
    const p = page();
    const json = JSON.stringify(p.results.slice(0, 3));
    const opened = json.slice(0, -1) + ', {"id": "https://openalex.org/W1", "title": "';
    writeHuge(join(dir, 'huge.json'), opened, 1 << 30, `"}, ${JSON.stringify(p.results[3])}]`);
    const j = peakRss(join(dir, 'huge.json'), dir);
    expect(j.rejects).toMatch(/^code,position\ntoo-large,byte \d+\n$/);
    expect(j.rss).toBeLessThan(1 << 30);

    const xml = readFileSync(join(CORPORA, 'wos_xml', 'DongboShi__wos_parser__1985.xml'), 'utf8');
    const firstRec = xml.indexOf('<REC');
    const dir2 = tempDir();
    writeHuge(
      join(dir2, 'huge.xml'),
      xml.slice(0, firstRec) + '<REC><UID>WOS:000000000000001</UID><static_data><summary><titles><title type="item">',
      1 << 30,
      '</title></titles></summary></static_data></REC>\n' + xml.slice(firstRec),
    );
    const x = peakRss(join(dir2, 'huge.xml'), dir2);
    expect(x.rejects).toMatch(/^code,position\ntoo-large,line \d+\n$/);
    expect(x.rss).toBeLessThan(1 << 30);
    for (const d of [dir, dir2]) rmSync(d, { recursive: true, force: true });
  });
});

describe('control bytes', () => {
  it('are removed from a WoS record with an encoding reject naming the line, and no output carries them', async () => {
    const dir = tempDir();
    const text = readFileSync(join(CORPORA, 'wos_plaintext', 'slitvinov__python-wos__savedrecs.txt'), 'utf8');
    const lines = text.split('\n');
    const ti = lines.findIndex((l) => l.startsWith('TI '));
    lines[ti] = lines[ti]!.slice(0, 10) + '\u0000\u0007' + lines[ti]!.slice(10);
    const so = lines.findIndex((l, i) => i > ti && l.startsWith('SO '));
    lines[so] = lines[so] + '\u0000';
    writeFileSync(join(dir, 'nul.txt'), lines.join('\n'));
    const db = await openDatabase(join(dir, 'n.duckdb'));
    const s = await ingest(db, [join(dir, 'nul.txt')], { workers: 1 });
    expect(s.nLoaded).toBe(500);
    const rejects = await queryRows(db.connection, `SELECT position, kind, code, reason FROM rejects ORDER BY position`);
    expect(rejects).toEqual(
      [
        {
          position: `line ${ti + 1}`,
          kind: 'encoding',
          code: 'control-bytes',
          reason: '2 control bytes (the first 0x00) removed: not text (NUL and the like); the record loads without them',
        },
        {
          position: `line ${so + 1}`,
          kind: 'encoding',
          code: 'control-bytes',
          reason: '1 control byte (the first 0x00) removed: not text (NUL and the like); the record loads without it',
        },
      ].sort((a, b) => (a.position < b.position ? -1 : 1)),
    );
    const [n] = await queryRows(
      db.connection,
      `SELECT count(*) AS n FROM records WHERE regexp_matches(title || source_title, '[\\x00-\\x08]')`,
    );
    expect(n!.n).toBe(0);
    db.close();
  });
});
