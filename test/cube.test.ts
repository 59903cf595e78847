import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig, type CubeConfig } from '../src/analysis/cube/config.js';
import { SELECTED_PAPERS_SQL } from '../src/analysis/selection.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { referenceCube, type ReferenceConfig } from './cube-reference.js';
import { corpusFiles, CORPORA, handCount, ROOT, tempDir, WOS_PLAINTEXT } from './helpers.js';

const CONFIG: CubeConfig = checkConfig({
  topics: [
    { name: 'deep learning', query: 'deep learning' },
    { name: 'quantum computing', query: '"quantum computing" OR "quantum computer"' },
    { name: 'ecology', query: 'ecolog* OR "species distribution"' },
  ],
  periods: [
    { from: 2015, to: 2019 },
    { from: 1990, to: 1999 },
  ],
  // 2015-2019 is both a period and a 5-year window: it must count once.
  windows: [5],
  excludeDocTypes: ['Proceedings Paper'],
});

/** Keeps the cube as the incremental build left it, rebuilds it in full, and compares every row. */
async function expectIncrementalEqualsFull(db: Database, config: CubeConfig, minRows = 1000): Promise<void> {
  const tables = {
    cube_countries: [
      ['basis', 'field', 'period', 'country'],
      ['papers', 'papers_fractional', 'articles', 'scp', 'mcp', 'mcp_ratio'],
    ],
    cube_links: [
      ['basis', 'field', 'period', 'country_a', 'country_b'],
      ['papers', 'papers_fractional'],
    ],
    cube_corresponding_partners: [['basis', 'field', 'period', 'country', 'partner'], ['papers']],
    cube_coverage: [
      ['basis', 'field', 'period'],
      ['papers', 'country_unknown', 'corresponding_unknown', 'international'],
    ],
  } as const;
  for (const t of Object.keys(tables)) await db.connection.run(`CREATE OR REPLACE TABLE inc_${t} AS SELECT * FROM ${t}`);
  const rebuilt = await buildCube(db.connection, config, { full: true });
  expect(rebuilt.full).toBe(true);
  for (const [t, [keys, values]] of Object.entries(tables)) {
    const on = keys.map((k) => `a.${k} = b.${k}`).join(' AND ');
    const diff = values
      .map((v) => `coalesce(abs(a.${v} - b.${v}), 0) + CASE WHEN (a.${v} IS NULL) <> (b.${v} IS NULL) THEN 1 ELSE 0 END`)
      .join(' + ');
    const [r] = await queryRows(
      db.connection,
      `SELECT count(*) FILTER (WHERE a.${keys[0]} IS NULL OR b.${keys[0]} IS NULL) AS unmatched, max(${diff}) AS max_diff, count(*) AS n
       FROM inc_${t} a FULL OUTER JOIN ${t} b ON ${on}`,
    );
    expect(r!.unmatched, t).toBe(0);
    expect(r!.max_diff as number, t).toBeLessThan(1e-9);
    expect(r!.n as number, t).toBeGreaterThan(minRows);
  }
}

const REFERENCE: ReferenceConfig = {
  topics: [
    { name: 'deep learning', words: /\bdeep[\s-]+learning\b/ },
    { name: 'quantum computing', words: /\bquantum[\s-]+comput(?:ing|er)\b/ },
    { name: 'ecology', words: /\becolog\w*\b|\bspecies[\s-]+distribution\b/ },
  ],
  periods: CONFIG.periods,
  windows: CONFIG.windows,
  excludeDocTypes: ['proceedings paper'],
};

