import type { ArgumentsCamelCase, Argv } from 'yargs';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface ExportArgs extends GlobalArgs {
  table: string;
  out: string;
  where?: string;
}

/** Tables and views a user may export; the name is checked against this list, never spliced unchecked. */
const EXPORTABLE = [
  'records', 'addresses', 'record_countries', 'record_primary_countries', 'record_fields', 'files', 'rejects', 'duplicates',
  'cube_countries', 'cube_links', 'cube_links_normalised', 'cube_partners', 'cube_corresponding_partners', 'cube_coverage',
  'cube_periods',
];

export const exportTableCommand = {
  command: 'export-table <table>',
  describe: 'Write a table or cube table as CSV, Parquet or JSON (by the --out extension)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('table', { choices: EXPORTABLE, demandOption: true })
      .option('out', { type: 'string', demandOption: true, describe: 'file.csv, file.parquet or file.json' }) as unknown as Argv<ExportArgs>,
  handler: async (args: ArgumentsCamelCase<ExportArgs>) => {
    const format = /\.parquet$/i.test(args.out) ? 'PARQUET' : /\.json$/i.test(args.out) ? 'JSON' : /\.csv$/i.test(args.out) ? 'CSV' : null;
    if (format === null) throw new TypeError(`--out: name a .csv, .parquet or .json file, got ${args.out}`);
    if (!EXPORTABLE.includes(args.table)) throw new TypeError(`unknown table ${args.table}`);
    const db = await openForReading(args.db, args.wait);
    try {
      // COPY takes no parameter for its target: the path is quoted as a SQL string literal.
      const target = `'${args.out.replace(/'/g, "''")}'`;
      const options = format === 'CSV' ? '(FORMAT CSV, HEADER)' : format === 'JSON' ? '(FORMAT JSON, ARRAY true)' : '(FORMAT PARQUET)';
      await db.connection.run(`COPY (SELECT * FROM ${args.table}) TO ${target} ${options}`);
      const n = (await db.connection.runAndReadAll(`SELECT count(*) FROM ${args.table}`)).getRows()[0]![0];
      process.stderr.write(`wrote ${n} rows of ${args.table} to ${args.out}\n`);
    } finally {
      db.close();
    }
  },
};
