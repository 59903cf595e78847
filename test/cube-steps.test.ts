import { afterEach, describe, expect, it } from 'vitest';
import { buildCube, pieceRecords } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { pieceRanges, planCube } from '../src/analysis/cube/cube-plan.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';

/**
 * The cube's steps on a handful of hand-made papers in an in-memory database: seconds, no build
 * of the project, no ingest. Each paper is (year, countries, corresponding country).
 */
type Paper = [year: number, countries: string[], corresponding: string];

let db: Database | null = null;
afterEach(() => db?.close());

async function papersDb(papers: Paper[], firstId = 1, existing?: Database): Promise<Database> {
  const d = existing ?? (await openDatabase(':memory:'));
  for (const [k, [year, countries, k0]] of papers.entries()) {
    const id = firstId + k;
    await d.connection.run(
      `INSERT INTO records (rec_id, source, uid, year, doc_types, author_links, file_id, line) VALUES ($id, 'wos', 'WOS:' || $id, $year, ['Article'], false, 1, $id)`,
      { id, year },
    );
    await d.connection.run(`INSERT INTO record_versions VALUES ('wos', 'WOS:' || $id, $id, 1, $id, $year, 'current', NULL, NULL, NULL)`, {
      id,
      year,
    });
    for (const c of countries) await d.connection.run(`INSERT INTO record_countries VALUES ($id, $c, 1, 1, $k, 1)`, { id, c, k: c === k0 });
  }
  return d;
}

const CONFIG = checkConfig({ periods: [{ from: 2015, to: 2017 }], windows: [3], categories: false });
const rows = (sql: string) => queryRows(db!.connection, sql);

describe('the cube plan', () => {
  it('is full without a cube or with other settings, incremental otherwise; working tables before the transaction', () => {
    const state = { config: JSON.stringify(CONFIG), maxRecId: 10, maxEndedSeq: 0 };
    expect(planCube(CONFIG, undefined).full).toBe(true);
    expect(planCube(CONFIG, { ...state, config: '{}' }).full).toBe(true);
    const inc = planCube(CONFIG, state);
    expect(inc.full).toBe(false);
    // An incremental build takes the leaving papers out and appends its changes beside the stored
    // rows, compacting only the tables it is told to; a full one writes the rows and empties the changes.
    expect(inc.scripts.some((s) => s.sql.includes('-1 FROM _stored_papers'))).toBe(true);
    expect(inc.scripts.some((s) => s.sql.includes('INSERT INTO cube_store.countries_changes BY NAME SELECT * FROM _delta'))).toBe(true);
    expect(inc.scripts.some((s) => s.sql.includes('RENAME TO'))).toBe(false);
    const compacted = planCube(CONFIG, state, { compact: ['links'] }).scripts.filter((s) => s.sql.includes('RENAME TO'));
    expect(compacted.map((s) => [s.step, s.inTransaction])).toEqual([['links', true]]);
    const full = planCube(CONFIG, undefined).scripts;
    expect(full.some((s) => s.sql.includes('SELECT * FROM _delta') || s.sql.includes('-1 FROM _stored_papers'))).toBe(false);
    expect(full.at(-1)!.sql).toContain('DELETE FROM cube_store.links_changes');
    const firstIn = inc.scripts.findIndex((s) => s.inTransaction);
    expect(inc.scripts.slice(firstIn).every((s) => s.inTransaction)).toBe(true);
    expect(inc.scripts.slice(0, firstIn).map((s) => s.step)).toEqual([
      ...['fields', 'fields', 'fields'],
      ...['signatures', 'signatures', 'signatures', 'signatures', 'signatures'],
      'commit',
    ]);
    expect(inc.scripts.find((s) => s.sql.includes('$after_seq'))!.params.after).toBe(10);
  });

  it('takes a full build in pieces, into new tables put in place by the only transaction', () => {
    const full = planCube(CONFIG, undefined, { pieces: pieceRanges(1, 10, 4) }).scripts;
    expect(pieceRanges(1, 10, 4)).toEqual([
      [1, 4],
      [5, 8],
      [9, 10],
    ]);
    const pieces = full.filter((s) => s.sql.includes('BETWEEN $lo AND $hi AND') && s.sql.includes('_new_papers AS'));
    expect(pieces.map((s) => [s.params.lo, s.params.hi])).toEqual(pieceRanges(1, 10, 4));
    // Each piece's rows go to the parts, summed into the new tables once.
    expect(full.filter((s) => s.sql.includes('INSERT INTO cube_store.links_part')).length).toBe(3);
    expect(full.filter((s) => s.sql.includes('FROM cube_store.links_part GROUP BY ALL')).length).toBe(1);
    expect(full.filter((s) => s.inTransaction).map((s) => s.step)).toEqual(['commit']);
    expect(full.at(-1)!.sql).toContain('ALTER TABLE cube_store.links_next RENAME TO links');
    // One piece: straight into the new tables.
    const one = planCube(CONFIG, undefined, { pieces: [[1, 10]] }).scripts;
    expect(pieceRanges(7, 7, 4)).toEqual([[7, 7]]);
    expect(one.some((s) => /_part\b/.test(s.sql))).toBe(false);
  });
});