/** Compares every row of the cube with the reference, both ways. */
async function expectCubeEqualsReference(db: Database, config = REFERENCE): Promise<number> {
  const ref = await referenceCube(db.connection, config);
  const c = db.connection;
  const countries = await queryRows(c, 'SELECT * FROM cube_countries');
  expect(countries.length).toBe(ref.countries.size);
  for (const r of countries) {
    const e = ref.countries.get(`${r.basis}|${r.field}|${r.period}|${r.country}`);
    expect(e, `${r.basis}|${r.field}|${r.period}|${r.country}`).toBeDefined();
    expect([r.papers, r.articles, r.scp, r.mcp, r.international]).toEqual([e!.papers, e!.articles, e!.scp, e!.mcp, e!.international]);
    expect(r.papers_fractional as number, `fractional ${JSON.stringify(r)}`).toBeCloseTo(e!.papers_fractional, 9);
    if (e!.articles > 0) expect(r.mcp_ratio as number).toBeCloseTo(e!.mcp / e!.articles, 9);
  }
  const links = await queryRows(c, 'SELECT * FROM cube_links');
  expect(links.length).toBe(ref.links.size);
  for (const r of links) {
    const e = ref.links.get(`${r.basis}|${r.field}|${r.period}|${r.country_a}|${r.country_b}`)!;
    expect(r.papers).toBe(e.papers);
    expect(r.papers_fractional as number, `link ${JSON.stringify(r)}`).toBeCloseTo(e.papers_fractional, 9);
  }
  const partners = await queryRows(c, 'SELECT * FROM cube_partners');
  for (const r of partners) {
    const cell = `${r.basis}|${r.field}|${r.period}`;
    const k = ref.partners.get(`${cell}|${r.country}|${r.partner}`) ?? 0;
    const [a, b] = [r.country as string, r.partner as string].sort();
    const w = ref.links.get(`${cell}|${a}|${b}`)?.papers ?? 0;
    const x = ref.countries.get(`${cell}|${r.country}`)!;
    expect([r.papers_corresponding, r.papers_participation]).toEqual([k, w]);
    if (x.articles > 0) expect(r.share_corresponding as number, `share ${JSON.stringify(r)}`).toBeCloseTo(k / x.articles, 9);
    if (x.papers > 0) expect(r.share_participation as number, `share ${JSON.stringify(r)}`).toBeCloseTo(w / x.papers, 9);
    else expect(r.share_participation).toBeNull();
  }
  const pairs = new Set([
    ...ref.partners.keys(),
    ...[...ref.links.keys()].flatMap((key) => {
      const [basis, field, period, a, b] = key.split('|');
      return [`${basis}|${field}|${period}|${a}|${b}`, `${basis}|${field}|${period}|${b}|${a}`];
    }),
  ]);
  expect(partners.length).toBe(pairs.size);
  const coverage = await queryRows(c, 'SELECT * FROM cube_coverage');
  expect(coverage.length).toBe(ref.coverage.size);
  for (const r of coverage) {
    const e = ref.coverage.get(`${r.basis}|${r.field}|${r.period}`)!;
    expect([r.papers, r.country_unknown, r.corresponding_unknown, r.international]).toEqual([
      e.papers,
      e.country_unknown,
      e.corresponding_unknown,
      e.international,
    ]);
  }
  return countries.length + links.length + partners.length + coverage.length;
}

