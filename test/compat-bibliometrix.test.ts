import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_PAPERS } from '../src/analysis/selection.js';
import { compatDocuments } from '../src/compat/bibliometrix/documents.js';
import { compatFiles } from '../src/compat/bibliometrix/outputs.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { CORPORA, tempDir, WOS_PLAINTEXT } from './helpers.js';

const REFERENCE = resolve(CORPORA, '../reference/bibliometrix');

/** Reads R's write.csv output: quoted strings, bare NA and numbers. */
function readRCsv(text: string): (string | number | null)[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const cells: (string | number | null)[] = [];
      const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
      for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
        if (m[2] !== undefined) cells.push(m[2].replace(/""/g, '"'));
        else cells.push(m[1] === 'NA' ? null : Number(m[1]));
        if (m[3] === '') break;
      }
      return cells;
    });
}

function expectSameTable(name: string, actual: string, expected: string): void {
  const a = readRCsv(actual);
  const e = readRCsv(expected);
  expect(a.length, `${name}: rows`).toBe(e.length);
  e.forEach((row, i) => {
    expect(a[i]!.length, `${name} row ${i}: cells`).toBe(row.length);
    row.forEach((cell, j) => {
      const got = a[i]![j];
      if (typeof cell === 'number') expect(Math.abs((got as number) - cell), `${name} [${i},${j}]: ${got} vs ${cell}`).toBeLessThan(1e-9);
      else expect(got, `${name} [${i},${j}]`).toBe(cell);
    });
  });
}

const CASES = [
  { prefix: 'edge_wos', input: join(REFERENCE, 'inputs/edgecases_wos.txt') },
  { prefix: 'fixture_wos_sample', input: join(WOS_PLAINTEXT, 'massimoaria__bibliometrix__wos_sample.txt') },
  { prefix: 'edge_scopus', input: join(REFERENCE, 'inputs/edgecases_scopus.csv') },
  { prefix: 'fixture_scopus_sample', input: join(CORPORA, 'scopus_csv/massimoaria__bibliometrix__scopus_sample.csv') },
];

describe.each(CASES)('--compat bibliometrix reproduces bibliometrix 5.4.1 on $prefix', ({ prefix, input }) => {
  let files: Record<string, string>;
  beforeAll(async () => {
    const db = await openDatabase(join(tempDir(), 'compat.duckdb'));
    await ingest(db, [input], { workers: 1 });
    files = compatFiles(await compatDocuments(db.connection, ALL_PAPERS));
    db.close();
  });

  it('gives every document the same AU_CO and AU1_CO (matched by UT), with PY and TC', () => {
    const expected = readRCsv(readFileSync(join(REFERENCE, `expected/${prefix}_AU_CO.csv`), 'utf8'));
    const actual = readRCsv(files['AU_CO.csv']!);
    const byUt = new Map(actual.slice(1).map((r) => [r[0], r]));
    expect(actual.length).toBe(expected.length);
    for (const [, ut, py, tc, auCo, au1Co] of expected.slice(1)) {
      expect(byUt.get(ut)?.slice(1), String(ut)).toEqual([py, tc, auCo, au1Co]);
    }
  });

  it.each([
    'summary_countries.csv',
    'biblioshiny_countryCollab.csv',
    'TC_per_country.csv',
    'tableTag_AU_CO.csv',
    'country_matrix.csv',
    'norm_association.csv',
    'norm_equivalence.csv',
    'norm_inclusion.csv',
    'norm_jaccard.csv',
    'norm_salton.csv',
    'worldmap_edges.csv',
  ])('writes %s with the same names, order and values', (name) => {
    expectSameTable(name, files[name]!, readFileSync(join(REFERENCE, `expected/${prefix}_${name}`), 'utf8'));
  });

  it('gives the same scalars', () => {
    const parse = (t: string) =>
      Object.fromEntries(
        t
          .trim()
          .split('\n')
          .map((l) => l.split('='))
          .map(([k, v]) => [k, Number(v)]),
      );
    const expected = parse(readFileSync(join(REFERENCE, `expected/${prefix}_scalars.txt`), 'utf8'));
    const actual = parse(files['scalars.txt']!);
    for (const [k, v] of Object.entries(expected)) expect(actual[k], k).toBeCloseTo(v as number, 9);
  });
});
