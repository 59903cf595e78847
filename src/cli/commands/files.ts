import type { ArgumentsCamelCase, Argv } from 'yargs';
import { queryRows } from '../../store/database.js';
import { formatRows, type OutputFormat } from '../../text/tabular.js';
import type { GlobalArgs } from '../global-args.js';
import { openForReading } from '../open.js';

interface FilesArgs extends GlobalArgs {
  status?: string;
  format: OutputFormat;
}

export const filesCommand = {
  command: 'files',
  describe: 'List the ingested files with their status and counts, in ingest order',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('status', {
        choices: ['done', 'partial', 'failed', 'retried', 'forgotten', 'pending'] as const,
        describe: 'only files with this status (pending: partial or failed, tried again on the next ingest)',
      })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as OutputFormat })
      .example('$0 files --status pending', 'the files the next ingest will try again') as unknown as Argv<FilesArgs>,
  handler: async (args: ArgumentsCamelCase<FilesArgs>) => {
    const db = await openForReading(args.db, args.wait);
    try {
      const rows = await queryRows(
        db.connection,
        `SELECT file_id, status, format, n_read, n_loaded, n_duplicate, n_rejected,
                (SELECT count(*) FROM record_versions v WHERE v.ended_by_file = f.file_id AND v.status = 'replaced') AS n_replaced,
                coalesce(n_deleted, 0) AS n_deleted, coalesce(n_not_found, 0) AS n_not_found, loaded_at, path
         FROM files f
         WHERE $status IS NULL OR status = $status OR ($status = 'pending' AND status IN ('partial', 'failed'))
         ORDER BY file_id`,
        { status: args.status ?? null },
      );
      process.stdout.write(formatRows(rows, args.format, undefined, { raw: args.rawCsv }));
    } finally {
      db.close();
    }
  },
};