describe("a full build's pieces", () => {
  it('hold a million records per GiB of the memory cap', async () => {
    for (const [cap, records] of [
      ['512MB', 476_758],
      ['4GB', 3_700_000],
    ] as const) {
      const d = await openDatabase(':memory:', { memoryLimit: cap });
      expect(await pieceRecords(d.connection), cap).toBe(records);
      d.close();
    }
  });
});

describe('the cube on hand-made papers', () => {
  it('gives each paper 1/(|C(p)| - 1) on each of its links', async () => {
    db = await papersDb([
      [2016, ['US', 'CN', 'DE'], 'US'],
      [2016, ['US', 'CN'], 'CN'],
      [2016, ['US'], 'US'],
    ]);
    await buildCube(db.connection, CONFIG);
    const links = await rows(
      `SELECT country_a || '-' || country_b AS l, papers, papers_fractional AS f FROM cube_links WHERE basis = 'all' AND field = 'all' AND period = '2016' ORDER BY l`,
    );
    expect(links).toEqual([
      { l: 'CN-DE', papers: 1, f: 0.5 },
      { l: 'CN-US', papers: 2, f: 1.5 },
      { l: 'DE-US', papers: 1, f: 0.5 },
    ]);
    const us = await rows(
      `SELECT papers, papers_fractional AS f, articles, scp, mcp FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = '2016' AND country = 'US'`,
    );
    expect(us).toEqual([{ papers: 3, f: 1 / 3 + 1 / 2 + 1, articles: 2, scp: 1, mcp: 1 }]);
  });

  it('builds in full once a cube stored before its papers held their fields (record_fields) and drops that table', async () => {
    db = await papersDb([
      [2015, ['US', 'CN'], 'US'],
      [2016, ['DE'], 'DE'],
    ]);
    await buildCube(db.connection, CONFIG);
    const fields = () => rows('SELECT * FROM record_fields ORDER BY ALL');
    const before = await fields();
    expect(before.length).toBe(2);
    // The layout of 2026-12-05: fields in a table of their own, papers without them.
    await db.connection.run(`CREATE TABLE cube_store.record_fields AS SELECT rec_id, unnest(fields) AS field_id FROM cube_store.papers;
      ALTER TABLE cube_store.papers DROP COLUMN fields; ALTER TABLE cube_store.papers DROP COLUMN counted;`);
    expect((await buildCube(db.connection, CONFIG)).full).toBe(true);
    expect(
      await rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'cube_store' AND table_name = 'record_fields'`),
    ).toEqual([{ n: 0 }]);
    expect(await fields()).toEqual(before);
  });

  it('keeps the old cube whole when a full build fails half way, and the next build clears what it left', async () => {
    db = await papersDb([
      [2015, ['US', 'CN'], 'US'],
      [2016, ['US'], 'US'],
      [2017, ['CN', 'DE'], 'DE'],
      [2018, ['DE'], 'DE'],
    ]);
    await buildCube(db.connection, CONFIG);
    const cube = () => rows(`SELECT basis, field, period, country_a, country_b, papers FROM cube_links ORDER BY ALL`);
    const before = await cube();
    expect(before.length).toBeGreaterThan(2);
    // A year no SMALLINT holds fails the build in its last piece, after the first ones were written.
    await db.connection.run('UPDATE records SET year = 40000 WHERE rec_id = 4');
    await expect(buildCube(db.connection, CONFIG, { full: true, pieceRecords: 2 })).rejects.toThrow(/40000|out of range|overflow/i);
    expect(await cube()).toEqual(before);
    // papers and the four measure tables.
    expect(await rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'cube_store' AND table_name LIKE '%_next'`)).toEqual([
      { n: 5 },
    ]);
    // The next build, incremental (the failed one changed nothing), clears them.
    await db.connection.run('UPDATE records SET year = 2018 WHERE rec_id = 4');
    expect((await buildCube(db.connection, CONFIG)).full).toBe(false);
    expect(
      await rows(
        `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'cube_store' AND regexp_matches(table_name, '_(next|part)$')`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await cube()).toEqual(before);
  });

  it('names a window like a configured period once, as that period', async () => {
    db = await papersDb([
      [2015, ['US'], 'US'],
      [2016, ['CN'], 'CN'],
      [2017, ['US', 'CN'], 'US'],
      [2018, ['DE'], 'DE'],
    ]);
    await buildCube(db.connection, CONFIG);
    expect(await rows(`SELECT period, kind FROM cube_periods WHERE kind <> 'year' ORDER BY period`)).toEqual([
      { period: '2015-2017', kind: 'period' },
      { period: '2016-2018', kind: 'window' },
    ]);
    expect(
      await rows(`SELECT papers FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = '2015-2017' AND country = 'US'`),
    ).toEqual([{ papers: 2 }]);
  });

  it('brings the cube up to date with only the cells new papers fall in, equal to a full build', async () => {
    db = await papersDb([
      [2015, ['US'], 'US'],
      [2016, ['US', 'CN'], 'CN'],
      [2017, ['CN'], 'CN'],
    ]);
    await buildCube(db.connection, CONFIG);
    await papersDb(
      [
        [2016, ['US', 'DE'], 'DE'],
        [2019, ['FR'], 'FR'],
      ],
      4,
      db,
    );
    const inc = await buildCube(db.connection, CONFIG);
    expect([inc.full, inc.newPapers, inc.cells]).toEqual([false, 2, 2]);
    const snapshot = async () =>
      (await rows('SELECT * FROM cube_countries ORDER BY ALL')).concat(
        await rows('SELECT * FROM cube_links ORDER BY ALL'),
        await rows('SELECT * FROM cube_periods ORDER BY ALL'),
      );
    const before = await snapshot();
    await buildCube(db.connection, CONFIG, { full: true });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps its changes beside the stored rows until they reach an eighth of them, then compacts by itself', async () => {
    db = await papersDb(Array.from({ length: 6 }, (_, k): Paper => [2015 + (k % 3), ['US', 'CN'], 'US']));
    const stored = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM cube_store.${table}`))[0]!.n);
    const views = async () =>
      (await rows('SELECT * FROM cube_countries ORDER BY ALL')).concat(await rows('SELECT * FROM cube_links ORDER BY ALL'));
    await buildCube(db.connection, CONFIG);
    // One paper more: its rows are appended (the build found no changes to compact).
    await papersDb([[2016, ['US', 'CN'], 'CN']], 41, db);
    const first = await buildCube(db.connection, CONFIG);
    expect(first.compacted).toEqual([]);
    expect(await stored('links_changes')).toBeGreaterThan(0);
    expect((await stored('links_changes')) * 8).toBeGreaterThanOrEqual(await stored('links'));
    const appended = await views();
    // The next build finds them at an eighth of the stored rows or more and folds them in.
    await papersDb([[2017, ['US', 'FR'], 'FR']], 42, db);
    const second = await buildCube(db.connection, CONFIG);
    expect(second.compacted).toContain('links');
    expect(await stored('links_changes')).toBe(0);
    const compacted = await views();
    expect(compacted).not.toEqual(appended);
    await buildCube(db.connection, CONFIG, { full: true });
    expect(await views()).toEqual(compacted);
  });
});
