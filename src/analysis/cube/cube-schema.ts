import type { DuckDBConnection } from '@duckdb/node-api';
import { runScript } from '../../store/run-script.js';

/**
 * The co-authorship cube: every measure of DESIGN.md ("Definitions") for every field x period,
 * on both bases (`all`: C(p), every author address; `primary`: P(p), each author's first
 * address). A period is a single year ('2017', kind 'year'), a period ('2015-2019', kind
 * 'period') or a rolling window ('2011-2015', kind 'window'). Papers count in the year of
 * publication, else of early access. README.md, "The cube", documents every column.
 *
 * Stored numbered (schema cube_store: fields, countries and bases as small integers, a period as
 * its first and last year), because writing the names on every row took as long as computing
 * the cube; the views in main (cube_countries, cube_links, ...) give every row its names and are
 * what users, reports and exports read.
 */
const PERIOD = `CASE WHEN year_from IS NULL THEN 'unknown' WHEN year_from = year_to THEN year_from::VARCHAR
                     ELSE year_from::VARCHAR || '-' || year_to::VARCHAR END AS period`;
const BASIS = `CASE basis WHEN 0 THEN 'all' ELSE 'primary' END AS basis`;

/**
 * The stored tables' columns. A full build writes new tables of the same columns beside them
 * (`<name>_next`) and puts them in place at its commit (cube-full-sql.ts).
 */
export const STORE_TABLE_COLUMNS = {
  fields: 'field_id INTEGER NOT NULL, field VARCHAR NOT NULL',
  country_codes: 'country_id SMALLINT NOT NULL, country VARCHAR NOT NULL',
  // Every record the document-type and language filters keep, with its fields (sorted numbers) and
  // whether the cube counts it (not if another source holds it too); a counted one as it counted
  // it: its year, its country numbers on both bases (NULL: none known), its corresponding country.
  // What a later build takes out when the record ends, its countries gone from the tables.
  papers:
    'rec_id BIGINT NOT NULL, year SMALLINT, c_all SMALLINT[], c_primary SMALLINT[], k SMALLINT, fields INTEGER[] NOT NULL, counted BOOLEAN NOT NULL',
  // basis 0: all, 1: primary. year_from = year_to: one year; both NULL: no year (cube_coverage only).
  countries: `basis UTINYINT NOT NULL, field_id INTEGER NOT NULL, year_from SMALLINT, year_to SMALLINT, country_id SMALLINT NOT NULL,
    papers BIGINT NOT NULL, papers_fractional DOUBLE NOT NULL, articles BIGINT NOT NULL, scp BIGINT NOT NULL, mcp BIGINT NOT NULL,
    international BIGINT NOT NULL`,
  // The name of country_a sorts before that of country_b.
  links: `basis UTINYINT NOT NULL, field_id INTEGER NOT NULL, year_from SMALLINT, year_to SMALLINT,
    country_a SMALLINT NOT NULL, country_b SMALLINT NOT NULL, papers BIGINT NOT NULL, papers_fractional DOUBLE NOT NULL`,
  corresponding_partners: `basis UTINYINT NOT NULL, field_id INTEGER NOT NULL, year_from SMALLINT, year_to SMALLINT,
    country_id SMALLINT NOT NULL, partner_id SMALLINT NOT NULL, papers BIGINT NOT NULL`,
  coverage: `basis UTINYINT NOT NULL, field_id INTEGER NOT NULL, year_from SMALLINT, year_to SMALLINT,
    papers BIGINT NOT NULL, country_unknown BIGINT NOT NULL, corresponding_unknown BIGINT NOT NULL, international BIGINT NOT NULL`,
} as const;

/** The tables a full build replaces: everything in cube_store. */
export const CUBE_STORE_TABLES = Object.keys(STORE_TABLE_COLUMNS) as (keyof typeof STORE_TABLE_COLUMNS)[];

/** The measure tables, whose rows change cell by cell (each with its changes: currentRowsSql). */
export const CUBE_MEASURE_TABLES = ['countries', 'links', 'corresponding_partners', 'coverage'] as const;
export type MeasureTable = (typeof CUBE_MEASURE_TABLES)[number];

/**
 * The columns each measure table is keyed by beyond (basis, field, years), the sums it holds, and
 * its counts: a row with none of them left is one a full build would not have.
 */
export const MEASURE_COLUMNS: Record<MeasureTable, { keys: string[]; sums: string[]; counts: string[] }> = {
  countries: {
    keys: ['country_id'],
    sums: ['papers', 'papers_fractional', 'articles', 'scp', 'mcp', 'international'],
    counts: ['papers', 'articles'],
  },
  links: { keys: ['country_a', 'country_b'], sums: ['papers', 'papers_fractional'], counts: ['papers'] },
  corresponding_partners: { keys: ['country_id', 'partner_id'], sums: ['papers'], counts: ['papers'] },
  coverage: { keys: [], sums: ['papers', 'country_unknown', 'corresponding_unknown', 'international'], counts: ['papers'] },
};

