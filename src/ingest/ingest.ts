import { join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { defaultThreads, ParserPool } from '../parse/pool.js';
import type { ChunkSummary } from '../contracts/staging.js';
import { processCpuSeconds, threadClock, threadCpuSeconds, type StageCpu } from '../contracts/stage-cpu.js';
import { JsonRecordSplitter } from '../split/json-splitter.js';
import { deletionLine, type DeletedId } from '../sources/deletion-list.js';
import { discoverInputs, type InputFile } from '../sources/discover.js';
import { fingerprintFile } from '../sources/fingerprint.js';
import { openInput, sniffFormat } from '../sources/open-input.js';
import { DEFAULT_SPLITTER_OPTIONS } from '../contracts/chunking.js';
import { headerOf, type FormatName, type RecordFormat } from '../contracts/formats.js';
import {
  csvBoundary,
  lineBoundary,
  RecordSplitter,
  wosPlaintextBoundary,
  wosXmlBoundary,
  type BoundaryFinder,
  type Piece,
} from '../split/record-splitter.js';
import type { Database } from '../store/database.js';
import { markCrossSourceDuplicates } from '../store/cross-source.js';
import { DEFAULT_WRITER_OPTIONS, Writer, type FileCounts, type FileHandle, type FileInfo } from '../store/writer.js';

/**
 * DuckDB's memory cap while ingesting: beside it, the main thread and the workers' capped heaps
 * (parse/pool.ts) keep the process under DESIGN.md's 1 GB whatever the input. A file's rows wait
 * in one open transaction until its commit; DuckDB spills what exceeds the cap to its temporary
 * directory. A cap that grew with the file cost memory and no time, and a smaller one ran out
 * of memory reading staged files back (measured: bench/results/2026-12-02-vm-5GB.json, README
 * "Reliability"). COAUTH_MEMORY_LIMIT sets it.
 */
export const INGEST_MEMORY_LIMIT = process.env.COAUTH_MEMORY_LIMIT ?? '384MB';

export interface IngestOptions {
  workers?: number;
  /** Chunk size handed to one worker. */
  chunkBytes?: number;
  /** Records larger than this are rejected, never buffered whole. */
  maxRecordBytes?: number;
  /** Commit when the files of the open transaction reach this many bytes: what a crash can cost. */
  commitBytes?: number;
  /** Apply the country rules (default); off only in the bench, to measure their cost. */
  countryRules?: boolean;
  /** Read every file as this format instead of sniffing it from the content. */
  format?: FormatName;
  /** A record from a later file replaces the one loaded with its id (default); false keeps the first (--keep first). */
  keepLatest?: boolean;
  /** Which source's record the analyses keep when several share a DOI; default: the order given last, else wos, scopus, openalex. */
  preferSources?: readonly string[];
  /** A file is read and its rows are in the open transaction (visible to others at its commit). */
  onFile?: (result: FileResult, index: number, total: number) => void;
  /** A file's rows are committed: visible, and safe from a crash. */
  onCommitted?: (result: FileResult, index: number, total: number) => void;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  bytesDone: number;
  bytesTotal: number;
  records: number;
  file: string;
}

/**
 * done: read whole; partial: cut short (what was read is kept); failed: its bytes gave no record
 * or could not be read; unsupported: not a format coauth reads. The last three are retried on the
 * next run (README, "Files"). skipped: the same content was ingested (done) before.
 */
export type FileResult =
  | ({
      path: string;
      status: 'done' | 'partial' | 'failed';
      format: FormatName;
      seconds: number;
      bytes: number;
      reason?: string;
    } & FileCounts)
  | { path: string; status: 'skipped'; reason: string }
  | { path: string; status: 'unsupported'; reason: string; fileId: number };

export interface IngestSummary {
  files: FileResult[];
  nRead: number;
  nLoaded: number;
  nDuplicate: number;
  nRejected: number;
  /** Current records replaced by a newer version, deleted by a deletion list; ids a list named that no current record had. */
  nReplaced: number;
  nDeleted: number;
  nNotFound: number;
  /** Records in the database that another, preferred source holds too (same DOI), after this run. */
  nCrossSource: number;
  bytes: number;
  seconds: number;
  /** CPU seconds by stage (contracts/stage-cpu.ts). */
  cpu: StageCpu;
}

interface Context {
  writer: Writer;
  pool: ParserPool;
  options: IngestOptions;
  /** Fingerprints of files done before or met earlier in this run, with where they were seen. */
  seen: Map<string, string>;
  /** Files that failed or were partial before, by fingerprint and by path: retried, then retired. */
  toRetry: Map<string, number>;
  /** CPU seconds so far: the main thread's splitting, the workers' parsing and staging. */
  times: { split: number; parse: number; stage: number };
}

/**
 * Ingest pipeline: source (stream, gunzip, sniff) -> splitter (main thread, bytes) ->
 * parser pool (worker threads, which write staged files) -> writer (one DuckDB connection,
 * which loads staged files and commits whole files only: store/writer.ts).
 * A bounded number of chunks is in flight; awaiting the oldest one is the backpressure that
 * pauses the file stream. Loading and committing run while the next chunks are parsed.
 */
export async function ingest(db: Database, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const inputs = await discoverInputs(paths);
  const setting = async (name: string) => String((await db.connection.runAndReadAll(`SELECT current_setting('${name}')`)).getRows()[0]![0]);
  const memoryBefore = await setting('memory_limit');
  const threadsBefore = Number(await setting('threads'));
  await db.connection.run('SET memory_limit = $limit', { limit: INGEST_MEMORY_LIMIT });
  // While files are parsed the workers take the cores and DuckDB's loads get what is left, at
  // least one thread: two DuckDB threads beside two busy workers spent more CPU on the same loads
  // and ran slower end to end (bench/README.md, "ingest"). The loads and the commit left when
  // every file is parsed get all the threads back.
  const workers = options.workers ?? defaultThreads();
  await setThreads(db, Math.max(1, Math.min(threadsBefore, availableParallelism() - workers)));
  try {
    return await ingestInputs(db, inputs, { ...options, workers }, started, () => setThreads(db, threadsBefore));
  } finally {
    await setThreads(db, threadsBefore);
    await db.connection.run('SET memory_limit = $limit', { limit: memoryBefore });
  }
}

/** DuckDB's threads are the instance's: set from a connection of their own, since the writer's may be busy loading. */
async function setThreads(db: Database, threads: number): Promise<void> {
  const c = await db.instance.connect();
  try {
    await c.run(`SET threads = ${threads}`);
  } finally {
    c.closeSync();
  }
}

async function ingestInputs(
  db: Database,
  inputs: readonly InputFile[],
  options: IngestOptions,
  started: number,
  parsed: () => Promise<void>,
): Promise<IngestSummary> {
  // Staged files live beside the database; what a killed run left there is stale (Writer.open clears it).
  const stageRoot = db.path === ':memory:' ? join(tmpdir(), `coauth-stage-${process.pid}`) : `${db.path}.stage`;
  const known = await db.connection.runAndReadAll(
    `SELECT fingerprint, file_id, path, status FROM files WHERE status NOT IN ('retried', 'forgotten')`,
  );
  const seen = new Map<string, string>();
  const toRetry = new Map<string, number>();
  for (const [f, id, path, status] of known.getRows()) {
    if (status === 'done') seen.set(String(f), `file ${id} (${path})`);
    else {
      toRetry.set(`fingerprint ${f}`, Number(id));
      toRetry.set(`path ${path}`, Number(id));
    }
  }
  const writer = await Writer.open(db.connection, stageRoot, {
    ...DEFAULT_WRITER_OPTIONS,
    commitBytes: options.commitBytes ?? DEFAULT_WRITER_OPTIONS.commitBytes,
    keepLatest: options.keepLatest ?? DEFAULT_WRITER_OPTIONS.keepLatest,
  });
  const ctx: Context = {
    writer,
    pool: new ParserPool(options.workers, options.maxRecordBytes),
    options,
    seen,
    toRetry,
    times: { split: 0, parse: 0, stage: 0 },
  };
  const [mainCpu0, processCpu0] = [threadCpuSeconds(), processCpuSeconds()];

  const summary: IngestSummary = {
    files: [],
    nRead: 0,
    nLoaded: 0,
    nDuplicate: 0,
    nRejected: 0,
    nReplaced: 0,
    nDeleted: 0,
    nNotFound: 0,
    nCrossSource: 0,
    bytes: 0,
    seconds: 0,
    cpu: { split: 0, parse: 0, handOff: 0, load: 0, commit: 0 },
  };
  const bytesTotal = inputs.reduce((s, f) => s + f.size, 0);
  let bytesBefore = 0;
  let recordsBefore = 0;
  const finished: Promise<void>[] = [];
  try {
    for (const [i, input] of inputs.entries()) {
      let recordsInFile = 0;
      const { loaded, committed } = await ingestFile(ctx, input, (done, records) => {
        recordsInFile = records;
        options.onProgress?.({ bytesDone: bytesBefore + done, bytesTotal, records: recordsBefore + records, file: input.path });
      });
      bytesBefore += input.size;
      recordsBefore += recordsInFile;
      loaded.then((r) => options.onFile?.(r, i, inputs.length)).catch(() => undefined); // a failure reaches `committed`
      // The commit is queued; record the outcome when it lands, in file order.
      finished.push(
        committed.then((r) => {
          summary.files.push(r);
          if (r.status === 'done' || r.status === 'partial' || r.status === 'failed') {
            summary.nRead += r.nRead;
            summary.nLoaded += r.nLoaded;
            summary.nDuplicate += r.nDuplicate;
            summary.nRejected += r.nRejected;
            summary.nReplaced += r.nReplaced;
            summary.nDeleted += r.nDeleted;
            summary.nNotFound += r.nNotFound;
            summary.bytes += r.bytes;
          }
          options.onCommitted?.(r, i, inputs.length);
        }),
      );
      finished[finished.length - 1]!.catch(() => undefined); // awaited below
    }
    await parsed();
    await writer.close();
    await Promise.all(finished);
    summary.nCrossSource = await markCrossSourceDuplicates(db.connection, options.preferSources);
  } catch (e) {
    await writer.abort(e);
    await writer.close();
    throw e;
  } finally {
    await ctx.pool.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  summary.cpu = stageCpu(ctx.times, writer.wall, mainCpu0, processCpu0);
  return summary;
}

/** What each stage cost in CPU: see contracts/stage-cpu.ts for what each holds. */
function stageCpu(times: Context['times'], wall: { load: number; commit: number }, mainCpu0: number | null, processCpu0: number): StageCpu {
  const mainCpu1 = threadCpuSeconds();
  const main = mainCpu0 === null || mainCpu1 === null ? times.split : mainCpu1 - mainCpu0;
  const duckdb = Math.max(0, processCpuSeconds() - processCpu0 - main - times.parse - times.stage);
  const loadShare = wall.load + wall.commit > 0 ? wall.load / (wall.load + wall.commit) : 1;
  return {
    split: times.split,
    parse: times.parse,
    handOff: times.stage + Math.max(0, main - times.split),
    load: duckdb * loadShare,
    commit: duckdb * (1 - loadShare),
  };
}

/** Where records end, per format; a JSON document is cut by its own splitter (json-splitter.ts). */
const BOUNDARIES: Record<RecordFormat, BoundaryFinder | null> = {
  'wos-plaintext': wosPlaintextBoundary,
  'wos-tabdelim': lineBoundary,
  'wos-xml': wosXmlBoundary,
  'wos-json': null,
  'wos-jsonl': lineBoundary,
  'scopus-csv': csvBoundary,
  'openalex-json': null,
  'openalex-jsonl': lineBoundary,
};

/**
 * Reads, splits and parses one file; resolves when that is done, with the promise of its
 * commit (wrapped, since a promise resolved with a promise would wait for it).
 */
async function ingestFile(ctx: Context, input: InputFile, progress: (bytesDone: number, records: number) => void): Promise<Outcome> {
  const started = performance.now();
  const fingerprint = await fingerprintFile(input.path, input.size);
  const before = ctx.seen.get(fingerprint);
  if (before !== undefined) {
    return settled(Promise.resolve({ path: input.path, status: 'skipped', reason: `already ingested as ${before}` }));
  }
  ctx.seen.set(fingerprint, input.path);
  const retried = ctx.toRetry.get(`fingerprint ${fingerprint}`) ?? ctx.toRetry.get(`path ${input.path}`);
  if (retried !== undefined) ctx.writer.retire(retried);

  const info: FileInfo = { path: input.path, size: input.size, fingerprint, format: null };
  const { stream, bytesRead } = await openInput(input.path);
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await iterator.next();
  } catch (e) {
    return unsupported(ctx, info, `cannot read: ${(e as Error).message}`);
  }
  const sniffed = first.done
    ? { format: null, description: 'empty file' }
    : ctx.options.format
      ? { format: ctx.options.format, description: ctx.options.format }
      : sniffFormat(first.value);
  if (sniffed.format === null) {
    await iterator.return?.();
    return unsupported(ctx, info, `format not supported yet: ${sniffed.description}`);
  }
  const format = sniffed.format;
  const file = ctx.writer.beginFile({ ...info, format });
  if (format === 'deletion-list') return readDeletionList(ctx, file, input, first.value!, iterator, bytesRead, started);
  const splitterOptions = {
    targetBytes: ctx.options.chunkBytes ?? DEFAULT_SPLITTER_OPTIONS.targetBytes,
    maxRecordBytes: ctx.options.maxRecordBytes ?? DEFAULT_SPLITTER_OPTIONS.maxRecordBytes,
  };
  const boundary = BOUNDARIES[format];
  const splitter = boundary ? new RecordSplitter(boundary, splitterOptions) : new JsonRecordSplitter(splitterOptions);
  const firstBuffer = first.value!;
  // A file of one line without its line end is all header (a fuzzed Scopus export had that).
  const lineEnd = firstBuffer.indexOf(10);
  const header = headerOf(format, firstBuffer.subarray(0, lineEnd < 0 ? firstBuffer.length : lineEnd).toString('utf8'));
  let chunkInFile = 0;
  const maxInFlight = ctx.pool.threads * 2;
  const queue: { piece: Piece; summary: Promise<ChunkSummary> | null; size: number }[] = [];
  let emptyPages = 0;
  let status: 'done' | 'partial' = 'done';

  const writeHead = async (): Promise<void> => {
    const { piece, summary, size } = queue.shift()!;
    if (piece.kind === 'oversize') {
      file.addOversize(piece.nLines, piece.nBytes, piece.head, splitterOptions.maxRecordBytes, boundary ? undefined : piece.byteOffset);
    } else if (piece.kind === 'unreadable') file.addUnreadable(piece.byteOffset, piece.reason, piece.head);
    else if (piece.kind === 'cut') {
      status = 'partial';
      file.reject('cut', { byte: piece.byteOffset }, { detail: piece.reason }, '');
    } else {
      // A parser's exception costs its chunk, not the file or the run.
      const s = await summary!.catch((e: unknown) => e as Error);
      if (s instanceof Error) {
        file.addFailedChunk(size, piece.byteOffset, s);
      } else {
        file.addChunk(s, piece.byteOffset);
        emptyPages += s.nEmptyPages;
        ctx.times.parse += s.cpu.parse;
        ctx.times.stage += s.cpu.stage;
      }
    }
    progress(bytesRead(), file.recordsRead);
  };
  const submit = async (pieces: Piece[]): Promise<void> => {
    for (const piece of pieces) {
      // Read before the pool moves the chunk's memory to a worker.
      const size = piece.kind === 'chunk' ? piece.bytes.byteLength : 0;
      const summary =
        piece.kind === 'chunk'
          ? ctx.pool.parse({
              format,
              bytes: piece.bytes,
              stageDir: ctx.writer.stageRoot,
              chunk: ctx.writer.nextChunkNumber(),
              maxRecordBytes: splitterOptions.maxRecordBytes,
              countries: ctx.options.countryRules ?? true,
              header,
              startsWithHeader: chunkInFile++ === 0,
            })
          : null;
      summary?.catch(() => undefined); // handled when written; avoids an unhandled rejection meanwhile
      queue.push({ piece, summary, size });
      while (queue.length >= maxInFlight) await writeHead();
    }
  };

  /** The splitter's work on the main thread, on its thread clock. */
  const split = (cut: () => Piece[]): Piece[] => {
    const clock = threadClock();
    const pieces = cut();
    ctx.times.split += clock();
    return pieces;
  };
  try {
    await submit(split(() => splitter.push(first.value!)));
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const bytes = next.value;
      await submit(split(() => splitter.push(bytes)));
    }
  } catch (e) {
    status = 'partial';
    file.reject('read-error', { byte: bytesRead() }, { detail: (e as Error).message }, '');
  }
  await submit(split(() => splitter.end()));
  while (queue.length > 0) await writeHead();
  const emptyDocument = emptyPages > 0 || (splitter instanceof JsonRecordSplitter && splitter.sawRecordsArray);
  // Bytes that gave no record, or only rejected ones (a file read as another format): not loaded, tried again.
  if (file.recordsRead === file.recordsRejected && input.size > 0 && !emptyDocument) {
    file.reject('no-record', { byte: 0 }, { detail: noRecordReason(format, ctx.options.format !== undefined, file.recordsRead) }, '');
    return finished(file, input, 'failed', format, started);
  }
  return finished(file, input, status, format, started);
}

