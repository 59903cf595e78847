import type { ArgumentsCamelCase, Argv } from 'yargs';
import { formatRows, type OutputFormat } from '../../text/tabular.js';
import { queryRows } from '../../store/database.js';
import { openForReading } from '../open.js';
import { checkQuery } from '../../store/query-guard.js';
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
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as OutputFormat })
      .example(
        `$0 sql "SELECT country, papers FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = '2019' ORDER BY papers DESC LIMIT 10"`,
        `any query over the tables (README, "Tables")`,
      )
      .example(
        `$0 sql "SELECT f.path, r.* FROM rejects r JOIN files f USING (file_id)" --format csv`,
        `why records were not loaded, as CSV`,
      ) as unknown as Argv<SqlArgs>,
  handler: async (args: ArgumentsCamelCase<SqlArgs>) => {
    // Sealed (read-only, no file access, settings locked) and checked: one query, nothing else.
    const db = await openForReading(args.db, args.wait);
    try {
      await checkQuery(db.connection, args.query);
      process.stdout.write(formatRows(await queryRows(db.connection, args.query), args.format, undefined, { raw: args.rawCsv }));
    } finally {
      db.close();
    }
  },
};
