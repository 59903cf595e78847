import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { buildCube } from '../../analysis/cube/build-cube.js';
import { checkConfig, parsePeriod, parseTopic, type CubeConfig } from '../../analysis/cube/config.js';
import { REGION_POLICIES } from '../../analysis/country-policy.js';
import { openForWriting } from '../open.js';
import type { GlobalArgs } from '../global-args.js';

interface AnalyzeArgs extends GlobalArgs {
  cube?: string;
  field: string[];
  keywordsPlus: boolean;
  categories: boolean;
  periods: string[];
  window: number[];
  includeDoctypes: string[];
  excludeDoctypes: string[];
  languages: string[];
  regions: CubeConfig['policy']['regions'];
  ukNations: boolean;
  full: boolean;
  compact?: boolean;
}

const list = (v: string[] | undefined): string[] =>
  (v ?? [])
    .flatMap((x) => String(x).split(','))
    .map((x) => x.trim())
    .filter(Boolean);

export const analyzeCommand = {
  command: 'analyze',
  describe: 'Build the co-authorship cube: every measure for every field x year and period (incremental after an ingest)',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .option('cube', { type: 'string', describe: 'JSON file with the cube settings (topics, periods, windows, filters, policy)' })
      .option('field', {
        type: 'string',
        array: true,
        default: [],
        describe: 'a topic field, NAME=QUERY: terms joined by OR, "phrases", prefix*',
      })
      .option('keywords-plus', { type: 'boolean', default: false, describe: 'match topics on Keywords Plus too' })
      .option('categories', {
        type: 'boolean',
        default: true,
        describe: 'fields for WoS categories (WC: ...) and research areas (SC: ...)',
      })
      .option('periods', { type: 'string', array: true, default: [], describe: 'periods beside every year, e.g. 2015-2019' })
      .option('window', { type: 'number', array: true, default: [], describe: 'rolling windows of N years' })
      .option('include-doctypes', { type: 'string', array: true, default: [], describe: 'keep papers with one of these document types' })
      .option('exclude-doctypes', {
        type: 'string',
        array: true,
        default: [],
        describe: 'drop papers with any of these (e.g. "Proceedings Paper")',
      })
      .option('languages', { type: 'string', array: true, default: [], describe: 'keep papers in these languages' })
      .option('regions', { choices: REGION_POLICIES, default: 'iso' as const })
      .option('uk-nations', { type: 'boolean', default: false })
      .option('full', { type: 'boolean', default: false, describe: 'rebuild everything instead of the cells new papers fall in' })
      .option('compact', {
        type: 'boolean',
        describe: "fold the measure tables' changes into their stored rows (--no-compact: not now; unset: once they reach an eighth)",
      })
      .example(
        `$0 analyze --field 'deep learning=deep learning' --field 'quantum computing="quantum computing" OR "quantum computer"' --periods 2015-2019 --window 5 --exclude-doctypes 'Proceedings Paper'`,
        `the study's cube: two topics, 2015-2019, rolling 5-year windows, proceedings excluded`,
      )
      .example(`$0 analyze`, `after an ingest: change the cube only by what new, replaced or deleted papers count`)
      .example(`$0 analyze --full`, `rebuild every cell`) as unknown as Argv<AnalyzeArgs>,
  handler: async (args: ArgumentsCamelCase<AnalyzeArgs>) => {
    const fromFile = args.cube ? (JSON.parse(await readFile(args.cube, 'utf8')) as Partial<CubeConfig>) : {};
    const config = checkConfig({
      ...fromFile,
      topics: [...(fromFile.topics ?? []), ...args.field.map(parseTopic)],
      keywordsPlus: fromFile.keywordsPlus ?? args.keywordsPlus,
      categories: fromFile.categories ?? args.categories,
      periods: [...(fromFile.periods ?? []), ...list(args.periods).map(parsePeriod)],
      windows: [...(fromFile.windows ?? []), ...args.window],
      includeDocTypes: [...(fromFile.includeDocTypes ?? []), ...list(args.includeDoctypes)],
      excludeDocTypes: [...(fromFile.excludeDocTypes ?? []), ...list(args.excludeDoctypes)],
      languages: [...(fromFile.languages ?? []), ...list(args.languages)],
      policy: fromFile.policy ?? { regions: args.regions, ukNations: args.ukNations },
    });
    const db = await openForWriting(args.db, 'analyze', args.wait);
    try {
      const r = await buildCube(db.connection, config, { full: args.full, compact: args.compact });
      const counts = (
        await db.connection.runAndReadAll(
          `SELECT (SELECT count(DISTINCT field) FROM record_fields), (SELECT count(*) FROM cube_periods), (SELECT count(*) FROM cube_countries), (SELECT count(*) FROM cube_links)`,
        )
      )
        .getRows()[0]!
        .map(Number);
      process.stdout.write(
        `${r.full ? 'full build' : 'incremental'}: ${r.newPapers} papers added, ${r.cells} field x year cells changed in ${r.seconds.toFixed(2)} s\n` +
          `steps: ${Object.entries(r.steps)
            .map(([step, s]) => `${step.replace(/_/g, ' ')} ${s.toFixed(2)} s`)
            .join(', ')}\n` +
          (r.compacted.length > 0 ? `compacted: ${r.compacted.join(', ').replace(/_/g, ' ')}\n` : '') +
          `cube: ${counts[0]} fields, ${counts[1]} periods, ${counts[2]} country rows, ${counts[3]} links ` +
          `(coauth sql "SELECT * FROM cube_countries WHERE field = 'all' AND period = '2019'")\n`,
      );
    } finally {
      db.close();
    }
  },
};
