import type { DuckDBConnection } from '@duckdb/node-api';
import { runScript } from '../../store/run-script.js';
import type { CubeConfig } from './config.js';
import { isFullBuild, pieceRanges, planCube, type CubeState, type StepName } from './cube-plan.js';
import { createCubeSchema, CUBE_MEASURE_TABLES, type MeasureTable } from './cube-schema.js';

export interface CubeBuild {
  full: boolean;
  newPapers: number;
  cells: number;
  seconds: number;
  /**
   * Wall seconds by step: papers and fields; signatures (country sets, the period cells); each
   * measure table (its year rows, then its period rows); the commit.
   */
  steps: Record<StepName, number>;
  /** The measure tables whose changes this build folded into their stored rows. */
  compacted: MeasureTable[];
}

/**
 * A measure table is compacted once its changes hold this share of its stored rows: readers sum
 * the changes on every query, and a compaction costs in proportion to the table, so with a fixed
 * share its cost per delivery follows the deliveries' size.
 */
export const COMPACT_SHARE = 1 / 8;

/** The measure tables whose changes reach COMPACT_SHARE of their stored rows (DuckDB's row estimates). */
async function tablesToCompact(connection: DuckDBConnection): Promise<MeasureTable[]> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT table_name, estimated_size FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'cube_store'`,
    )
  ).getRows();
  const size = new Map(rows.map(([name, n]) => [String(name), Number(n)]));
  return CUBE_MEASURE_TABLES.filter(
    (t) => (size.get(`${t}_changes`) ?? 0) > 0 && size.get(`${t}_changes`)! >= COMPACT_SHARE * (size.get(t) ?? 0),
  );
}

/**
 * Records a full build takes at a time per GiB of DuckDB's memory cap: the memory a build needs
 * grows with its pieces, not with the corpus (bench/README.md, "The cube at scale").
 */
export const PIECE_RECORDS_PER_GIB = 1_000_000;

const UNITS: Record<string, number> = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

/** The records of a full build's pieces under the connection's memory cap (DuckDB prints it as "3.7 GiB"). */
export async function pieceRecords(connection: DuckDBConnection): Promise<number> {
  const text = String((await connection.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0]![0]);
  const m = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(text);
  const gib = m ? (Number(m[1]) * UNITS[m[2]!]!) / 2 ** 30 : 4;
  return Math.max(100_000, Math.round(gib * PIECE_RECORDS_PER_GIB));
}

/**
 * Builds the cube (full), or brings it up to date after an ingest (incremental): the plan
 * (cube-plan.ts) says which scripts; this runs them in order, times each step, and opens the
 * transaction before the first script that belongs in it, so that queries see the old cube or
 * the new one. Pairs are formed once per distinct country set, and papers alike (same field,
 * year, country sets and corresponding country) are counted once with a weight (cube-sql.ts).
 * A full build takes the records in pieces sized to the memory cap (cube-full-sql.ts).
 */
export async function buildCube(
  connection: DuckDBConnection,
  config: CubeConfig,
  /** compact: true folds every measure table's changes into its stored rows, false none; unset: those past COMPACT_SHARE. */
  options: { full?: boolean; pieceRecords?: number; compact?: boolean } = {},
): Promise<CubeBuild> {
  const started = performance.now();
  await createCubeSchema(connection);
  const row = (await connection.runAndReadAll('SELECT config, max_rec_id, max_ended_seq FROM cube_state')).getRows()[0];
  const state: CubeState | undefined = row && { config: String(row[0]), maxRecId: Number(row[1]), maxEndedSeq: Number(row[2] ?? 0) };
  let pieces: [number, number][] | undefined;
  if (isFullBuild(config, state, options)) {
    const [lo, hi] = (await connection.runAndReadAll('SELECT min(rec_id), max(rec_id) FROM records')).getRows()[0]!;
    pieces = pieceRanges(Number(lo ?? 0), Number(hi ?? 0), options.pieceRecords ?? (await pieceRecords(connection)));
  }
  const compact = pieces || options.compact === false ? [] : options.compact ? [...CUBE_MEASURE_TABLES] : await tablesToCompact(connection);
  const plan = planCube(config, state, { full: options.full, pieces, compact });
  const steps: CubeBuild['steps'] = { fields: 0, signatures: 0, countries: 0, links: 0, corresponding_partners: 0, coverage: 0, commit: 0 };
  let inTransaction = false;
  let cells = 0;
  let newPapers = 0;
  try {
    for (const s of plan.scripts) {
      if (s.inTransaction && !inTransaction) {
        await connection.run('BEGIN TRANSACTION');
        inTransaction = true;
      }
      const t = performance.now();
      await runScript(connection, s.sql, s.params, s.types);
      steps[s.step] += (performance.now() - t) / 1000;
    }
    [cells, newPapers] = (await connection.runAndReadAll('SELECT cells, papers FROM _build_counts')).getRows()[0]!.map(Number) as [
      number,
      number,
    ];
    const t = performance.now();
    await connection.run('COMMIT');
    steps.commit += (performance.now() - t) / 1000;
  } catch (e) {
    if (inTransaction) await connection.run('ROLLBACK');
    throw e;
  }
  // Not kept for the connection's life.
  await connection.run('DROP TABLE IF EXISTS _new_record_fields');
  return { full: plan.full, newPapers, cells, seconds: (performance.now() - started) / 1000, steps, compacted: compact };
}
