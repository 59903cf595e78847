import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { queryRows } from '../../store/database.js';
import { spreadsheetSafeSql } from '../../text/csv-cell.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';
import { UsageError } from '../../contracts/usage-error.js';

interface ExportArgs extends GlobalArgs {
  table: string;
  out: string;
  where?: string;
}

/** Tables and views a user may export; the name is checked against this list, never spliced unchecked. */
const EXPORTABLE = [
  'records',
  'addresses',
  'record_countries',
  'record_primary_countries',
  'record_fields',
  'record_versions',
  'files',
  'rejects',
  'duplicates',
  'cross_source_duplicates',
  'cube_countries',
  'cube_links',
  'cube_links_normalised',
  'cube_partners',
  'cube_corresponding_partners',
  'cube_coverage',
  'cube_periods',
];

/** The table's text columns guarded against spreadsheet formulas (text/csv-cell.ts); names come from DuckDB, quoted. */
async function spreadsheetSafeSelect(connection: DuckDBConnection, table: string): Promise<string> {
  const columns = await queryRows(
    connection,
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position`,
    { t: table },
  );
  const quoted = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const list = columns.map((c) =>
    c.type === 'VARCHAR' ? `${spreadsheetSafeSql(quoted(String(c.name)))} AS ${quoted(String(c.name))}` : quoted(String(c.name)),
  );
  return `SELECT ${list.join(', ')} FROM ${table}`;
}

export const exportTableCommand = {
  command: 'export-table <table>',
  describe: 'Write a table or cube table as CSV, Parquet or JSON (by the --out extension)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('table', { choices: EXPORTABLE, demandOption: true })
      .option('out', { type: 'string', demandOption: true, describe: 'file.csv, file.parquet or file.json' })
      .example(`$0 export-table cube_partners --out partners.parquet`, `a cube view as Parquet`)
      .example(`$0 export-table rejects --out rejects.csv`, `what was not loaded, and why`) as unknown as Argv<ExportArgs>,
  handler: async (args: ArgumentsCamelCase<ExportArgs>) => {
    const format = /\.parquet$/i.test(args.out) ? 'PARQUET' : /\.json$/i.test(args.out) ? 'JSON' : /\.csv$/i.test(args.out) ? 'CSV' : null;
    if (format === null) throw new UsageError(`--out: name a .csv, .parquet or .json file, got ${args.out}`);
    if (!EXPORTABLE.includes(args.table)) throw new UsageError(`unknown table ${args.table}`);
    // Sealed like every reading command; DuckDB may write the output file alone.
    const db = await openForReading(args.db, args.wait, [args.out]);
    try {
      // COPY takes no parameter for its target: the path is quoted as a SQL string literal.
      const target = `'${resolve(args.out).replace(/'/g, "''")}'`;
      const options = format === 'CSV' ? '(FORMAT CSV, HEADER)' : format === 'JSON' ? '(FORMAT JSON, ARRAY true)' : '(FORMAT PARQUET)';
      const [known] = await queryRows(db.connection, 'SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $t', {
        t: args.table,
      });
      if (known!.n === 0)
        throw new Error(
          `${args.db} has no ${args.table} yet: ${/^cube_|^record_fields$/.test(args.table) ? 'run coauth analyze first' : 'run coauth ingest first'}`,
        );
      const select =
        format === 'CSV' && !args.rawCsv ? await spreadsheetSafeSelect(db.connection, args.table) : `SELECT * FROM ${args.table}`;
      // Over an existing file DuckDB writes tmp_<name> first, a path the seal does not allow: the old file goes first.
      rmSync(args.out, { force: true });
      await db.connection.run(`COPY (${select}) TO ${target} ${options}`);
      const n = (await db.connection.runAndReadAll(`SELECT count(*) FROM ${args.table}`)).getRows()[0]![0];
      process.stderr.write(`wrote ${n} rows of ${args.table} to ${args.out}\n`);
    } finally {
      db.close();
    }
  },
};
