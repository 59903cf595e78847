import type { ArgumentsCamelCase, Argv } from 'yargs';
import { ingest, type FileResult } from '../../ingest/ingest.js';
import { FORMATS, type FormatName } from '../../contracts/formats.js';
import { parsePreference } from '../../store/cross-source.js';
import { openForWriting } from '../open.js';
import { ingestExitCode } from '../exit-codes.js';
import { CommitLines, ProgressBar } from '../progress.js';
import type { GlobalArgs } from '../global-args.js';

interface IngestArgs extends GlobalArgs {
  paths: string[];
  workers?: number;
  maxRecordMb: number;
  commitMb: number;
  format?: FormatName;
  prefer?: string;
  keep: 'latest' | 'first';
  maxRejectRate: number;
  quiet: boolean;
}

export const ingestCommand = {
  command: 'ingest <paths..>',
  describe: 'Load exports (files, folders, .gz) into the database',
  builder: (y: Argv<GlobalArgs>) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'files or folders' })
      .option('workers', { type: 'number', describe: 'parser threads (default: CPU cores)' })
      .option('max-record-mb', {
        type: 'number',
        default: 16,
        describe: 'records larger than this are rejected (real ones stay under 1 MB)',
      })
      .option('commit-mb', {
        type: 'number',
        default: 256,
        describe: 'commit whole files once this many MB of input are loaded (what a crash can cost)',
      })
      .option('format', { choices: FORMATS, describe: 'read every file as this format (default: sniffed from the content)' })
      .option('prefer', {
        type: 'string',
        describe:
          'when sources share a DOI, the analyses keep the record of the first source listed (kept for later runs; default wos,scopus,openalex)',
      })
      .option('keep', {
        choices: ['latest', 'first'] as const,
        default: 'latest' as const,
        describe:
          'a record whose id is already loaded, from a later file: replaces it (latest: deliveries, corrections) or is a duplicate (first: merged overlapping exports, as bibliometrix)',
      })
      .option('max-reject-rate', {
        type: 'number',
        default: 0.01,
        describe: 'exit with code 4 when more than this share of the records read is rejected',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'print only the summary' })
      .example(`$0 ingest savedrecs.txt`, `one export`)
      .example(
        `$0 ingest /data/wos/2024 /data/wos/updates`,
        `a baseline and its update deliveries (newer versions replace, .del files delete)`,
      )
      .example(
        `$0 ingest --keep first exports/`,
        `overlapping exports merged, the first record of a UT kept (as bibliometrix)`,
      ) as unknown as Argv<IngestArgs>,
  handler: async (args: ArgumentsCamelCase<IngestArgs>) => {
    const db = await openForWriting(args.db, 'ingest', args.wait);
    const bar = new ProgressBar();
    const commits = new CommitLines((text) => !args.quiet && bar.line(text));
    try {
      const summary = await ingest(db, args.paths, {
        workers: args.workers,
        maxRecordBytes: Math.round(args.maxRecordMb * 1024 * 1024),
        commitBytes: Math.round(args.commitMb * 1024 * 1024),
        format: args.format,
        preferSources: args.prefer === undefined ? undefined : parsePreference(args.prefer),
        keepLatest: args.keep === 'latest',
        onProgress: (p) => bar.update(p),
        onFile: (r, i, n) => {
          if (!args.quiet) bar.line(`[${i + 1}/${n}] ${describeFile(r)}`);
        },
        onCommitted: (_r, i, n) => commits.committed(i, n),
      });
      bar.stop();
      const mbs = summary.seconds > 0 ? summary.bytes / 1e6 / summary.seconds : 0;
      const count = (status: string) => summary.files.filter((f) => f.status === status).length;
      const notLoaded = count('partial') + count('failed') + count('unsupported');
      process.stdout.write(
        `files: ${summary.files.length} (${count('skipped')} already ingested, ${count('partial')} partial, ${count('failed')} failed, ${count('unsupported')} unsupported)\n` +
          `records: ${summary.nRead} read, ${summary.nLoaded} loaded, ${summary.nDuplicate} duplicate, ${summary.nRejected} rejected\n` +
          (summary.nReplaced + summary.nDeleted + summary.nNotFound > 0
            ? `versions: ${summary.nReplaced} earlier versions replaced, ${summary.nDeleted} records deleted, ${summary.nNotFound} ids to delete not found\n`
            : '') +
          (summary.nCrossSource > 0
            ? `across sources: ${summary.nCrossSource} records in the database share a DOI with a record of a preferred source and are left out of the analyses (table cross_source_duplicates)\n`
            : '') +
          `time: ${summary.seconds.toFixed(2)} s, ${mbs.toFixed(1)} MB/s\n` +
          (summary.nRejected > 0 || notLoaded > 0
            ? `see why: coauth sql "SELECT f.path, r.* FROM rejects r JOIN files f USING (file_id)"\n`
            : '') +
          (notLoaded > 0
            ? `${notLoaded} file(s) not loaded whole: they are tried again on the next ingest (coauth files; coauth forget to give one up)\n`
            : ''),
      );
      process.exitCode = ingestExitCode(summary, args.maxRejectRate);
    } finally {
      db.close();
    }
  },
};

function describeFile(r: FileResult): string {
  switch (r.status) {
    case 'skipped':
      return `${r.path}: skipped, ${r.reason}`;
    case 'unsupported':
      return `${r.path}: not loaded, ${r.reason}`;
    default:
      if (r.format === 'deletion-list')
        return `${r.path}: deletion list, ${r.nDeleted} deleted, ${r.nNotFound} not found, ${r.nRejected} rejected lines`;
      return (
        `${r.path}: ${r.nRead} read, ${r.nLoaded} loaded, ${r.nDuplicate} duplicate, ${r.nRejected} rejected` +
        (r.nReplaced > 0 ? `, ${r.nReplaced} earlier versions replaced` : '') +
        (r.status === 'partial' ? ' (read error: the end of the file is missing)' : '') +
        (r.status === 'failed' ? ' (failed: no record found; see rejects)' : '')
      );
  }
}
