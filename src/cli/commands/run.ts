import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { buildCube } from '../../analysis/cube/build-cube.js';
import { checkConfig, type CubeConfig } from '../../analysis/cube/config.js';
import { ingest } from '../../ingest/ingest.js';
import { writeReport } from '../../report/write-report.js';
import { parsePreference } from '../../store/cross-source.js';
import { openDatabase } from '../../store/database.js';
import type { GlobalArgs } from '../global-args.js';

/** The nightly job's settings file. */
interface RunFile {
  /** Files and folders to ingest; what was ingested before is skipped. */
  inputs: string[];
  /** The cube settings (as for `coauth analyze --cube`). */
  cube?: Partial<CubeConfig>;
  /** Report settings; omit to skip the report. */
  report?: { years: string; fields?: string[]; focus?: string; partners?: string[]; top?: number; out?: string };
  workers?: number;
  /** Source preference when sources share a DOI, e.g. "scopus,wos" (default wos, scopus, openalex). */
  prefer?: string;
}

interface RunArgs extends GlobalArgs {
  job: string;
}

export const runCommand = {
  command: 'run <job>',
  describe: 'The nightly job from a JSON file: ingest what is new, bring the cube up to date, write the report',
  builder: (y: Argv<GlobalArgs>) =>
    y.positional('job', { type: 'string', demandOption: true, describe: 'JSON file: {inputs, cube, report, workers, prefer}' }) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const job = JSON.parse(await readFile(args.job, 'utf8')) as RunFile;
    if (!Array.isArray(job.inputs) || job.inputs.length === 0) throw new TypeError(`${args.job}: "inputs" must list files or folders`);
    const config = checkConfig(job.cube ?? {});
    const db = await openDatabase(args.db);
    try {
      const s = await ingest(db, job.inputs, { workers: job.workers, preferSources: job.prefer === undefined ? undefined : parsePreference(job.prefer) });
      const fresh = s.files.filter((f) => f.status === 'done' || f.status === 'partial').length;
      process.stdout.write(
        `ingest: ${fresh} new file(s), ${s.nLoaded} records loaded, ${s.nDuplicate} duplicate, ${s.nRejected} rejected, ` +
          `${s.nCrossSource} in the database left out as held by a preferred source\n`,
      );
      const cube = await buildCube(db.connection, config);
      process.stdout.write(`analyze: ${cube.full ? 'full build' : 'incremental'}, ${cube.cells} field x year cells in ${cube.seconds.toFixed(2)} s\n`);
      if (job.report) {
        const r = job.report;
        const out = await writeReport(db.connection, {
          out: r.out ?? 'out',
          period: r.years,
          fields: r.fields,
          focus: (r.focus ?? 'CN').toUpperCase(),
          partners: (r.partners ?? ['US']).map((p) => p.toUpperCase()),
          top: r.top ?? 20,
        });
        process.stdout.write(`report: ${out.fields.length} field(s), ${out.index}\n`);
      }
    } finally {
      db.close();
    }
  },
};
