import type { DuckDBConnection } from '@duckdb/node-api';
import { END_VERSIONS_SQL } from './end-versions-sql.js';
import { runScript } from './run-script.js';

/**
 * Ending current records other than by a newer version (store/load-sql.ts does that): a deletion
 * list or `coauth delete` (status 'deleted'), `coauth forget` of the file that loaded them
 * ('forgotten'). Each leaves records, addresses and record_countries in the caller's
 * transaction; record_versions keeps the history, and its ended_seq tells the cube which
 * endings it has not yet followed (analysis/cube).
 */
const END_RECORDS_SQL = `
CREATE OR REPLACE TEMP TABLE _ended AS SELECT *, $status AS status, $by_file::INTEGER AS by_file FROM temp._ending;
${END_VERSIONS_SQL}
DELETE FROM record_countries WHERE rec_id IN (SELECT rec_id FROM temp._ending);
DELETE FROM addresses WHERE rec_id IN (SELECT rec_id FROM temp._ending);
DELETE FROM records WHERE rec_id IN (SELECT rec_id FROM temp._ending);
`;

/** The current records with the ids in temp._delete_ids(source, uid), to be deleted. */
const BY_IDS_SQL = `
CREATE OR REPLACE TEMP TABLE _ending AS
SELECT r.source, r.uid, r.rec_id, r.file_id, r.line, r.year FROM records r JOIN (SELECT DISTINCT source, uid FROM temp._delete_ids) d ON r.source = d.source AND r.uid = d.uid;
`;

export interface RecordId {
  source: string;
  uid: string;
}

/**
 * Deletes the current records with these ids; returns how many ids matched one. Runs inside
 * the caller's transaction. `byFile`: the deletion list's file, NULL for `coauth delete`.
 */
export async function deleteRecords(connection: DuckDBConnection, ids: readonly RecordId[], byFile: number | null): Promise<number> {
  await connection.run('CREATE OR REPLACE TEMP TABLE _delete_ids (source VARCHAR, uid VARCHAR)');
  const ap = await connection.createAppender('_delete_ids', 'main', 'temp');
  for (const id of ids) {
    ap.appendVarchar(id.source);
    ap.appendVarchar(id.uid);
    ap.endRow();
  }
  ap.closeSync();
  await runScript(connection, BY_IDS_SQL);
  return endRecords(connection, 'deleted', byFile);
}

/**
 * Takes out every current record a file loaded and gives its row the status: `forgotten`
 * (`coauth forget`) or `retried` (a failed or partial file read again). Returns the records.
 */
export async function retireFile(connection: DuckDBConnection, fileId: number, status: 'forgotten' | 'retried'): Promise<number> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE _ending AS
     SELECT source, uid, rec_id, file_id, line, year FROM records WHERE file_id = $file_id`,
    { file_id: fileId },
  );
  const records = await endRecords(connection, 'forgotten', null);
  await connection.run('UPDATE files SET status = $status WHERE file_id = $id', { status, id: fileId });
  return records;
}

async function endRecords(connection: DuckDBConnection, status: 'deleted' | 'forgotten', byFile: number | null): Promise<number> {
  const n = Number((await connection.runAndReadAll('SELECT count(*) FROM temp._ending')).getRows()[0]![0]);
  if (n > 0) await runScript(connection, END_RECORDS_SQL, { status, by_file: byFile });
  await connection.run('DROP TABLE temp._ending');
  return n;
}
