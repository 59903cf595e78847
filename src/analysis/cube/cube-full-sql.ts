import { CUBE_MEASURE_TABLES, CUBE_STORE_TABLES, MEASURE_COLUMNS, STORE_TABLE_COLUMNS, type MeasureTable } from './cube-schema.js';
import { NEW_FIELD_LISTS, paperRowsSql, STATE_SQL, TYPED } from './cube-sql.js';

/**
 * A full build's own statements. It counts the papers a piece at a time (records $lo..$hi), so
 * that its memory holds one piece and not the corpus (the whole corpus at once ran DuckDB out of
 * memory under its cap: bench/README.md, "The cube at scale", 2026-12-06). Each piece's rows
 * are written into new tables beside the stored ones (`cube_store.<table>_next`), committed as
 * they go; every measure is a sum over papers, so the pieces' rows of one cell are summed once
 * all are in (`<table>_part` when there are several pieces). The commit puts the new tables in
 * place in one short transaction, so readers see the old cube until then and a killed build
 * leaves it as it was.
 */

/** The tables a full build writes anew and renames into place; the dictionaries are rewritten at the commit. */
const RENAMED_TABLES = CUBE_STORE_TABLES.filter((t) => t !== 'fields' && t !== 'country_codes');

/** The new tables; the measure tables' pieces go to `_part` tables first when there are several. */
export const NEXT_TABLES_SQL = (pieces: number): string =>
  RENAMED_TABLES.map((t) => `CREATE OR REPLACE TABLE cube_store.${t}_next (${STORE_TABLE_COLUMNS[t]});\n`)
    .concat(pieces > 1 ? CUBE_MEASURE_TABLES.map((t) => `CREATE OR REPLACE TABLE cube_store.${t}_part (${STORE_TABLE_COLUMNS[t]});\n`) : [])
    .join('');

/** Where a piece's measure rows go. */
export const pieceTarget = (table: MeasureTable, pieces: number): string => `cube_store.${table}${pieces > 1 ? '_part' : '_next'}`;

/** The piece's papers: the records $lo..$hi the configuration keeps (_new_papers), less those another source holds (_coming). */
export const PIECE_PAPERS_SQL = `
CREATE OR REPLACE TEMP TABLE _new_papers AS SELECT rec_id, year FROM records WHERE rec_id BETWEEN $lo AND $hi AND ${TYPED};
CREATE OR REPLACE TEMP TABLE _coming AS SELECT rec_id, year FROM _new_papers WHERE rec_id NOT IN (SELECT rec_id FROM cross_source_duplicates);
`;

/** The piece's papers with their fields, stored; its working tables dropped once its rows are written. */
export const PIECE_STORE_SQL = `
INSERT INTO cube_store.papers_next ${paperRowsSql(`SELECT * FROM ${NEW_FIELD_LISTS}`)};
DROP TABLE _coming_lists;
DROP TABLE _new_record_fields;
`;

/** One measure table's cells summed over the pieces. */
export const SUM_PARTS_SQL = (table: MeasureTable): string => {
  const { keys, sums } = MEASURE_COLUMNS[table];
  return `
INSERT INTO cube_store.${table}_next
SELECT basis, field_id, year_from, year_to, ${[...keys, ...sums.map((v) => `sum(${v})`)].join(', ')}
FROM cube_store.${table}_part GROUP BY ALL;
DROP TABLE cube_store.${table}_part;
`;
};

/**
 * Once every piece is in: the years with papers, the (field, year) cells, and the multi-year
 * cells to sum from their years (every (field, period) holding a year with papers).
 */
export const FULL_CELLS_SQL = `
CREATE OR REPLACE TEMP TABLE _counted_years AS SELECT DISTINCT year FROM cube_store.papers_next WHERE counted AND year IS NOT NULL;
CREATE OR REPLACE TEMP TABLE _year_cells AS SELECT DISTINCT field_id, year_from AS year FROM cube_store.coverage_next;
`;

export const FULL_PERIOD_CELLS_SQL = `
CREATE OR REPLACE TEMP TABLE _period_cells AS
SELECT DISTINCT c.field_id, p.year_from, p.year_to FROM _year_cells c JOIN _periods p ON p.kind <> 'year' AND c.year BETWEEN p.year_from AND p.year_to;
`;

/** What the build counted: cells and papers (analyze prints them). */
export const FULL_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE _build_counts AS
SELECT (SELECT count(*) FROM _year_cells) AS cells, (SELECT count(*) FROM cube_store.papers_next WHERE counted) AS papers;
`;

/** In the commit's transaction: the dictionaries, the periods, the new tables in place of the old (no changes left), and the state. */
export const SWAP_SQL = `
DELETE FROM cube_store.fields;
INSERT INTO cube_store.fields SELECT * FROM _field_ids;
DELETE FROM cube_store.country_codes;
INSERT INTO cube_store.country_codes SELECT * FROM _country_ids;
DELETE FROM cube_periods;
INSERT INTO cube_periods SELECT * FROM _periods;
${RENAMED_TABLES.map((t) => `DROP TABLE cube_store.${t};\nALTER TABLE cube_store.${t}_next RENAME TO ${t};\n`).join('')}${CUBE_MEASURE_TABLES.map((t) => `DELETE FROM cube_store.${t}_changes;\n`).join('')}${STATE_SQL}`;
