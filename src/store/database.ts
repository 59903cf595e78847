import { readFileSync } from 'node:fs';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { ADDED_COLUMNS, SCHEMA_SQL } from './schema.js';

export interface Database {
  /** The database file; ':memory:' for an in-memory one. */
  path: string;
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

/**
 * DuckDB's own memory cap. Staged files and big queries spill to disk past it, so the
 * process stays within its memory budget (DESIGN.md: peak under 1 GB, flat with input size).
 */
export const DEFAULT_MEMORY_LIMIT = process.env.COAUTH_MEMORY_LIMIT ?? '512MB';

export interface OpenOptions {
  readOnly?: boolean;
  memoryLimit?: string;
  waitSeconds?: number;
  /**
   * Read-only and sealed: DuckDB's external access off (no file read or written but the
   * database and these paths, no ATTACH, no extension) and its configuration locked. What
   * every reading command opens (README, "Reliability").
   */
  sealed?: { allowedPaths: readonly string[] };
}

/** Another process holds the database: a run is writing it (README, "Running nightly"). */
export class DatabaseBusyError extends Error {}

/** How long to wait between tries while another process holds the database. */
const BUSY_RETRY_MS = 500;

/**
 * Opens (creating when needed) the DuckDB file; read-only opens never change it. While another
 * process holds the file (DuckDB allows one writer, or readers only), waits up to `waitSeconds`,
 * then throws a DatabaseBusyError that says who holds it, since when, and how to wait.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  for (;;) {
    try {
      return await openOnce(path, options);
    } catch (e) {
      const holder = /Conflicting lock is held in .*?\(PID (\d+)\)/.exec((e as Error).message);
      if (!holder) throw e;
      if (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
        continue;
      }
      throw new DatabaseBusyError(busyMessage(path, Number(holder[1])));
    }
  }
}

function busyMessage(path: string, pid: number): string {
  const run = readRunInfo(path);
  const what =
    run && run.pid === pid
      ? `coauth ${run.command} (PID ${pid}) has been running since ${run.started}`
      : `another process (PID ${pid}) holds it`;
  return `${path} is in use: ${what}; run again when it ends, or add --wait SECONDS to wait for it`;
}

/** What a writing command leaves beside the database while it runs, so that others can say who holds it. */
export interface RunInfo {
  pid: number;
  command: string;
  started: string;
}

export const runInfoPath = (dbPath: string): string => `${dbPath}.run.json`;

function readRunInfo(dbPath: string): RunInfo | null {
  try {
    return JSON.parse(readFileSync(runInfoPath(dbPath), 'utf8')) as RunInfo;
  } catch {
    return null;
  }
}

async function openOnce(path: string, options: OpenOptions): Promise<Database> {
  const config: Record<string, string> = {
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    // Row order inside a table carries no meaning here (rec_id does); without it big INSERT ... SELECTs stream.
    preserve_insertion_order: 'false',
  };
  if (options.readOnly || options.sealed) config.access_mode = 'READ_ONLY';
  const instance = await DuckDBInstance.create(path, config);
  const connection = await instance.connect();
  if (options.sealed) await seal(connection, options.sealed.allowedPaths);
  else if (!options.readOnly) {
    await connection.run(SCHEMA_SQL);
    await addMissingColumns(connection);
  }
  return {
    path,
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The allowed paths must be set before external access goes off, and nothing after the lock. */
async function seal(connection: DuckDBConnection, allowedPaths: readonly string[]): Promise<void> {
  if (allowedPaths.length > 0)
    await connection.run('SET allowed_paths = $paths', { paths: listValue([...allowedPaths]) }, { paths: LIST(VARCHAR) });
  await connection.run('SET enable_external_access = false');
  await connection.run('SET lock_configuration = true');
}

/** Brings an older database's tables up to today's columns (schema.ts, ADDED_COLUMNS). */
async function addMissingColumns(connection: DuckDBConnection): Promise<void> {
  const have = await connection.runAndReadAll(
    `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'main'`,
  );
  const existing = new Set(have.getRows().map((r) => String(r[0])));
  const tables = new Set([...existing].map((c) => c.split('.')[0]));
  const missing = ADDED_COLUMNS.filter(([t, c]) => tables.has(t) && !existing.has(`${t}.${c}`));
  for (const [t, c, type] of missing) await connection.run(`ALTER TABLE ${t} ADD COLUMN ${c} ${type}`);
  if (missing.length > 0) await connection.run('CHECKPOINT');
}

/**
 * Runs a parameterised query and returns its rows as objects with JS values (BIGINT as number).
 * `types` gives the type of parameters DuckDB cannot infer (lists).
 */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  params?: Record<string, DuckDBValue>,
  types?: Record<string, DuckDBType>,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params, types);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
    return out;
  });
}

/** BIGINT to number (counts and ids stay far below 2^53), lists element-wise. */
function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}
