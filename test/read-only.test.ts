import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../src/text/tabular.js';
import { CLI, tempDir, WOS_PLAINTEXT } from './helpers.js';

/**
 * `coauth sql` and every reading command cannot write, read other files, attach databases,
 * install or load extensions, or change settings (README, "Reliability"); CSV written for
 * people cannot run as spreadsheet formulas. Run from the built CLI, as a user or an attacker would.
 */
const dir = tempDir();
const db = join(dir, 'guarded.duckdb');
const other = join(dir, 'other.duckdb');
const coauth = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Real records whose titles and journal names start the way formulas do. */
const FORMULAS = ['=HYPERLINK("http://example.com","x")', '=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', "=cmd|' /C calc'!A0"];

beforeAll(() => {
  const text = readFileSync(join(WOS_PLAINTEXT, 'slitvinov__python-wos__savedrecs.txt'), 'utf8').replace(/^\uFEFF/, '');
  const records = text
    .split(/\nER\n/)
    .slice(0, 6)
    .map((r, i) =>
      r
        .slice(r.indexOf('PT '))
        .replace(/^TI .*(\n {3}.*)*/m, `TI ${FORMULAS[i]}`)
        .replace(/^SO .*$/m, `SO ${FORMULAS[i]}`),
    );
  writeFileSync(join(dir, 'formulas.txt'), `FN Clarivate Analytics Web of Science\nVR 1.0\n${records.join('\nER\n')}\nER\nEF\n`);
  expect(coauth('ingest', join(dir, 'formulas.txt')).status).toBe(0);
  const r = spawnSync(process.execPath, [CLI, '--db', other, 'ingest', join(dir, 'formulas.txt')], { encoding: 'utf8' });
  expect(r.status).toBe(0);
});

