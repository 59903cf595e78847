import { writeFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { countryMatrix } from '../../analysis/country-matrix.js';
import { parseYears } from '../../analysis/selection.js';
import { compatDocuments } from '../../compat/bibliometrix/documents.js';
import { countryMatrix as compatMatrix } from '../../compat/bibliometrix/tables.js';
import { matrixRows } from '../../report/matrix-csv.js';
import { toCsv, toTextTable } from '../../text/tabular.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';
import { policyOf, withPolicyOptions, type PolicyArgs } from '../policy-options.js';

interface MatrixArgs extends GlobalArgs, PolicyArgs {
  years?: string;
  out?: string;
  top: number;
}

export const matrixCommand = {
  command: 'matrix',
  describe: 'Country x country co-authorship matrix (full counting; diagonal = papers per country); countries ordered by papers, then code',
  builder: (y: Argv<GlobalArgs>) =>
    withPolicyOptions(y)
      .option('years', { type: 'string', describe: 'publication years, e.g. 2015-2019' })
      .option('out', { type: 'string', describe: 'write the whole matrix as CSV to this file' })
      .option('top', { type: 'number', default: 15, describe: 'countries shown on the terminal' })
      .example(`$0 matrix --years 2015-2019`, `the top of the country x country matrix, countries by papers`)
      .example(`$0 matrix --out matrix.csv`, `the whole matrix as CSV`) as unknown as Argv<MatrixArgs>,
  handler: async (args: ArgumentsCamelCase<MatrixArgs>) => {
    const selection = parseYears(args.years);
    const db = await openForReading(args.db, args.wait);
    try {
      const m =
        args.compat === 'bibliometrix'
          ? (({ names, counts }) => ({ countries: names, counts }))(compatMatrix(await compatDocuments(db.connection, selection)))
          : await countryMatrix(db.connection, selection, policyOf(args));
      if ('fromCube' in m)
        process.stderr.write(
          m.fromCube ? 'read from the cube (field all)\n' : 'counted from record_countries (the cube does not hold exactly these papers)\n',
        );
      if (args.out) {
        await writeFile(args.out, toCsv(matrixRows(m), undefined, { raw: args.rawCsv }));
        process.stderr.write(`wrote ${m.countries.length} x ${m.countries.length} matrix to ${args.out}\n`);
      }
      if (!args.out || process.stdout.isTTY) {
        process.stdout.write(toTextTable(matrixRows(m, args.top)));
        if (m.countries.length > args.top) {
          process.stdout.write(`(${args.top} of ${m.countries.length} countries; --top N for more, --out FILE for all)\n`);
        }
      }
    } finally {
      db.close();
    }
  },
};