/** A file's outcome: its rows loaded in the open transaction, then committed. */
interface Outcome {
  loaded: Promise<FileResult>;
  committed: Promise<FileResult>;
}

const settled = (r: Promise<FileResult>): Outcome => ({ loaded: r, committed: r });

function finished(file: FileHandle, input: InputFile, status: 'done' | 'partial' | 'failed', format: FormatName, started: number): Outcome {
  const { loaded, committed } = file.finish(status);
  const result = (counts: FileCounts): FileResult => ({
    path: input.path,
    status,
    format,
    seconds: (performance.now() - started) / 1000,
    bytes: input.size,
    ...counts,
  });
  return { loaded: loaded.then(result), committed: committed.then(result) };
}

/** Why a file with bytes gave no record, and what to try. */
function noRecordReason(format: FormatName, forced: boolean, read: number): string {
  const found = read === 0 ? 'no record found' : `no record loaded (${read} read, every one rejected)`;
  return forced
    ? `${found} reading the file as ${format} (forced by --format); if that is not its format, name another or leave --format out to sniff it`
    : `${found} reading the file as ${format} (sniffed from its first bytes); if that is not its format, name it with --format`;
}

/** Ids a deletion list hands the writer at a time: its memory stays bounded whatever the list's length. */
const DELETION_BATCH = 100_000;

