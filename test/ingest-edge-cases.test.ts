import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { CORPORA, tempDir, WOS_PLAINTEXT } from './helpers.js';

const SAMPLE = join(WOS_PLAINTEXT, 'BrunaLab__coauthors_nsf__savedrecs.txt'); // 102 records
let dir: string;
let db: Database;

beforeEach(async () => {
  dir = tempDir();
  db = await openDatabase(join(dir, 'edge.duckdb'));
});
afterEach(() => db.close());

describe('ingest of damaged and unexpected input', () => {
  it('keeps what a truncated .gz held before the cut, marks the file partial and says where it broke', async () => {
    const gz = gzipSync(readFileSync(SAMPLE));
    const cut = join(dir, 'cut.txt.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    const s = await ingest(db, [cut], { workers: 2 });
    const f = s.files[0]!;
    if (f.status !== 'partial') throw new Error(`status ${f.status}`);
    expect(f.nLoaded).toBeGreaterThan(20);
    expect(f.nLoaded).toBeLessThan(102);
    expect(f.nRead).toBe(f.nLoaded + f.nDuplicate + f.nRejected);
    const rejects = await queryRows(db.connection, 'SELECT kind, reason FROM rejects ORDER BY kind');
    expect(rejects.map((r) => r.kind)).toEqual(['file', 'record']);
    expect(rejects[0]!.reason).toMatch(/read error, the rest of the file is lost: unexpected end of file/);
    expect(rejects[1]!.reason).toMatch(/truncated record/);
  });

  it('loads records with bytes that are not UTF-8, the bytes replaced, and names each line that has them', async () => {
    // A title typed in Windows-1252 (0xE9 for é) into a UTF-8 export, in two records, twice in a line.
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    const titles = lines.flatMap((l, i) => (l.startsWith('TI ') ? [i] : [])).slice(3, 5);
    const e = Buffer.from([0xe9]);
    const title = Buffer.concat([Buffer.from('TI Caf'), e, Buffer.from(' soci'), e, Buffer.from('t')]);
    const parts = lines.map((l, i) => (titles.includes(i) ? title : Buffer.from(l)));
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.concat(parts.flatMap((p, i) => (i < parts.length - 1 ? [p, Buffer.from('\n')] : [p]))));
    const s = await ingest(db, [file], { workers: 2 });
    expect(s.files[0]).toMatchObject({ status: 'done', nRead: 102, nLoaded: 102, nRejected: 0 });
    const rejects = await queryRows(db.connection, 'SELECT kind, position, reason, excerpt FROM rejects ORDER BY position');
    // One reject a line, not one a bad byte.
    expect(rejects.map((r) => [r.kind, r.position, r.excerpt])).toEqual(
      titles.map((i) => ['encoding', `line ${i + 1}`, 'TI Caf\uFFFD soci\uFFFDt']),
    );
    expect(rejects[0]!.reason).toMatch(/^invalid UTF-8 \(2 bytes, the first E9\): replaced by U\+FFFD/);
    const [t] = await queryRows(db.connection, `SELECT count(*) AS n FROM records WHERE starts_with(title, 'Caf\uFFFD soci\uFFFDt')`);
    expect(Number(t!.n)).toBe(2);
  });

  it('rejects a record over the size limit with its line and loads the rest', async () => {
    const s = await ingest(db, [join(WOS_PLAINTEXT, 'networks-lab__metaknowledge__ManyAuthors.isi')], {
      workers: 2,
      chunkBytes: 64 * 1024,
      maxRecordBytes: 100 * 1024,
    });
    const f = s.files[0]!;
    if (f.status !== 'done') throw new Error(`status ${f.status}`);
    expect(f.nRead).toBe(500);
    expect(f.nRejected).toBeGreaterThan(0);
    expect(f.nLoaded + f.nRejected).toBe(500);
    const rows = await queryRows(db.connection, `SELECT position, reason, excerpt FROM rejects`);
    expect(rows).toHaveLength(f.nRejected);
    for (const r of rows) {
      expect(r.reason).toMatch(/exceeds the 102400-byte limit/);
      // The position is the record's PT line.
      const line = Number(/^line (\d+)$/.exec(r.position as string)![1]);
      const text = readFileSync(join(WOS_PLAINTEXT, 'networks-lab__metaknowledge__ManyAuthors.isi'), 'utf8').split('\n');
      expect(text[line - 1]).toMatch(/^PT /);
    }
  });

  it('reports a file in a format it cannot read yet, and goes on with the others', async () => {
    const s = await ingest(db, [join(CORPORA, 'other/massimoaria__bibliometrix__lens_sample.csv'), SAMPLE], { workers: 2 });
    expect(s.files.map((f) => f.status)).toEqual(['unsupported', 'done']); // in path order
    expect(s.nLoaded).toBe(102);
    const [row] = await queryRows(db.connection, `SELECT f.status, f.n_read, r.kind, r.reason FROM files f JOIN rejects r USING (file_id)`);
    expect(row).toEqual({
      status: 'failed',
      n_read: 0,
      kind: 'file',
      reason: 'format not supported yet: Lens CSV, which has no author affiliations to read countries from',
    });
  });
});
