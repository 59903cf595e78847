import type { ArgumentsCamelCase, Argv } from 'yargs';
import { writeReport } from '../../report/write-report.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface ReportArgs extends GlobalArgs {
  field?: string[];
  years?: string;
  focus: string;
  partners: string;
  top: number;
  minPapers?: number;
  minFieldPapers: number;
  out: string;
}

export const reportCommand = {
  command: 'report',
  describe: "The study's figures and tables per field (network and bar SVGs, CSVs, sentences) and one index.html",
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('field', {
        type: 'string',
        array: true,
        describe: 'fields to report (default: all, every topic, and every category with --min-field-papers papers)',
      })
      .option('min-field-papers', { type: 'number', default: 100, describe: 'categories with fewer papers get no report by default' })
      .option('years', {
        type: 'string',
        describe: "a period of the cube, e.g. 2015-2019 (default: the cube's first configured period, else its latest window)",
      })
      .option('focus', { type: 'string', default: 'CN', describe: 'the focal country' })
      .option('partners', { type: 'string', default: 'US', describe: "the focal country's partners, e.g. US,AU" })
      .option('top', { type: 'number', default: 20, describe: 'countries shown' })
      .option('min-papers', { type: 'number', describe: 'only countries with at least this many papers' })
      .option('out', { type: 'string', default: 'out', describe: 'output folder' })
      .example(`$0 report --years 2015-2019 --focus CN --partners US,AU`, `the study's figures and sentences for every field`)
      .example(`$0 report --years 2015-2019 --field 'deep learning' --out dl`, `one field`) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    const db = await openForReading(args.db, args.wait);
    try {
      const r = await writeReport(db.connection, {
        out: args.out,
        fields: args.field,
        period: args.years,
        focus: args.focus.toUpperCase(),
        partners: args.partners
          .split(',')
          .map((p) => p.trim().toUpperCase())
          .filter(Boolean),
        top: args.top,
        minPapers: args.minPapers,
        minFieldPapers: args.minFieldPapers,
        rawCsv: args.rawCsv,
      });
      if (r.defaulted) process.stderr.write(`no --years given: reporting ${r.period}, the cube's default period\n`);
      process.stdout.write(`report for ${r.fields.length} field(s), ${r.period}: open ${r.index}\n`);
    } finally {
      db.close();
    }
  },
};
