import { INTEGER, LIST, listValue, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { paperCountryRowsSql } from '../country-policy.js';
import type { CubeConfig } from './config.js';
import {
  FULL_CELLS_SQL,
  FULL_COUNTS_SQL,
  FULL_PERIOD_CELLS_SQL,
  NEXT_TABLES_SQL,
  PIECE_PAPERS_SQL,
  PIECE_STORE_SQL,
  pieceTarget,
  SUM_PARTS_SQL,
  SWAP_SQL,
} from './cube-full-sql.js';
import { CUBE_MEASURE_TABLES, type MeasureTable } from './cube-schema.js';
import {
  APPEND_CHANGES_SQL,
  COMING_LISTS_SQL,
  COMPACT_SQL,
  COUNTED_YEARS_SQL,
  DICTIONARIES_SQL,
  INCREMENTAL_COUNTS_SQL,
  NEW_PERIODS_SQL,
  PAPER_LISTS_SQL,
  paperFields,
  PAPERS_SQL,
  PERIOD_CELLS_SQL,
  PERIOD_ROWS_SQL,
  PERIOD_SUMS_SQL,
  RECORD_FIELDS_SQL,
  signaturesSql,
  STATE_SQL,
  STORE_FIELDS_SQL,
  TOPIC_SQL,
  WRITE_PERIODS_SQL,
  YEAR_ROWS_SQL,
} from './cube-sql.js';
import { topicRegex } from './topic-query.js';

/** The steps a build is timed by (analyze prints them). */
export type StepName = 'fields' | 'signatures' | MeasureTable | 'commit';

/** One script of a build: its step, whether it runs inside the cube's transaction, its SQL and bound values. */
export interface PlannedScript {
  step: StepName;
  inTransaction: boolean;
  sql: string;
  params: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

export interface CubePlan {
  full: boolean;
  scripts: PlannedScript[];
}

/** What the last build left in cube_state: its settings, the last record and the last ending it followed. */
export interface CubeState {
  config: string;
  maxRecId: number;
  maxEndedSeq: number;
}

/** A full build when asked, when there is no cube yet, or when the settings changed. */
export function isFullBuild(config: CubeConfig, state: CubeState | undefined, options: { full?: boolean } = {}): boolean {
  return Boolean(options.full) || state === undefined || state.config !== JSON.stringify(config);
}

/** The pieces a full build takes the records in: ranges of rec_id of at most `size` ids each. */
export function pieceRanges(minRecId: number, maxRecId: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let lo = minRecId; lo <= maxRecId; lo += size) ranges.push([lo, Math.min(lo + size - 1, maxRecId)]);
  return ranges.length > 0 ? ranges : [[0, 0]];
}

/**
 * The build as data, with no connection: the configuration, the last build's state and (full
 * build) the pieces in; the scripts in the order they run out. A full build counts every kept
 * paper, a piece at a time, into new tables (cube-full-sql.ts); an incremental one appends to the
 * stored rows' changes what new, changed and ended records add and take away, and compacts the
 * tables in `compact` (their changes folded into their stored rows).
 * The working tables are made before the transaction opens: DuckDB reads a table written in an
 * open transaction on one thread and without its statistics (the signatures' grouping took about
 * twice as long on such tables: bench/results/2026-12-02-vm-cube-probe-10M.json).
 */
export function planCube(
  config: CubeConfig,
  state: CubeState | undefined,
  options: { full?: boolean; pieces?: [number, number][]; compact?: readonly MeasureTable[] } = {},
): CubePlan {
  const full = isFullBuild(config, state, options);
  const lists = (xs: string[]) => listValue(xs.map((x) => x.toLowerCase()));
  const typed = {
    include_types: lists(config.includeDocTypes),
    exclude_types: lists(config.excludeDocTypes),
    languages: lists(config.languages),
    after: full ? 0 : state!.maxRecId,
    after_seq: full ? 0 : state!.maxEndedSeq,
  };
  const typedTypes = { include_types: LIST(VARCHAR), exclude_types: LIST(VARCHAR), languages: LIST(VARCHAR) };
  const scripts: PlannedScript[] = [];
  const add = (
    step: StepName,
    inTransaction: boolean,
    sql: string,
    params: Record<string, DuckDBValue> = {},
    types: Record<string, DuckDBType> = {},
  ) => scripts.push({ step, inTransaction, sql, params, types });
  const periods = {
    periods_from: listValue(config.periods.map((p) => p.from)),
    periods_to: listValue(config.periods.map((p) => p.to)),
    windows: listValue(config.windows),
  };
  const periodTypes = { periods_from: LIST(INTEGER), periods_to: LIST(INTEGER), windows: LIST(INTEGER) };

  if (!full) add('fields', false, PAPERS_SQL, typed, typedTypes);
  add(
    'fields',
    false,
    DICTIONARIES_SQL,
    { ...typed, full, categories: config.categories, field_names: listValue(['all', ...config.topics.map((t) => t.name)]) },
    { ...typedTypes, field_names: LIST(VARCHAR) },
  );
  /** The papers of records lo..hi (full: of the piece; incremental: every new one) as signatures. */
  const countPapers = (lo: number, hi: number) => {
    const range = { ...typed, lo, hi };
    add('fields', false, RECORD_FIELDS_SQL, { ...range, categories: config.categories }, typedTypes);
    for (const t of config.topics) {
      add(
        'fields',
        false,
        TOPIC_SQL,
        { ...range, name: t.name, pattern: topicRegex(t.query), keywords_plus: config.keywordsPlus },
        typedTypes,
      );
    }
    const rows = paperCountryRowsSql(config.policy, 'SELECT rec_id FROM _coming');
    add('signatures', false, COMING_LISTS_SQL(`SELECT * FROM (${rows}) WHERE rec_id BETWEEN $lo AND $hi`), range);
    add('signatures', false, PAPER_LISTS_SQL(full));
    add('signatures', false, signaturesSql(paperFields(full)));
  };

  if (full) {
    const pieces = options.pieces ?? [[0, Number.MAX_SAFE_INTEGER]];
    add('fields', false, NEXT_TABLES_SQL(pieces.length));
    for (const [lo, hi] of pieces) {
      add('fields', false, PIECE_PAPERS_SQL, { ...typed, lo, hi }, typedTypes);
      countPapers(lo, hi);
      add('fields', false, PIECE_STORE_SQL);
      for (const table of CUBE_MEASURE_TABLES) {
        add(table, false, `INSERT INTO ${pieceTarget(table, pieces.length)} BY NAME ${YEAR_ROWS_SQL[table]};`);
      }
    }
    if (pieces.length > 1) for (const table of CUBE_MEASURE_TABLES) add(table, false, SUM_PARTS_SQL(table));
    add('signatures', false, FULL_CELLS_SQL);
    add('signatures', false, NEW_PERIODS_SQL, periods, periodTypes);
    add('signatures', false, FULL_PERIOD_CELLS_SQL);
    for (const table of CUBE_MEASURE_TABLES)
      add(table, false, PERIOD_SUMS_SQL(table, `cube_store.${table}_next`, `cube_store.${table}_next`));
    add('commit', false, FULL_COUNTS_SQL);
    add('commit', true, SWAP_SQL, { config: JSON.stringify(config) });
    return { full, scripts };
  }

  countPapers(0, Number.MAX_SAFE_INTEGER);
  add('signatures', false, COUNTED_YEARS_SQL);
  add('signatures', false, NEW_PERIODS_SQL, periods, periodTypes);
  add('commit', false, INCREMENTAL_COUNTS_SQL);
  add('fields', true, STORE_FIELDS_SQL);
  add('signatures', true, WRITE_PERIODS_SQL);
  add('signatures', true, PERIOD_CELLS_SQL);
  for (const table of CUBE_MEASURE_TABLES) {
    // The year rows' changes are appended, and summed into the periods holding the year.
    add(table, true, APPEND_CHANGES_SQL(table));
    add(table, true, PERIOD_ROWS_SQL(table));
    if (options.compact?.includes(table)) add(table, true, COMPACT_SQL(table));
  }
  add('commit', true, STATE_SQL, { config: JSON.stringify(config) });
  return { full, scripts };
}
