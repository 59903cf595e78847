/**
 * The piscina worker entry: parses one chunk of bytes, writes its rows as staged files for the
 * writer's DuckDB to read (parse/stage-files.ts), and returns only a small summary. Workers
 * never open the database, and no row crosses the thread boundary as an object.
 */
import { emptyBatch, type Batch, type RejectColumns } from './batch.js';
import type { FormatName } from './formats.js';
import { writeStagedChunk } from './stage-files.js';
import { parseWosPlaintext } from './wos-plaintext.js';

export interface ParseTask {
  format: FormatName;
  bytes: Uint8Array;
  /** Folder for the staged files of the file being ingested. */
  stageDir: string;
  /** The chunk's number in the run (names its staged files). */
  chunk: number;
  maxRecordBytes: number;
  /** Apply the country rules (off only in the bench, to measure their cost). */
  countries: boolean;
}

export interface ChunkSummary {
  chunk: number;
  /** Records seen, rejected ones included. */
  nRead: number;
  /** Records written to the staged file. */
  nRecords: number;
  nLines: number;
  rejects: RejectColumns;
}

export function parseBytes(format: FormatName, bytes: Uint8Array, maxRecordBytes: number, countries = true): Batch {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  switch (format) {
    case 'wos-plaintext':
      return parseWosPlaintext(text, { maxRecordChars: maxRecordBytes, countries });
    default:
      return emptyBatch();
  }
}

export default function parseChunk(task: ParseTask): ChunkSummary {
  const batch = parseBytes(task.format, task.bytes, task.maxRecordBytes, task.countries);
  writeStagedChunk(task.stageDir, task.chunk, batch);
  return { chunk: task.chunk, nRead: batch.nRead, nRecords: batch.records.uid.length, nLines: batch.nLines, rejects: batch.rejects };
}
