import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../src/store/database.js';
import { CLI, tempDir, WOS_PLAINTEXT } from './helpers.js';

const TABLES: Record<string, string> = {
  files: 'SELECT * EXCLUDE (seconds, loaded_at) FROM files',
  records: 'SELECT * FROM records',
  addresses: 'SELECT * FROM addresses',
  record_countries: 'SELECT * FROM record_countries',
  duplicates: 'SELECT * FROM duplicates',
  rejects: 'SELECT * FROM rejects',
  record_versions: 'SELECT * EXCLUDE (ended_at, ended_seq) FROM record_versions',
};

/** Starts an ingest and kills it (SIGKILL, no cleanup) once `afterFiles` files are reported committed. */
function ingestAndKill(db: string, afterFiles: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // --commit-mb 0: a commit after every file, so that the kill lands between commits.
    const child = spawn(process.execPath, [CLI, '--db', db, 'ingest', '--workers', '2', '--commit-mb', '0', WOS_PLAINTEXT]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const committed = [...err.matchAll(/committed: (\d+) of 30/g)].map((m) => Number(m[1]));
      if (Math.max(0, ...committed) >= afterFiles) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(err) : reject(new Error(`not killed: ${code} ${err}`))));
  });
}

function ingestToEnd(db: string): void {
  const r = spawnSync(process.execPath, [CLI, '--db', db, 'ingest', '--quiet', WOS_PLAINTEXT], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('a killed ingest', () => {
  it('leaves only whole files visible, and the next run gives the same tables as one clean run', async () => {
    const dir = tempDir();
    const killed = join(dir, 'killed.duckdb');
    const clean = join(dir, 'clean.duckdb');

    await ingestAndKill(killed, 3);
    {
      const db = await openDatabase(killed);
      const rows = await queryRows(
        db.connection,
        `SELECT f.file_id, f.n_loaded, (SELECT count(*) FROM record_versions v WHERE v.file_id = f.file_id) AS n FROM files f`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.length).toBeLessThan(30);
      for (const r of rows) expect(r.n).toBe(r.n_loaded);
      const [orphans] = await queryRows(
        db.connection,
        'SELECT count(*) AS n FROM records WHERE file_id NOT IN (SELECT file_id FROM files)',
      );
      expect(orphans!.n).toBe(0);
      db.close();
    }

    ingestToEnd(killed);
    ingestToEnd(clean);

    const db = await openDatabase(clean);
    await db.connection.run(`ATTACH '${killed.replace(/'/g, "''")}' AS k (READ_ONLY)`);
    for (const [name, select] of Object.entries(TABLES)) {
      const other = select.replace(`FROM ${name}`, `FROM k.${name}`);
      const [diff] = await queryRows(
        db.connection,
        `SELECT (SELECT count(*) FROM (${select} EXCEPT ALL ${other})) + (SELECT count(*) FROM (${other} EXCEPT ALL ${select})) AS n,
                (SELECT count(*) FROM (${select})) AS total`,
      );
      expect(diff!.n, name).toBe(0);
      // The corpus repeats no UT within a file: later files' copies are versions, not duplicates.
      if (name !== 'duplicates') expect(diff!.total, name).toBeGreaterThan(0);
    }
    const [replaced] = await queryRows(db.connection, `SELECT count(*) AS n FROM k.record_versions WHERE status = 'replaced'`);
    expect(replaced!.n).toBe(43);
    db.close();
  });
});
