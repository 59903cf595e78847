import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { openForReading } from '../open.js';
import { cubeConfig, cubePeriod } from '../../analysis/cube/cube-periods.js';
import { parseCut, scenarioRows } from '../../analysis/study/scenario.js';
import { scenarioSvg } from '../../report/scenario-svg.js';
import { formatRows, toCsv } from '../../text/tabular.js';
import type { GlobalArgs } from '../global-args.js';

interface ScenarioArgs extends GlobalArgs {
  cut: string;
  field: string;
  years?: string;
  top: number;
  out: string;
}

export const scenarioCommand = {
  command: 'scenario',
  describe: "Decoupling scenario: cutting the links between two groups, the share of each country's papers affected",
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('cut', { type: 'string', demandOption: true, describe: 'the two groups, e.g. US,AU:CN' })
      .option('field', { type: 'string', default: 'all' })
      .option('years', {
        type: 'string',
        describe: "a period of the cube, e.g. 2015-2019 (default: the cube's first configured period, else its latest window)",
      })
      .option('top', { type: 'number', default: 20 })
      .option('out', { type: 'string', default: 'out/scenario' })
      .example(
        `$0 scenario --cut US,AU:CN --years 2015-2019`,
        `the share of each country's papers a U.S.-Australia / China decoupling would touch`,
      ) as unknown as Argv<ScenarioArgs>,
  handler: async (args: ArgumentsCamelCase<ScenarioArgs>) => {
    const cut = parseCut(args.cut);
    const db = await openForReading(args.db, args.wait);
    try {
      const config = await cubeConfig(db.connection);
      const p = await cubePeriod(db.connection, args.years);
      const rows = await scenarioRows(db.connection, config, { field: args.field, from: p.year_from, to: p.year_to }, cut, args.top);
      await mkdir(args.out, { recursive: true });
      const title = `Papers affected by cutting ${cut.a.join('+')} : ${cut.b.join('+')} links (${args.field}, ${p.period})`;
      await writeFile(join(args.out, 'scenario.csv'), toCsv(rows, undefined, { raw: args.rawCsv }));
      await writeFile(join(args.out, 'scenario.svg'), scenarioSvg(rows, title));
      process.stdout.write(formatRows(rows, 'table'));
      process.stderr.write(`wrote scenario.csv and scenario.svg to ${args.out}/\n`);
    } finally {
      db.close();
    }
  },
};