describe('coauth sql cannot write or escape', () => {
  const refused: [string, RegExp][] = [
    [`COPY records TO '${join(dir, 'leak.csv')}'`, /COPY statements are refused/],
    [`COPY records TO '${db}'`, /COPY statements are refused/],
    [`SELECT * FROM read_csv('/etc/passwd')`, /files, other databases and extensions are refused/],
    [`SELECT * FROM read_text('/etc/passwd')`, /files, other databases and extensions are refused/],
    [`SELECT * FROM read_blob('/etc/hostname')`, /files, other databases and extensions are refused/],
    [`SELECT * FROM read_parquet('${join(dir, 'x.parquet')}')`, /files, other databases and extensions are refused/],
    [`SELECT * FROM read_json('${join(dir, 'x.json')}')`, /files, other databases and extensions are refused/],
    [`SELECT * FROM glob('/etc/*')`, /files, other databases and extensions are refused/],
    [`ATTACH '${other}' AS o`, /ATTACH statements are refused/],
    [`ATTACH '${other}' AS o; DROP TABLE o.records`, /2 statements given/],
    [`EXPORT DATABASE '${join(dir, 'exported')}'`, /EXPORT statements are refused/],
    [`IMPORT DATABASE '${dir}'`, /files, other databases and extensions are refused/],
    [`SET memory_limit = '10GB'`, /SET statements are refused/],
    [`RESET memory_limit`, /RESET statements are refused/],
    [`INSTALL httpfs`, /INSTALL statements are refused/],
    [`LOAD httpfs`, /LOAD statements are refused/],
    [`PRAGMA database_size`, /PRAGMA statements are refused/],
    [`CALL pragma_version()`, /CALL statements are refused/],
    [`CREATE MACRO twice(a) AS a * 2`, /CREATE statements are refused/],
    [`CHECKPOINT`, /CHECKPOINT statements are refused/],
    [`DELETE FROM records`, /DELETE statements are refused/],
    [`DROP TABLE records`, /DROP statements are refused/],
    [`SELECT count(*) FROM records; COPY records TO '${join(dir, 'after.csv')}'`, /2 statements given/],
    [`SELECT 1 -- a comment ;\n; DELETE FROM records`, /2 statements given/],
    [`SELECT ';' AS s; DELETE FROM records`, /2 statements given/],
    [`/* SELECT */ DELETE FROM records`, /DELETE statements are refused/],
    [` -- SELECT\nUPDATE records SET title = 'x'`, /UPDATE statements are refused/],
    [`(COPY records TO '${join(dir, 'p.csv')}')`, /refused|syntax/i],
    [`WITH x AS (SELECT 1) DELETE FROM records`, /refused/],
  ];

  it.each(refused)('refuses %s with one line and exit code 2, the database file unchanged and no file written', (sql, why) => {
    const before = { db: hash(db), other: hash(other), files: readdirSync(dir).sort() };
    const r = coauth('sql', sql);
    expect(r.status, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect({ db: hash(db), other: hash(other), files: readdirSync(dir).sort() }).toEqual(before);
  });

  it('still answers a query, with comments and strings holding semicolons', () => {
    const r = coauth('sql', "/* ; */ SELECT count(*) AS n, ';' AS s FROM records -- ;", '--format', 'csv');
    expect([r.status, r.stdout]).toEqual([0, 'n,s\n6,;\n']);
  });
});

describe('CSV for spreadsheets', () => {
  it('guards every cell start a spreadsheet runs (=, +, -, @, tab, carriage return), cell by cell in the bytes', () => {
    const rows = ['=1', '+1', '-1', '@a', '\tx', '\rx', 'a=1', ' =1', 'plain'].map((t, i) => ({ t, n: i - 1 }));
    expect(toCsv(rows)).toBe(`t,n\n'=1,-1\n'+1,0\n'-1,1\n'@a,2\n'\tx,3\n"'\rx",4\na=1,5\n =1,6\nplain,7\n`);
    expect(toCsv(rows, undefined, { raw: true })).toContain('\n=1,-1\n');
  });

  const cellsOf = (csv: string) => parse(csv, { columns: true, relax_column_count: false }) as Record<string, string>[];

  it('writes a text cell that starts like a formula with a leading apostrophe, numbers as numbers (sql --format csv)', () => {
    const r = coauth('sql', 'SELECT title, source_title, times_cited, -2 AS minus FROM records ORDER BY rec_id', '--format', 'csv');
    const rows = cellsOf(r.stdout);
    expect(rows.map((c) => c.title)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(rows.map((c) => c.source_title)).toEqual(FORMULAS.map((f) => `'${f}`));
    for (const c of rows) {
      expect(c.times_cited).toMatch(/^\d+$/);
      expect(c.minus).toBe('-2');
    }
    const raw = cellsOf(coauth('--raw-csv', 'sql', 'SELECT title FROM records ORDER BY rec_id', '--format', 'csv').stdout);
    expect(raw.map((c) => c.title)).toEqual(FORMULAS);
  });

  it('guards the CSV DuckDB writes too (export-table), and nothing else than the output file is written', () => {
    const out = join(dir, 'records.csv');
    const before = hash(db);
    const r = coauth('export-table', 'records', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const rows = cellsOf(readFileSync(out, 'utf8'));
    expect(rows.map((c) => c.title)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(rows.every((c) => /^\d+$/.test(c.times_cited!))).toBe(true);
    expect(hash(db)).toBe(before);
    copyFileSync(out, join(dir, 'kept.csv'));
    const raw = coauth('--raw-csv', 'export-table', 'records', '--out', out);
    expect(raw.status, raw.stderr).toBe(0);
    expect(cellsOf(readFileSync(out, 'utf8')).map((c) => c.title)).toEqual(FORMULAS);
  });

  it('says what to run when a table is not there yet', () => {
    const r = coauth('export-table', 'cube_countries', '--out', join(dir, 'cube.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has no cube_countries yet: run coauth analyze first');
  });
});
