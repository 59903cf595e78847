import { INTEGER, LIST, listValue, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { paperCountryRowsSql } from '../country-policy.js';
import type { CubeConfig } from './config.js';
import { CUBE_MEASURE_TABLES, CUBE_SCHEMA_SQL, CUBE_STORE_TABLES } from './cube-schema.js';
import {
  COMING_LISTS_SQL,
  FIELDS_SQL,
  MERGE_ROWS_SQL,
  PAPER_LISTS_SQL,
  PAPERS_SQL,
  paperFields,
  PERIOD_CELLS_SQL,
  PERIOD_ROWS_SQL,
  PERIODS_SQL,
  signaturesSql,
  STATE_SQL,
  STORE_FIELDS_SQL,
  TOPIC_SQL,
  YEAR_ROWS_SQL,
} from './cube-sql.js';
import { topicRegex } from './topic-query.js';

/** The steps a build is timed by (analyze prints them). */
export type StepName = 'fields' | 'signatures' | (typeof CUBE_MEASURE_TABLES)[number] | 'commit';

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

/**
 * The build as data, with no connection: the configuration and the last build's state in, the
 * scripts in the order they run out. A full build when asked, when there is no cube yet, or when
 * the settings changed; otherwise the stored rows change by what new, changed and ended records
 * add and take away.
 * The working tables are made before the transaction opens: DuckDB reads a table written in an
 * open transaction on one thread and without its statistics (the signatures' grouping took about
 * twice as long on such tables: bench/results/2026-12-02-vm-cube-probe-10M.json).
 */
export function planCube(config: CubeConfig, state: CubeState | undefined, options: { full?: boolean } = {}): CubePlan {
  const configJson = JSON.stringify(config);
  const full = Boolean(options.full) || state === undefined || state.config !== configJson;
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

  add('fields', false, PAPERS_SQL(full), typed, typedTypes);
  add(
    'fields',
    false,
    FIELDS_SQL,
    { ...typed, full, categories: config.categories, field_names: listValue(['all', ...config.topics.map((t) => t.name)]) },
    { ...typedTypes, field_names: LIST(VARCHAR) },
  );
  for (const t of config.topics) {
    add(
      'fields',
      false,
      TOPIC_SQL,
      { ...typed, name: t.name, pattern: topicRegex(t.query), keywords_plus: config.keywordsPlus },
      typedTypes,
    );
  }
  add('signatures', false, COMING_LISTS_SQL(paperCountryRowsSql(config.policy, 'SELECT rec_id FROM _coming')));
  add('signatures', false, PAPER_LISTS_SQL(full));
  add('signatures', false, signaturesSql(paperFields(full)));

  // Dropped and made again rather than emptied: inserting into tables with deleted rows is slower.
  if (full) add('fields', true, CUBE_STORE_TABLES.map((t) => `DROP TABLE cube_store.${t};\n`).join('') + CUBE_SCHEMA_SQL);
  add('fields', true, STORE_FIELDS_SQL);
  add(
    'signatures',
    true,
    PERIODS_SQL,
    {
      periods_from: listValue(config.periods.map((p) => p.from)),
      periods_to: listValue(config.periods.map((p) => p.to)),
      windows: listValue(config.windows),
    },
    { periods_from: LIST(INTEGER), periods_to: LIST(INTEGER), windows: LIST(INTEGER) },
  );
  add('signatures', true, PERIOD_CELLS_SQL(full));
  for (const table of CUBE_MEASURE_TABLES) {
    // A full build writes every row; an incremental one adds the changes to the stored rows.
    add(table, true, full ? `INSERT INTO cube_store.${table} BY NAME ${YEAR_ROWS_SQL[table]};` : MERGE_ROWS_SQL(table));
    add(table, true, PERIOD_ROWS_SQL(table));
  }
  add('commit', true, STATE_SQL, { config: configJson });
  return { full, scripts };
}
