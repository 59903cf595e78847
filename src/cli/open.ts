import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, runInfoPath, type Database } from '../store/database.js';

/**
 * Opens the database for a command that writes it, and leaves beside it who holds it and since
 * when (removed when done; a killed run's file is ignored, since its PID no longer holds the lock).
 */
export async function openForWriting(path: string, command: string, waitSeconds?: number): Promise<Database> {
  const db = await openDatabase(path, { waitSeconds });
  if (path !== ':memory:') {
    writeFileSync(runInfoPath(path), JSON.stringify({ pid: process.pid, command, started: new Date().toISOString() }) + '\n');
    const close = db.close.bind(db);
    db.close = () => {
      close();
      rmSync(runInfoPath(path), { force: true });
    };
  }
  return db;
}

/**
 * Opens the database for a command that only reads it: read-only and sealed, so that no query
 * can write, read other files, attach, install or change settings; `writes` are the only files
 * DuckDB itself may write (export-table's output).
 */
export function openForReading(path: string, waitSeconds?: number, writes: readonly string[] = []): Promise<Database> {
  if (path !== ':memory:' && !existsSync(path)) {
    throw new Error(`${path}: no database here yet: run coauth ingest <files or folders> first, or name another with --db`);
  }
  return openDatabase(path, { sealed: { allowedPaths: writes.map((p) => resolve(p)) }, waitSeconds });
}
