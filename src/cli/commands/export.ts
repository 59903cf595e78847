import type { ArgumentsCamelCase, Argv } from 'yargs';
import { cubePeriod } from '../../analysis/cube/cube-periods.js';
import { writeNetworkExports } from '../../export/write-exports.js';
import { safeName } from '../../report/safe-name.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface ExportArgs extends GlobalArgs {
  field: string;
  years?: string;
  basis: 'all' | 'primary';
  top: number;
  minPapers?: number;
  out: string;
}

export const exportCommand = {
  command: 'export',
  describe: 'The country network as VOSviewer map + network files and JSON, GEXF, GraphML and Pajek .net',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('field', { type: 'string', default: 'all' })
      .option('years', {
        type: 'string',
        describe: "a period of the cube, e.g. 2015-2019, or a year (default: the cube's first configured period, else its latest window)",
      })
      .option('basis', { choices: ['all', 'primary'] as const, default: 'all' as const })
      .option('top', { type: 'number', default: 1000, describe: 'countries, most papers first' })
      .option('min-papers', { type: 'number' })
      .option('out', { type: 'string', describe: 'folder (default: out/export/<field>)' })
      .example(`$0 export --years 2015-2019 --out out/export`, `the network for VOSviewer, Gephi (GEXF, GraphML) and Pajek`)
      .example(
        `$0 export --years 2015-2019 --field 'quantum computing' --basis primary`,
        `one field, on primary affiliations`,
      ) as unknown as Argv<ExportArgs>,
  handler: async (args: ArgumentsCamelCase<ExportArgs>) => {
    const db = await openForReading(args.db, args.wait);
    try {
      const out = args.out ?? `out/export/${safeName(args.field)}`;
      const p = await cubePeriod(db.connection, args.years);
      const files = await writeNetworkExports(
        db.connection,
        { field: args.field, period: p.period, basis: args.basis },
        { out, top: args.top, minPapers: args.minPapers },
      );
      process.stderr.write(
        `wrote ${files.join(', ')} to ${out}/ (period ${p.period}${p.defaulted ? ", the cube's default; --years to choose" : ''})\n`,
      );
    } finally {
      db.close();
    }
  },
};