describe('the co-authorship cube', () => {
  it('equals a plain-loop reference on every real WoS export, every measure, field, period and basis', async () => {
    const db = await openDatabase(join(tempDir(), 'cube.duckdb'));
    await ingest(db, [WOS_PLAINTEXT], { workers: 2 });
    // Without rolling windows here (the generated data has them), to keep the comparison quick.
    const build = await buildCube(db.connection, { ...CONFIG, windows: [] });
    expect(build.full).toBe(true);
    expect(await expectCubeEqualsReference(db, { ...REFERENCE, windows: [] })).toBeGreaterThan(100_000);
    db.close();
  });

  it('equals the reference under the region policies (Hong Kong and Macao, or Taiwan, folded into China), built in pieces', async () => {
    const db = await openDatabase(join(tempDir(), 'cube-regions.duckdb'));
    await ingest(db, corpusFiles(WOS_PLAINTEXT).slice(0, 6), { workers: 2 });
    const [n] = await queryRows(
      db.connection,
      "SELECT count(DISTINCT rec_id) AS n FROM record_countries WHERE country IN ('HK', 'MO', 'TW')",
    );
    expect(n!.n as number).toBeGreaterThan(20);
    const plain = { ...CONFIG, windows: [], topics: [] };
    const folds = { 'merge-china': ['HK', 'MO'], bibliometrix: ['TW'] } as const;
    for (const [regions, folded] of Object.entries(folds)) {
      // Pieces of 700 records: the pieces' rows of one cell are summed.
      const build = await buildCube(
        db.connection,
        { ...plain, policy: { regions: regions as 'merge-china' | 'bibliometrix', ukNations: false } },
        { pieceRecords: 700 },
      );
      expect(build.full).toBe(true);
      const map = (c: string) => ((folded as readonly string[]).includes(c) ? 'CN' : c);
      expect(await expectCubeEqualsReference(db, { ...REFERENCE, topics: [], windows: [], map }), regions).toBeGreaterThan(10_000);
      const [left] = await queryRows(db.connection, `SELECT count(*) AS n FROM cube_countries WHERE country IN ('${folded.join("', '")}')`);
      expect(left!.n, regions).toBe(0);
    }
    db.close();
  });

  it('equals the reference on generated data with many fields and 40 years, built in pieces', async () => {
    const db = await openDatabase(join(tempDir(), 'cube-gen.duckdb'));
    await ingest(db, [join(ROOT, 'samples')], { workers: 2 });
    // A category or area named twice in a record counts once (the reference takes their sets).
    await db.connection
      .run(`UPDATE records SET categories = list_concat(categories, categories), research_areas = list_concat(research_areas, research_areas[1:1])
      WHERE rec_id % 7 = 0`);
    const build = await buildCube(db.connection, CONFIG, { pieceRecords: 397 });
    expect(build.newPapers).toBeGreaterThan(397 * 2);
    const [fields] = await queryRows(db.connection, 'SELECT count(DISTINCT field) AS f, count(DISTINCT period) AS p FROM cube_countries');
    expect(fields!.f).toBeGreaterThan(8);
    expect(fields!.p).toBeGreaterThan(40);
    await expectCubeEqualsReference(db);
    db.close();
  });

  it('after an ingest that adds papers, recomputes only the cells they fall in, and equals a full rebuild', async () => {
    const files = corpusFiles(WOS_PLAINTEXT);
    const db = await openDatabase(join(tempDir(), 'cube-inc.duckdb'));
    await ingest(db, files.slice(0, 20), { workers: 2 });
    await buildCube(db.connection, CONFIG);
    await ingest(db, files.slice(20), { workers: 2 });
    const inc = await buildCube(db.connection, CONFIG);
    expect(inc.full).toBe(false);
    expect(inc.newPapers).toBeGreaterThan(1000);
    const [all] = await queryRows(
      db.connection,
      'SELECT count(*) AS n FROM (SELECT DISTINCT field, year FROM record_fields JOIN records USING (rec_id))',
    );
    expect(inc.cells).toBeLessThan(all!.n as number);
    // Countries first seen in the later files are numbered after the others, out of name order:
    // the links must still hold them in the order of their names.
    const [late] = await queryRows(
      db.connection,
      `SELECT count(*) AS n FROM cube_store.country_codes a, cube_store.country_codes b
      WHERE a.country_id < b.country_id AND a.country > b.country`,
    );
    expect(Number(late!.n)).toBeGreaterThan(0);
    await expectIncrementalEqualsFull(db, CONFIG);
    db.close();
  });

  it('replaces a cube stored by an earlier version (tables with names) by a full build', async () => {
    const db = await openDatabase(join(tempDir(), 'cube-old.duckdb'));
    await ingest(db, [join(WOS_PLAINTEXT, 'oliviergimenez__capture-recapture-review__savedrecs.txt')], { workers: 1 });
    await db.connection.run(`CREATE TABLE record_fields (rec_id BIGINT NOT NULL, field VARCHAR NOT NULL);
      CREATE TABLE cube_links (basis VARCHAR, field VARCHAR, period VARCHAR, country_a VARCHAR, country_b VARCHAR, papers BIGINT, papers_fractional DOUBLE);
      CREATE TABLE cube_state (config VARCHAR NOT NULL, max_rec_id BIGINT NOT NULL, built_at TIMESTAMP NOT NULL);
      INSERT INTO cube_state VALUES ('${JSON.stringify(CONFIG)}', 1000000, current_timestamp);`);
    const build = await buildCube(db.connection, CONFIG);
    expect(build.full).toBe(true);
    await expectCubeEqualsReference(db);
    db.close();
  });
});

