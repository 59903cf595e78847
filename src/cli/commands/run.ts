import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { buildCube } from '../../analysis/cube/build-cube.js';
import { checkConfig } from '../../analysis/cube/config.js';
import { ingest } from '../../ingest/ingest.js';
import { writeReport } from '../../report/write-report.js';
import { parsePreference } from '../../store/cross-source.js';
import { EXIT, ingestExitCode } from '../exit-codes.js';
import type { GlobalArgs } from '../global-args.js';
import { checkJob } from '../job.js';
import { openForWriting } from '../open.js';
import { RunLog } from '../run-log.js';
import { UsageError } from '../../contracts/usage-error.js';

interface RunArgs extends GlobalArgs {
  job: string;
}

export const runCommand = {
  command: 'run <job>',
  describe: 'The nightly job from a JSON file: ingest what is new, bring the cube up to date, write the report',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('job', { type: 'string', demandOption: true, describe: 'JSON file (job.schema.json; README, "Running nightly")' })
      .example(
        '$0 --db /data/wos.duckdb run /etc/coauth/nightly.json',
        'the nightly job; exit code 0, 3, 4, 5 or 6 (README, "Exit codes")',
      ) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(args.job, 'utf8'));
    } catch (e) {
      throw new UsageError(`${args.job}: ${(e as Error).message}`);
    }
    const job = checkJob(raw, args.job);
    const config = checkConfig(job.cube);
    const prefer = job.prefer === undefined ? undefined : parsePreference(job.prefer);
    const log = new RunLog(job.log);
    const steps: Record<string, number> = {};
    const db = await openForWriting(args.db, 'run', args.wait);
    log.write('start', { job: args.job, db: args.db, pid: process.pid });
    try {
      let t = performance.now();
      let emptyAnswer = false;
      const s = await ingest(db, job.inputs, {
        workers: job.workers,
        preferSources: prefer,
        keepLatest: job.keep === 'latest',
        maxRecordBytes: Math.round(job.maxRecordMb * 2 ** 20),
        commitBytes: Math.round(job.commitMb * 2 ** 20),
        onFile: (r) => log.write('file', { ...r }),
      });
      steps.ingest = (performance.now() - t) / 1000;
      log.write('step', { step: 'ingest', seconds: steps.ingest });
      const fresh = s.files.filter((f) => f.status !== 'skipped').length;
      process.stdout.write(
        `ingest: ${fresh} new file(s), ${s.nLoaded} records loaded (${s.nReplaced} replacing earlier versions), ${s.nDeleted} deleted, ` +
          `${s.nDuplicate} duplicate, ${s.nRejected} rejected, ${s.nCrossSource} in the database left out as held by a preferred source\n`,
      );
      t = performance.now();
      const cube = await buildCube(db.connection, config);
      steps.analyze = (performance.now() - t) / 1000;
      log.write('step', { step: 'analyze', seconds: steps.analyze, full: cube.full, cells: cube.cells, compacted: cube.compacted });
      process.stdout.write(
        `analyze: ${cube.full ? 'full build' : 'incremental'}, ${cube.cells} field x year cells in ${cube.seconds.toFixed(2)} s\n`,
      );
      if (job.report) {
        const r = job.report;
        t = performance.now();
        const out = await writeReport(db.connection, {
          out: r.out,
          periods: r.years,
          fields: r.fields,
          focus: r.focus,
          partners: r.partners,
          top: r.top,
          minPapers: r.minPapers,
          minFieldPapers: r.minFieldPapers,
          minBarPapers: r.minBarPapers,
          breakYear: r.breakYear,
          rawCsv: args.rawCsv,
        });
        for (const m of out.empty) {
          process.stderr.write(`warning: ${m}\n`);
          log.write('warning', { step: 'report', message: m });
        }
        emptyAnswer = out.empty.length > 0 && !r.allowEmpty;
        steps.report = (performance.now() - t) / 1000;
        log.write('step', { step: 'report', seconds: steps.report, fields: out.fields.length });
        process.stdout.write(`report: ${out.fields.length} field(s), ${out.index}\n`);
      }
      process.exitCode = ingestExitCode(s, job.maxRejectRate);
      if (process.exitCode === EXIT.ok && emptyAnswer) process.exitCode = EXIT.emptyAnswer;
      log.write('summary', {
        exitCode: process.exitCode,
        records: {
          read: s.nRead,
          loaded: s.nLoaded,
          replaced: s.nReplaced,
          deleted: s.nDeleted,
          notFound: s.nNotFound,
          duplicate: s.nDuplicate,
          rejected: s.nRejected,
        },
        files: Object.fromEntries(
          ['done', 'partial', 'failed', 'unsupported', 'skipped'].map((k) => [k, s.files.filter((f) => f.status === k).length]),
        ),
        cellsRecomputed: cube.cells,
        seconds: steps,
      });
    } catch (e) {
      log.write('error', { message: (e as Error).message });
      throw e;
    } finally {
      db.close();
    }
  },
};
