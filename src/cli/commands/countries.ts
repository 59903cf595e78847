import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { countryRows, countryTotals } from '../../analysis/corresponding-countries.js';
import { parseYears } from '../../analysis/selection.js';
import { formatRows, toCsv, type OutputFormat } from '../../report/tabular.js';
import { openDatabase } from '../../store/database.js';
import type { GlobalArgs } from '../main.js';

interface CountriesArgs extends GlobalArgs {
  years?: string;
  out?: string;
  format: OutputFormat;
}

export const countriesCommand = {
  command: 'countries',
  describe: 'Per country: papers, and by corresponding country articles, SCP, MCP, MCP ratio',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('years', { type: 'string', describe: 'publication years, e.g. 2015-2019' })
      .option('out', { type: 'string', describe: 'write the table as CSV to this file' })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as OutputFormat }) as unknown as Argv<CountriesArgs>,
  handler: async (args: ArgumentsCamelCase<CountriesArgs>) => {
    const selection = parseYears(args.years);
    const db = await openDatabase(args.db, { readOnly: true });
    try {
      const rows = await countryRows(db.connection, selection);
      const totals = await countryTotals(db.connection, selection);
      if (args.out) {
        await writeFile(args.out, toCsv(rows));
        process.stderr.write(`wrote ${rows.length} countries to ${args.out}\n`);
      }
      if (!args.out || process.stdout.isTTY) process.stdout.write(formatRows(rows, args.format));
      process.stderr.write(
        `${totals.papers} papers; country unknown: ${totals.countryUnknown}; corresponding country unknown: ${totals.correspondingUnknown}` +
          (totals.yearUnknown > 0 ? `; left out for unknown year: ${totals.yearUnknown}` : '') +
          '\n',
      );
    } finally {
      db.close();
    }
  },
};