/** A sum's column type, kept through the changes' sums (DuckDB sums BIGINTs as HUGEINTs). */
const sumType = (column: string): string => (column.endsWith('_fractional') ? 'DOUBLE' : 'BIGINT');

/**
 * A measure table's rows as they are: the stored rows plus what the incremental builds since the
 * last compaction changed (`cube_store.<table>_changes`, signed, several rows a key), less the rows
 * with no count left. Changes are appended, never merged into the stored rows: an update or delete
 * of rows spread over the whole table costs in proportion to the table, not to the change
 * (bench/README.md, "A weekly delivery on a living database", 2026-12-06). Years are matched with
 * IS NOT DISTINCT FROM: cube_coverage's 'unknown' period has none.
 */
export const currentRowsSql = (table: MeasureTable): string => {
  const { keys, sums, counts } = MEASURE_COLUMNS[table];
  const allKeys = ['basis', 'field_id', 'year_from', 'year_to', ...keys];
  const match = allKeys.map((k) => (k.startsWith('year') ? `s.${k} IS NOT DISTINCT FROM c.${k}` : `s.${k} = c.${k}`)).join(' AND ');
  return `SELECT * FROM (
  SELECT ${allKeys.map((k) => `coalesce(s.${k}, c.${k}) AS ${k}`).join(', ')},
         ${sums.map((v) => `(coalesce(s.${v}, 0) + coalesce(c.${v}, 0))::${sumType(v)} AS ${v}`).join(', ')}
  FROM cube_store.${table} s FULL OUTER JOIN
       (SELECT ${allKeys.join(', ')}, ${sums.map((v) => `sum(${v}) AS ${v}`).join(', ')} FROM cube_store.${table}_changes GROUP BY ALL) c
  ON ${match}
) WHERE NOT (${counts.map((c) => `${c} = 0`).join(' AND ')})`;
};

export const CUBE_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS cube_store;
${CUBE_STORE_TABLES.map((t) => `CREATE TABLE IF NOT EXISTS cube_store.${t} (${STORE_TABLE_COLUMNS[t]});`).join('\n')}
${CUBE_MEASURE_TABLES.map((t) => `CREATE TABLE IF NOT EXISTS cube_store.${t}_changes (${STORE_TABLE_COLUMNS[t]});`).join('\n')}
CREATE TABLE IF NOT EXISTS cube_periods (period VARCHAR NOT NULL, kind VARCHAR NOT NULL, year_from INTEGER NOT NULL, year_to INTEGER NOT NULL);
-- max_ended_seq: the last record_versions.ended_seq the cube followed.
CREATE TABLE IF NOT EXISTS cube_state (config VARCHAR NOT NULL, max_rec_id BIGINT NOT NULL, built_at TIMESTAMP NOT NULL, max_ended_seq BIGINT);
-- The records cross_source_duplicates left out when the cube was last built.
CREATE TABLE IF NOT EXISTS cube_left_out (rec_id BIGINT NOT NULL);

-- The fields each record falls in.
CREATE OR REPLACE VIEW record_fields AS
SELECT rec_id, field FROM (SELECT rec_id, unnest(fields) AS field_id FROM cube_store.papers) JOIN cube_store.fields USING (field_id);

CREATE OR REPLACE VIEW cube_countries AS
SELECT ${BASIS}, f.field, ${PERIOD}, c.country,
  papers,             -- papers with the country (whole counting; the matrix diagonal)
  papers_fractional,  -- sum of 1/|C(p)|
  articles,           -- papers whose corresponding country K(p) is the country
  scp,                -- of those, single-country papers
  mcp,                -- of those, multi-country papers
  mcp / nullif(articles, 0) AS mcp_ratio,
  international       -- papers with the country and at least one other (participation)
FROM (${currentRowsSql('countries')}) t JOIN cube_store.fields f USING (field_id) JOIN cube_store.country_codes c USING (country_id);

CREATE OR REPLACE VIEW cube_links AS
SELECT ${BASIS}, f.field, ${PERIOD}, a.country AS country_a, b.country AS country_b, -- country_a < country_b
  papers,             -- W(a, b): papers with both (full counting)
  papers_fractional   -- each paper gives 1/(|C(p)| - 1) to each of its links
FROM (${currentRowsSql('links')}) t JOIN cube_store.fields f USING (field_id)
JOIN cube_store.country_codes a ON a.country_id = t.country_a JOIN cube_store.country_codes b ON b.country_id = t.country_b;

CREATE OR REPLACE VIEW cube_corresponding_partners AS
SELECT ${BASIS}, f.field, ${PERIOD}, c.country, p.country AS partner,
  papers              -- papers with K(p) = country and partner in C(p)
