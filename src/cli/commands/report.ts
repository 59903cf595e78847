import type { ArgumentsCamelCase, Argv } from 'yargs';
import { writeReport } from '../../report/write-report.js';
import { EXIT } from '../exit-codes.js';
import { openForReading } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface ReportArgs extends GlobalArgs {
  field?: string[];
  years?: string[];
  focus: string;
  partners: string;
  top: number;
  minPapers?: number;
  minFieldPapers: number;
  minBarPapers: number;
  break?: number;
  allowEmpty: boolean;
  out: string;
}

export const reportCommand = {
  command: 'report',
  describe: "The study's figures and tables per field (network, bars, map and trend SVGs, CSVs, sentences) and one index.html",
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
        array: true,
        describe:
          "periods of the cube, e.g. 2015-2019, or several: --years 2015-2019 2020-2024 (default: the cube's first configured period)",
      })
      .option('focus', { type: 'string', default: 'CN', describe: 'the focal country' })
      .option('partners', { type: 'string', default: 'US', describe: "the focal country's partners, e.g. US,AU" })
      .option('break', {
        type: 'number',
        describe: 'compare the years before this one with it and after: shares, difference, interval, test',
      })
      .option('top', { type: 'number', default: 20, describe: 'countries shown' })
      .option('min-papers', { type: 'number', describe: 'only countries with at least this many papers' })
      .option('min-bar-papers', { type: 'number', default: 30, describe: 'bars of fewer papers are hatched, as too few to compare' })
      .option('allow-empty', {
        type: 'boolean',
        default: false,
        describe: 'exit 0 even when a field or country asked for has no paper (it is still warned about)',
      })
      .option('out', { type: 'string', default: 'out', describe: 'output folder' })
      .example(`$0 report --years 2015-2019 --focus CN --partners US,AU`, `the study's figures and sentences for every field`)
      .example(`$0 report --years 2015-2019 --break 2018 --focus CN --partners US`, `shares before and after 2018, with a test`)
      .example(`$0 report --years 2015-2019 --field 'deep learning' --out dl`, `one field`) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    const db = await openForReading(args.db, args.wait);
    try {
      const r = await writeReport(db.connection, {
        out: args.out,
        fields: args.field,
        periods: args.years
          ?.flatMap((y) => y.split(','))
          .map((y) => y.trim())
          .filter(Boolean),
        focus: args.focus.toUpperCase(),
        partners: args.partners
          .split(',')
          .map((p) => p.trim().toUpperCase())
          .filter(Boolean),
        top: args.top,
        minPapers: args.minPapers,
        minFieldPapers: args.minFieldPapers,
        minBarPapers: args.minBarPapers,
        breakYear: args.break,
        rawCsv: args.rawCsv,
      });
      if (r.defaulted) process.stderr.write(`no --years given: reporting ${r.periods.join(', ')}, the cube's default period\n`);
      for (const m of r.empty) process.stderr.write(`warning: ${m}\n`);
      process.stdout.write(`report for ${r.fields.length} field(s), ${r.periods.join(', ')}: open ${r.index}\n`);
      if (r.empty.length > 0 && !args.allowEmpty) {
        process.stderr.write(`the report has empty answers (above); exit code ${EXIT.emptyAnswer} (--allow-empty to accept them)\n`);
        process.exitCode = EXIT.emptyAnswer;
      }
    } finally {
      db.close();
    }
  },
};
