import type { DuckDBConnection } from '@duckdb/node-api';
import { markCrossSourceDuplicates } from './cross-source.js';
import { queryRows } from './database.js';
import { transaction } from './transaction.js';
import { deleteRecords, retireFile, type RecordId } from './versions.js';

/**
 * Changes made by hand, outside an ingest: `coauth delete` and `coauth forget`. Each is one
 * transaction; duplicates across sources are then recomputed, and the next `analyze` takes
 * the ended records out of the cube (record_versions.ended_seq).
 */

export interface DeleteOutcome {
  deleted: number;
  notFound: RecordId[];
}

export async function deleteByIds(connection: DuckDBConnection, ids: readonly RecordId[]): Promise<DeleteOutcome> {
  const found = await transaction(connection, async () => {
    const present = new Set<string>();
    for (let i = 0; i < ids.length; i += 50_000) {
      const part = ids.slice(i, i + 50_000);
      const rows = await queryRows(
        connection,
        `SELECT source || ' ' || uid AS k FROM records WHERE uid IN (SELECT unnest(string_split($uids, chr(31))))`,
        { uids: part.map((id) => id.uid).join('\x1f') },
      );
      for (const r of rows) present.add(String(r.k));
      await deleteRecords(connection, part, null);
    }
    return present;
  });
  await markCrossSourceDuplicates(connection, undefined);
  const notFound = ids.filter((id) => !found.has(`${id.source} ${id.uid}`));
  return { deleted: ids.length - notFound.length, notFound };
}

export interface ForgottenFile {
  fileId: number;
  path: string;
  status: string;
  records: number;
}

/**
 * Forgets files named by path or file id: every current record they loaded leaves the tables
 * (record_versions: 'forgotten'), the file row says 'forgotten', and the next ingest of the same
 * content loads it again. A forgotten deletion list does not bring back what it deleted.
 */
export async function forgetFiles(
  connection: DuckDBConnection,
  refs: readonly string[],
): Promise<{ forgotten: ForgottenFile[]; unknown: string[] }> {
  const forgotten: ForgottenFile[] = [];
  const unknown: string[] = [];
  await transaction(connection, async () => {
    for (const ref of refs) {
      const rows = await queryRows(
        connection,
        `SELECT file_id, path, status FROM files
         WHERE status NOT IN ('forgotten', 'retried') AND (path = $ref OR file_id::VARCHAR = $ref OR ends_with(path, '/' || $ref))`,
        { ref },
      );
      if (rows.length === 0) unknown.push(ref);
      for (const r of rows) {
        const records = await retireFile(connection, Number(r.file_id), 'forgotten');
        forgotten.push({ fileId: Number(r.file_id), path: String(r.path), status: String(r.status), records });
      }
    }
  });
  if (forgotten.length > 0) await markCrossSourceDuplicates(connection, undefined);
  return { forgotten, unknown };
}