describe('duplicates across sources, by DOI', () => {
  const WOS = join(CORPORA, 'wos_tabdelim/jpruiz84__ScientoPy__wos.txt');
  const SCOPUS = join(CORPORA, 'scopus_csv/jpruiz84__ScientoPy__scopus.csv');
  /** DOI -> ids, read with csv-parse alone (tab-delimited without quoting; RFC 4180 CSV). */
  const doisOf = (path: string, delimiter: string, doi: string, id: string): Map<string, Set<string>> => {
    const rows = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
      delimiter,
      quote: delimiter === '\t' ? false : '"',
      relax_column_count: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      const d = (r[doi] ?? '').trim().toLowerCase();
      if (d) out.set(d, (out.get(d) ?? new Set()).add(r[id]!));
    }
    return out;
  };

  it('leave the Scopus copy of a WoS paper out of every analysis (or the WoS copy with --prefer scopus), and the cube follows incrementally', async () => {
    const wos = doisOf(WOS, '\t', 'DI', 'UT');
    const scopus = doisOf(SCOPUS, ',', 'DOI', 'EID');
    const shared = [...scopus.keys()].filter((d) => wos.has(d));
    const scopusCopies = new Set(shared.flatMap((d) => [...scopus.get(d)!]));
    const wosCopies = new Set(shared.flatMap((d) => [...wos.get(d)!]));
    expect(shared.length).toBeGreaterThan(50);

    const db = await openDatabase(join(tempDir(), 'cross.duckdb'));
    // Scopus first, then WoS: the WoS records, loaded later, displace the Scopus ones already in the cube.
    await ingest(db, [SCOPUS], { workers: 2 });
    await buildCube(db.connection, CONFIG);
    const s = await ingest(db, [WOS], { workers: 2 });
    expect(s.nCrossSource).toBe(scopusCopies.size);
    const left = await queryRows(
      db.connection,
      'SELECT DISTINCT c.source, c.kept_source, r.uid FROM cross_source_duplicates c JOIN records r USING (rec_id)',
    );
    expect(new Set(left.map((r) => r.uid))).toEqual(scopusCopies);
    expect(left.every((r) => r.source === 'scopus' && r.kept_source === 'wos')).toBe(true);
    const [n] = await queryRows(
      db.connection,
      `SELECT (SELECT count(*) FROM records) AS records,
      (SELECT count(*) FROM (${SELECTED_PAPERS_SQL})) AS selected`,
      { from_year: null, to_year: null },
    );
    expect(Number(n!.records) - Number(n!.selected)).toBe(scopusCopies.size);
    const inc = await buildCube(db.connection, CONFIG);
    expect(inc.full).toBe(false);
    await expectIncrementalEqualsFull(db, CONFIG, 100);
    const [cube] = await queryRows(
      db.connection,
      "SELECT papers FROM cube_coverage WHERE basis = 'all' AND field = 'all' AND period = '2015-2019'",
    );
    const [direct] = await queryRows(
      db.connection,
      `SELECT count(*) AS n FROM records WHERE year BETWEEN 2015 AND 2019 AND rec_id NOT IN (SELECT rec_id FROM cross_source_duplicates)
         AND NOT list_has_any(list_transform(coalesce(doc_types, []), x -> lower(x)), ['proceedings paper'])`,
    );
    expect(cube!.papers).toBe(direct!.n);

    // The other preference: nothing new to read, the WoS copies are left out instead, and the cube follows.
    const again = await ingest(db, [WOS], { workers: 2, preferSources: ['scopus', 'wos', 'openalex'] });
    expect(again.nCrossSource).toBe(wosCopies.size);
    const left2 = await queryRows(db.connection, 'SELECT DISTINCT r.uid FROM cross_source_duplicates c JOIN records r USING (rec_id)');
    expect(new Set(left2.map((r) => r.uid))).toEqual(wosCopies);
    expect((await buildCube(db.connection, CONFIG)).full).toBe(false);
    await expectIncrementalEqualsFull(db, CONFIG, 100);
    // A later run that names no preference keeps the one given last.
    expect((await ingest(db, [SCOPUS], { workers: 1 })).nCrossSource).toBe(wosCopies.size);
    db.close();
  });
});

describe("the study's settings on the real WoS exports (2015-2019, all topics, proceedings excluded)", () => {
  it('give the partner shares of China in U.S. papers and of the U.S. in Chinese papers that a hand count gives', async () => {
    const db = await openDatabase(join(tempDir(), 'study.duckdb'));
    await ingest(db, [WOS_PLAINTEXT], { workers: 2 });
    await buildCube(
      db.connection,
      checkConfig({ categories: false, periods: [{ from: 2015, to: 2019 }], excludeDocTypes: ['Proceedings Paper'] }),
    );
    const seen = new Set<string>();
    const papers = corpusFiles(WOS_PLAINTEXT)
      .flatMap(handCount)
      .filter((p) => !seen.has(p.ut) && seen.add(p.ut))
      .filter((p) => p.year !== null && p.year >= 2015 && p.year <= 2019 && !/Proceedings Paper/.test(p.docTypes));
    const hand = (x: string, y: string) => {
      const mine = papers.filter((p) => p.corresponding === x);
      return { articles: mine.length, withPartner: mine.filter((p) => p.countries.has(y)).length };
    };
    const cube = async (x: string, y: string) =>
      (
        await queryRows(
          db.connection,
          `SELECT papers_corresponding, share_corresponding FROM cube_partners
           WHERE basis = 'all' AND field = 'all' AND period = '2015-2019' AND country = $x AND partner = $y`,
          { x, y },
        )
      )[0]!;
    for (const [x, y] of [
      ['US', 'CN'],
      ['CN', 'US'],
    ] as const) {
      const h = hand(x, y);
      const c = await cube(x, y);
      expect(c.papers_corresponding, `${y} in ${x} papers`).toBe(h.withPartner);
      expect(c.share_corresponding as number).toBeCloseTo(h.withPartner / h.articles, 12);
    }
    // The numbers themselves: 36 of 1,596 U.S. papers have China (2.3%), 71 of 1,140 Chinese papers the U.S. (6.2%).
    expect([hand('US', 'CN'), hand('CN', 'US')]).toEqual([
      { articles: 1596, withPartner: 36 },
      { articles: 1140, withPartner: 71 },
    ]);
    db.close();
  });
});
