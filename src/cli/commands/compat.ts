import type { ArgumentsCamelCase, Argv } from 'yargs';
import { parseYears } from '../../analysis/selection.js';
import { compareWithCompat } from '../../compat/bibliometrix/compare.js';
import { compatDocuments } from '../../compat/bibliometrix/documents.js';
import { writeCompatFiles } from '../../compat/bibliometrix/outputs.js';
import { formatRows, toCsv } from '../../text/tabular.js';
import { openForReading } from '../open.js';
import { writeFile } from 'node:fs/promises';
import type { GlobalArgs } from '../global-args.js';

interface CompatArgs extends GlobalArgs {
  tool: 'bibliometrix';
  years?: string;
  out: string;
  explain: boolean;
}

export const compatCommand = {
  command: 'compat <tool>',
  describe: 'Write every country output of another tool as it computes it (bibliometrix 5.4.1), and why it differs',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('tool', { choices: ['bibliometrix'] as const, demandOption: true })
      .option('years', { type: 'string', describe: 'publication years, e.g. 2015-2019' })
      .option('out', { type: 'string', default: 'out/bibliometrix', describe: 'folder for the files' })
      .option('explain', {
        type: 'boolean',
        default: true,
        describe: 'also write differences.csv: paper by paper, where coauth and bibliometrix disagree and why',
      })
      .example(`$0 compat bibliometrix --out out/bibliometrix`, `every country table of bibliometrix 5.4.1, and differences.csv`)
      .example(
        `$0 compat bibliometrix --years 2015-2019 --explain`,
        `also say, paper by paper, which rule made the two disagree`,
      ) as unknown as Argv<CompatArgs>,
  handler: async (args: ArgumentsCamelCase<CompatArgs>) => {
    const selection = parseYears(args.years);
    const db = await openForReading(args.db, args.wait);
    try {
      const docs = await compatDocuments(db.connection, selection);
      const names = await writeCompatFiles(args.out, docs);
      process.stderr.write(`wrote ${names.join(', ')} to ${args.out}/ (${docs.length} WoS documents)\n`);
      if (args.explain) {
        const { papers, causes } = await compareWithCompat(db.connection, selection, docs);
        await writeFile(`${args.out}/differences.csv`, toCsv(papers, undefined, { raw: args.rawCsv }));
        process.stdout.write(formatRows(causes, 'table'));
        process.stderr.write(`${papers.length} of ${docs.length} papers differ; each one and its causes in ${args.out}/differences.csv\n`);
      }
    } finally {
      db.close();
    }
  },
};
