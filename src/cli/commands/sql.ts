import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatRows, type OutputFormat } from '../../text/tabular.js';
import { queryRows } from '../../store/database.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface SqlArgs extends GlobalArgs {
  query: string;
  format: OutputFormat;
}

export const sqlCommand = {
  command: 'sql <query>',
  describe: 'Run a read-only SQL query over the tables',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('query', { type: 'string', demandOption: true })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as OutputFormat }) as unknown as Argv<SqlArgs>,
  handler: async (args: ArgumentsCamelCase<SqlArgs>) => {
    // The database is opened read-only, so no query can change it.
    const db = await openForReading(args.db, args.wait);
    try {
      process.stdout.write(formatRows(await queryRows(db.connection, args.query), args.format));
    } finally {
      db.close();
    }
  },
};
