import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryMatrix } from '../src/analysis/country-matrix.js';
import { ALL_PAPERS } from '../src/analysis/selection.js';
import { ingest, type IngestSummary } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { corpusFiles, countErLines, handCount, tempDir, WOS_PLAINTEXT } from './helpers.js';

/** Duplicates per file when the 30 files are read in path order (the order ingest uses). */
const EXPECTED_DUPLICATES: Record<string, number> = {
  // 11 papers of this export already came with 01_citing_EastAsia / 01_citing_MAfrica.
  'GabrielNakamura__Decolonizing_expertise__01_citing_sahara.txt': 11,
  // The pristine original of badFile.isi, read after it: all but the record rejected there.
  'networks-lab__metaknowledge__savedrecs.txt': 31,
  'oliviergimenez__capture-recapture-review__savedrecs.txt': 1,
};

let db: Database;
let summary: IngestSummary;
const dir = tempDir();

beforeAll(async () => {
  db = await openDatabase(join(dir, 'corpora.duckdb'));
  // Overlapping exports merged as the study merged them: the first record of a UT stays (--keep first).
  summary = await ingest(db, [WOS_PLAINTEXT], { workers: 2, keepLatest: false });
});
afterAll(() => db.close());

const countriesOf = async (uid: string): Promise<string> => {
  const rows = await queryRows(
    db.connection,
    `SELECT country || CASE WHEN is_corresponding THEN '*' ELSE '' END AS c
     FROM record_countries JOIN records USING (rec_id) WHERE uid = $uid ORDER BY country`,
    { uid },
  );
  return rows.map((r) => r.c).join(',');
};

describe('ingest of every real WoS plain-text export in ../shared/corpora', () => {
  it('accounts for every record of every file: loaded + duplicate + rejected = read = ER lines', async () => {
    const files = corpusFiles(WOS_PLAINTEXT);
    expect(files).toHaveLength(30);
    expect(summary.files).toHaveLength(30);
    let total = 0;
    for (const [i, path] of files.entries()) {
      const r = summary.files[i]!;
      expect(r.path).toBe(path);
      if (r.status !== 'done') throw new Error(`${path}: ${r.status}`);
      const name = basename(path);
      const records = countErLines(path);
      total += records;
      expect(r.nRead, name).toBe(records);
      expect(r.nLoaded + r.nDuplicate + r.nRejected, name).toBe(records);
      expect(r.nDuplicate, name).toBe(EXPECTED_DUPLICATES[name] ?? 0);
      expect(r.nRejected, name).toBe(name === 'networks-lab__metaknowledge__badFile.isi' ? 1 : 0);
    }
    expect(total).toBe(13_634);
    expect(summary.nRead).toBe(13_634);
  });

  it('loads each distinct UT once: loaded = distinct UT lines in the files', async () => {
    const uts = new Set<string>();
    for (const path of corpusFiles(WOS_PLAINTEXT)) {
      for (const m of readFileSync(path, 'utf8').matchAll(/^UT (\S+)/gm)) uts.add(m[1]!);
    }
    expect(summary.nLoaded).toBe(uts.size);
    const [row] = await queryRows(db.connection, 'SELECT count(*) AS n, count(DISTINCT uid) AS d FROM records');
    expect(row).toEqual({ n: uts.size, d: uts.size });
  });

  it('keeps the rejected record of badFile.isi with its file, line and reason', async () => {
    const rows = await queryRows(db.connection, `SELECT f.path, r.position, r.kind, r.reason FROM rejects r JOIN files f USING (file_id)`);
    expect(rows).toHaveLength(1);
    expect(basename(rows[0]!.path as string)).toBe('networks-lab__metaknowledge__badFile.isi');
    expect(rows[0]).toMatchObject({ position: 'line 3', kind: 'record' });
    expect(rows[0]!.reason).toMatch(/^line 13: C1 line does not end with '\.'/);
  });

  it('gives named real papers their countries (* = corresponding country)', async () => {
    // Iran (corresponding), Slovenia, Taiwan, Austria (one author's second and third affiliations), U.S. by "WI 53706 USA".
    expect(await countriesOf('WOS:000614615100001')).toBe('AT,IR*,SI,TW,US');
    // England twice and "Hong Kong, Hong Kong, Peoples R China": Hong Kong is not China.
    expect(await countriesOf('WOS:000187385800002')).toBe('GB*,HK');
    // England and Scotland roll up into GB; corresponding address in Australia.
    expect(await countriesOf('WOS:000279062800017')).toBe('AU*,GB');
    // 1989 uppercase addresses without a country: "JACKSON,MS 39216." is the U.S. by state + ZIP (no RP).
    expect(await countriesOf('WOS:A1989R767200003')).toBe('US');
    // Single-country paper, seven Japanese addresses.
    expect(await countriesOf('WOS:000879178200006')).toBe('JP*');
    // The corresponding author's address (Spain) is not in C1 (Netherlands only): both countries count.
    expect(await countriesOf('WOS:000278572300001')).toBe('ES*,NL');
  });

  it('running again on the same inputs skips every file and changes nothing', async () => {
    const before = await queryRows(
      db.connection,
      'SELECT (SELECT count(*) FROM records) r, (SELECT count(*) FROM addresses) a, (SELECT count(*) FROM files) f',
    );
    const again = await ingest(db, [WOS_PLAINTEXT], { workers: 2, keepLatest: false });
    expect(again.files.map((f) => f.status)).toEqual(new Array(30).fill('skipped'));
    expect(again.nRead).toBe(0);
    const after = await queryRows(
      db.connection,
      'SELECT (SELECT count(*) FROM records) r, (SELECT count(*) FROM addresses) a, (SELECT count(*) FROM files) f',
    );
    expect(after).toEqual(before);
  });
});

describe('co-authorship matrix on one real export, checked against an independent count', () => {
  const file = join(WOS_PLAINTEXT, 'slitvinov__python-wos__savedrecs.txt');
  let one: Database;
  beforeAll(async () => {
    one = await openDatabase(join(dir, 'one.duckdb'));
    await ingest(one, [file], { workers: 2 });
  });
  afterAll(() => one.close());

  it('has the same diagonal and off-diagonal cells for the U.S., China, Taiwan, Hong Kong and the UK', async () => {
    const sets = handCount(file).map((r) => r.countries);
    expect(sets).toHaveLength(500);
    const cell = (a: string, b: string): number => sets.filter((s) => s.has(a) && s.has(b)).length;
    const m = await countryMatrix(one.connection, ALL_PAPERS);
    const get = (a: string, b: string): number => m.counts[m.countries.indexOf(a)]![m.countries.indexOf(b)]!;
    const pairs: [string, string][] = [
      ['CN', 'CN'],
      ['US', 'US'],
      ['US', 'CN'],
      ['CN', 'TW'],
      ['CN', 'HK'],
      ['US', 'GB'],
      ['TW', 'TW'],
    ];
    for (const [a, b] of pairs) {
      expect(get(a, b), `${a}-${b}`).toBe(cell(a, b));
      expect(get(b, a), `${b}-${a}`).toBe(cell(a, b));
    }
    // The same numbers written out, so a change in either count shows up here.
    expect([get('CN', 'CN'), get('US', 'US'), get('US', 'CN')]).toEqual([120, 124, 10]);
  });
});
