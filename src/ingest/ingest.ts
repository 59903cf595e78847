import type { DuckDBConnection } from '@duckdb/node-api';
import type { Batch } from '../parse/batch.js';
import type { FormatName } from '../parse/formats.js';
import { ParserPool } from '../parse/pool.js';
import { discoverInputs, type InputFile } from '../sources/discover.js';
import { fingerprintFile } from '../sources/fingerprint.js';
import { openInput, sniffFormat } from '../sources/open-input.js';
import { DEFAULT_SPLITTER_OPTIONS, RecordSplitter, wosPlaintextBoundary, type Piece } from '../split/record-splitter.js';
import { FileWriter, type FileCounts } from '../store/file-writer.js';

export interface IngestOptions {
  workers?: number;
  /** Chunk size handed to one worker. */
  chunkBytes?: number;
  /** Records larger than this are rejected, never buffered whole. */
  maxRecordBytes?: number;
  onFile?: (result: FileResult, index: number, total: number) => void;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  bytesDone: number;
  bytesTotal: number;
  records: number;
  file: string;
}

export type FileResult =
  | ({ path: string; status: 'done' | 'partial'; format: FormatName; seconds: number; bytes: number } & FileCounts)
  | { path: string; status: 'skipped'; reason: string }
  | { path: string; status: 'unsupported'; reason: string; fileId: number };

export interface IngestSummary {
  files: FileResult[];
  nRead: number;
  nLoaded: number;
  nDuplicate: number;
  nRejected: number;
  bytes: number;
  seconds: number;
}

/**
 * Ingest pipeline: source (stream, gunzip, sniff) -> splitter (main thread, bytes) ->
 * parser pool (worker threads) -> writer (main thread, one DuckDB connection).
 * A bounded number of chunks is in flight; awaiting the oldest one is the backpressure
 * that pauses the file stream. Batches are written in chunk order.
 */
export async function ingest(
  connection: DuckDBConnection,
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const inputs = await discoverInputs(paths);
  const pool = new ParserPool(options.workers);
  const summary: IngestSummary = { files: [], nRead: 0, nLoaded: 0, nDuplicate: 0, nRejected: 0, bytes: 0, seconds: 0 };
  const bytesTotal = inputs.reduce((s, f) => s + f.size, 0);
  let bytesBefore = 0;
  try {
    for (const [i, input] of inputs.entries()) {
      const result = await ingestFile(connection, pool, input, options, (done, records) =>
        options.onProgress?.({ bytesDone: bytesBefore + done, bytesTotal, records: summary.nRead + records, file: input.path }),
      );
      bytesBefore += input.size;
      summary.files.push(result);
      if (result.status === 'done' || result.status === 'partial') {
        summary.nRead += result.nRead;
        summary.nLoaded += result.nLoaded;
        summary.nDuplicate += result.nDuplicate;
        summary.nRejected += result.nRejected;
        summary.bytes += result.bytes;
      }
      options.onFile?.(result, i, inputs.length);
    }
  } finally {
    await pool.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

async function ingestFile(
  connection: DuckDBConnection,
  pool: ParserPool,
  input: InputFile,
  options: IngestOptions,
  progress: (bytesDone: number, records: number) => void,
): Promise<FileResult> {
  const started = performance.now();
  const fingerprint = await fingerprintFile(input.path, input.size);
  const seen = await connection.runAndReadAll('SELECT file_id, path FROM files WHERE fingerprint = $f LIMIT 1', {
    f: fingerprint,
  });
  if (seen.currentRowCount > 0) {
    const [id, path] = seen.getRows()[0]!;
    return { path: input.path, status: 'skipped', reason: `already ingested as file ${id} (${path})` };
  }

  const { stream, bytesRead } = await openInput(input.path);
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await iterator.next();
  } catch (e) {
    return unsupported(connection, input, fingerprint, `cannot read: ${(e as Error).message}`);
  }
  const sniffed = first.done ? { format: null, description: 'empty file' } : sniffFormat(first.value);
  if (sniffed.format === null) {
    await iterator.return?.();
    return unsupported(connection, input, fingerprint, `format not supported yet: ${sniffed.description}`);
  }
  const format = sniffed.format;
  const writer = await FileWriter.begin(connection, { path: input.path, size: input.size, fingerprint, format });
  const splitterOptions = {
    targetBytes: options.chunkBytes ?? DEFAULT_SPLITTER_OPTIONS.targetBytes,
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_SPLITTER_OPTIONS.maxRecordBytes,
  };
  const splitter = new RecordSplitter(wosPlaintextBoundary, splitterOptions);
  const maxInFlight = pool.threads * 2;
  const queue: { piece: Piece; batch: Promise<Batch> | null }[] = [];
  let records = 0;

  const writeHead = async (): Promise<void> => {
    const { piece, batch } = queue.shift()!;
    if (piece.kind === 'oversize') writer.appendOversize(piece.nLines, piece.nBytes, piece.head, splitterOptions.maxRecordBytes);
    else {
      const b = await batch!;
      writer.append(b);
      records += b.nRead;
    }
    progress(bytesRead(), records);
  };
  const submit = async (pieces: Piece[]): Promise<void> => {
    for (const piece of pieces) {
      const batch = piece.kind === 'chunk' ? pool.parse({ format, bytes: piece.bytes }) : null;
      batch?.catch(() => undefined); // handled when written; avoids an unhandled rejection meanwhile
      queue.push({ piece, batch });
      while (queue.length >= maxInFlight) await writeHead();
    }
  };

  let status: 'done' | 'partial' = 'done';
  try {
    await submit(splitter.push(first.value!));
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await submit(splitter.push(next.value));
  } catch (e) {
    status = 'partial';
    writer.reject('file', `byte ${bytesRead()}`, `read error, the rest of the file is lost: ${(e as Error).message}`, '');
  }
  await submit(splitter.end());
  while (queue.length > 0) await writeHead();
  const counts = await writer.commit(status);
  return {
    path: input.path,
    status,
    format,
    seconds: (performance.now() - started) / 1000,
    bytes: input.size,
    ...counts,
  };
}

async function unsupported(connection: DuckDBConnection, input: InputFile, fingerprint: string, reason: string): Promise<FileResult> {
  const writer = await FileWriter.begin(connection, { path: input.path, size: input.size, fingerprint, format: null });
  writer.reject('file', 'byte 0', reason, '');
  const { fileId } = await writer.commit('failed');
  return { path: input.path, status: 'unsupported', reason, fileId };
}