FROM (${currentRowsSql('corresponding_partners')}) t JOIN cube_store.fields f USING (field_id)
JOIN cube_store.country_codes c ON c.country_id = t.country_id JOIN cube_store.country_codes p ON p.country_id = t.partner_id;

CREATE OR REPLACE VIEW cube_coverage AS
SELECT ${BASIS}, f.field, ${PERIOD}, -- period 'unknown': no year
  papers,
  country_unknown,       -- papers without any known country
  corresponding_unknown, -- papers without a known corresponding country
  international          -- papers with two countries or more
FROM (${currentRowsSql('coverage')}) t JOIN cube_store.fields f USING (field_id);

-- Partner shares, by corresponding country and by participation (both orientations of each link).
-- Summed over a union, not a full outer join: filters on the period or the country reach every
-- part of a union, not either side of a full join (bench/README.md, "What readers pay", 2026-12-06).
CREATE OR REPLACE VIEW cube_partners AS
WITH pairs AS (
  SELECT basis, field, period, country, partner, sum(corresponding)::BIGINT AS corresponding, sum(participation)::BIGINT AS participation
  FROM (
    SELECT basis, field, period, country_a AS country, country_b AS partner, 0 AS corresponding, papers AS participation FROM cube_links
    UNION ALL
    SELECT basis, field, period, country_b, country_a, 0, papers FROM cube_links
    UNION ALL
    SELECT basis, field, period, country, partner, papers, 0 FROM cube_corresponding_partners
  ) GROUP BY ALL
)
SELECT basis, field, period, country, partner,
       corresponding AS papers_corresponding,                      -- K(p) = country, partner in C(p)
       corresponding / nullif(c.articles, 0) AS share_corresponding,
       participation AS papers_participation,                      -- both in C(p) (= W)
       participation / nullif(c.papers, 0) AS share_participation
FROM pairs JOIN cube_countries c USING (basis, field, period, country);

CREATE OR REPLACE VIEW cube_links_normalised AS
SELECT l.*, a.papers AS papers_a, b.papers AS papers_b,
       l.papers / (a.papers * b.papers) AS association,
       l.papers / least(a.papers, b.papers) AS inclusion,
       l.papers / (a.papers + b.papers - l.papers) AS jaccard,
       l.papers / sqrt(a.papers * b.papers) AS salton,
       (l.papers / sqrt(a.papers * b.papers)) ^ 2 AS equivalence
FROM cube_links l
JOIN cube_countries a ON a.basis = l.basis AND a.field = l.field AND a.period = l.period AND a.country = l.country_a
JOIN cube_countries b ON b.basis = l.basis AND b.field = l.field AND b.period = l.period AND b.country = l.country_b;
`;

/**
 * Creates the cube's tables and views. A database whose cube was stored with names (before
 * cube_store), or without a column the cube now has, has its old tables dropped and its state
 * cleared, so the next build is a full one; the tables of a full build killed half way go.
 */
export async function createCubeSchema(connection: DuckDBConnection): Promise<void> {
  const old = await connection.runAndReadAll(`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'main' AND table_type = 'BASE TABLE'
      AND table_name IN ('record_fields', 'cube_countries', 'cube_links', 'cube_corresponding_partners', 'cube_coverage')`);
  for (const [name] of old.getRows()) await connection.run(`DROP TABLE ${String(name)}`);
  // A cube stored before cube_store.countries had its international column, or before its
  // papers held their fields (in a table of their own, record_fields, until 2026-12-06), is built again.
  const outdated = await connection.runAndReadAll(`
    SELECT 1 FROM information_schema.tables t WHERE table_schema = 'cube_store' AND table_name = 'countries'
      AND (NOT EXISTS (SELECT 1 FROM information_schema.columns c
                       WHERE c.table_schema = 'cube_store' AND c.table_name = 'countries' AND c.column_name = 'international')
           OR NOT EXISTS (SELECT 1 FROM information_schema.columns p
                          WHERE p.table_schema = 'cube_store' AND p.table_name = 'papers' AND p.column_name = 'fields'))`);
  if (outdated.getRows().length > 0) {
    for (const t of [...CUBE_STORE_TABLES, ...CUBE_MEASURE_TABLES.map((m) => `${m}_changes`), 'record_fields']) {
      await connection.run(`DROP TABLE IF EXISTS cube_store.${t}`);
    }
  }
  if (old.getRows().length > 0 || outdated.getRows().length > 0) await connection.run('DROP TABLE IF EXISTS cube_state');
  // What a full build killed half way left (cube-full-sql.ts): its new tables, never put in place.
  const left = await connection.runAndReadAll(`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'cube_store' AND (table_name LIKE '%\\_next' ESCAPE '\\' OR table_name LIKE '%\\_part' ESCAPE '\\')`);
  for (const [name] of left.getRows()) await connection.run(`DROP TABLE cube_store.${String(name)}`);
  await runScript(connection, CUBE_SCHEMA_SQL);
}