/**
 * A deletion list, read on the main thread (an id a line): its ids are deleted in the open
 * transaction after every earlier file's records, so deletions and deliveries apply in order.
 */
async function readDeletionList(
  ctx: Context,
  file: FileHandle,
  input: InputFile,
  first: Buffer,
  iterator: AsyncIterator<Buffer>,
  bytesRead: () => number,
  started: number,
): Promise<Outcome> {
  let ids: DeletedId[] = [];
  let lineNo = 0;
  let tail = '';
  const decoder = new TextDecoder();
  const take = (line: string): void => {
    const id = deletionLine(line, ++lineNo);
    if (id === null) return;
    file.addRead(1);
    if (typeof id === 'string') file.reject('not-an-id', { line: lineNo }, { detail: id }, line.slice(0, 300));
    else ids.push(id);
    if (ids.length >= DELETION_BATCH) {
      ctx.writer.deleteIds(file, ids);
      ids = [];
    }
  };
  const push = (text: string): void => {
    const lines = (tail + text).split('\n');
    tail = lines.pop()!;
    for (const l of lines) take(l.replace(/\r$/, ''));
  };
  let status: 'done' | 'partial' = 'done';
  try {
    push(decoder.decode(first, { stream: true }));
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) push(decoder.decode(next.value, { stream: true }));
  } catch (e) {
    status = 'partial';
    file.reject('read-error', { byte: bytesRead() }, { detail: (e as Error).message }, '');
  }
  push(decoder.decode());
  if (tail !== '') take(tail.replace(/\r$/, ''));
  if (ids.length > 0) ctx.writer.deleteIds(file, ids);
  return finished(file, input, status, 'deletion-list', started);
}

function unsupported(ctx: Context, info: FileInfo, reason: string): Outcome {
  const file = ctx.writer.beginFile(info);
  file.reject('unsupported', { byte: 0 }, { detail: reason }, '');
  const { loaded, committed } = file.finish('failed');
  const result = ({ fileId }: FileCounts): FileResult => ({ path: info.path, status: 'unsupported', reason, fileId });
  return { loaded: loaded.then(result), committed: committed.then(result) };
}
