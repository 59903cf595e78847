import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATIONS } from '../fuzz/mutate.js';
import { Random } from '../src/gen/random.js';
import { CLI, CORPORA, ROOT, tempDir } from './helpers.js';

/**
 * Every mutation the fuzzer makes (fuzz/mutate.ts), once on a real file of each format, and every
 * case a fuzzer run saved (test/fuzz-cases/): ingested in one run, nothing crashes, every file
 * adds up, only whole files are in the database.
 */
const SOURCES = [
  'wos_plaintext/awandahl__wos__savedrecs.txt',
  'wos_tabdelim/' + readdirSync(join(CORPORA, 'wos_tabdelim')).sort()[0],
  'wos_xml/DongboShi__wos_parser__1985.xml',
  'scopus_csv/' + readdirSync(join(CORPORA, 'scopus_csv')).sort()[0],
  'openalex_json/FMuro__bibliographer__openalex.json',
];
const SAVED = join(ROOT, 'test/fuzz-cases');

describe('fuzz cases', () => {
  it('every mutation on every format, and every saved case: no crash, every file adds up, whole files only', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    const random = new Random(7);
    let n = 0;
    for (const source of SOURCES) {
      const bytes = readFileSync(join(CORPORA, source)).subarray(0, 128 * 1024);
      for (const [name, mutate] of Object.entries(MUTATIONS))
        writeFileSync(join(dir, 'in', `${n++}-${name.replace(/\W+/g, '-')}-${basename(source)}`), mutate(bytes, random));
    }
    const saved = existsSync(SAVED) ? readdirSync(SAVED) : [];
    for (const f of saved) writeFileSync(join(dir, 'in', `saved-${f}`), readFileSync(join(SAVED, f)));
    const db = join(dir, 'f.duckdb');
    const r = spawnSync(
      process.execPath,
      [CLI, '--db', db, 'ingest', '--quiet', '--max-record-mb', '1', '--commit-mb', '1', '--max-reject-rate', '1', join(dir, 'in')],
      { encoding: 'utf8' },
    );
    expect([0, 3], r.stderr).toContain(r.status);
    const sql = (q: string) => spawnSync(process.execPath, [CLI, '--db', db, 'sql', q, '--format', 'json'], { encoding: 'utf8' });
    const bad = sql(`SELECT path FROM files f WHERE n_read <> n_loaded + n_duplicate + n_rejected
                     OR n_loaded <> (SELECT count(*) FROM record_versions v WHERE v.file_id = f.file_id)`);
    expect(bad.status, bad.stderr).toBe(0);
    expect(JSON.parse(bad.stdout)).toEqual([]);
    const counts = JSON.parse(sql('SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM records) AS records').stdout)[0];
    // Every mutant is a file row, but those whose bytes another mutant already had (the empty ones, a cut at 0).
    expect(counts.files).toBeGreaterThanOrEqual(n + saved.length - 2 * SOURCES.length);
    expect(counts.records).toBeGreaterThan(100);
  });
});
