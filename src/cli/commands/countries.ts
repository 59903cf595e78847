import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { countryRows, countryTotals } from '../../analysis/corresponding-countries.js';
import { parseYears } from '../../analysis/selection.js';
import { unmatchedTails } from '../../analysis/unmatched.js';
import { compatDocuments } from '../../compat/bibliometrix/documents.js';
import { summaryCountries } from '../../compat/bibliometrix/tables.js';
import { formatRows, toCsv, type OutputFormat } from '../../text/tabular.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';
import { policyOf, withPolicyOptions, type PolicyArgs } from '../policy-options.js';

interface CountriesArgs extends GlobalArgs, PolicyArgs {
  years?: string;
  out?: string;
  format: OutputFormat;
  unmatched: boolean;
}

export const countriesCommand = {
  command: 'countries',
  describe: 'Per country: papers, and by corresponding country articles, SCP, MCP, MCP ratio; ordered by articles, then papers, then code',
  builder: (y: Argv<GlobalArgs>) =>
    withPolicyOptions(y)
      .option('years', { type: 'string', describe: 'publication years, e.g. 2015-2019' })
      .option('out', { type: 'string', describe: 'write the table as CSV to this file' })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as OutputFormat })
      .option('unmatched', {
        type: 'boolean',
        default: false,
        describe: 'list the address ends that matched no country, most frequent first',
      })
      .example(`$0 countries --years 2015-2019`, `per country, ordered by corresponding articles: papers, SCP, MCP, MCP ratio`)
      .example(`$0 countries --unmatched`, `the address ends that matched no country, most frequent first`)
      .example(
        `$0 countries --regions bibliometrix --out countries.csv`,
        `Taiwan folded into China, as the study had it`,
      ) as unknown as Argv<CountriesArgs>,
  handler: async (args: ArgumentsCamelCase<CountriesArgs>) => {
    const selection = parseYears(args.years);
    const db = await openForReading(args.db, args.wait);
    try {
      let rows: object[];
      let footer: string;
      if (args.unmatched) {
        const u = await unmatchedTails(db.connection, selection);
        rows = u.rows;
        footer = `${u.unmatched} of ${u.addresses} addresses (${((100 * u.unmatched) / Math.max(1, u.addresses)).toFixed(3)}%) matched no country`;
      } else if (args.compat === 'bibliometrix') {
        const docs = await compatDocuments(db.connection, selection);
        rows = summaryCountries(docs);
        footer = `bibliometrix 5.4.1 "Corresponding Author's Countries" on ${docs.length} WoS documents`;
      } else {
        const policy = policyOf(args);
        rows = await countryRows(db.connection, selection, policy);
        const t = await countryTotals(db.connection, selection, policy);
        footer =
          `${t.papers} papers; country unknown: ${t.countryUnknown}; corresponding country unknown: ${t.correspondingUnknown}` +
          (t.yearUnknown > 0 ? `; left out for unknown year: ${t.yearUnknown}` : '');
      }
      if (args.out) {
        await writeFile(args.out, toCsv(rows, undefined, { raw: args.rawCsv }));
        process.stderr.write(`wrote ${rows.length} rows to ${args.out}\n`);
      }
      if (!args.out || process.stdout.isTTY) process.stdout.write(formatRows(rows, args.format, undefined, { raw: args.rawCsv }));
      process.stderr.write(footer + '\n');
    } finally {
      db.close();
    }
  },
};
