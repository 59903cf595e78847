/**
 * The piscina worker entry: parses one chunk of bytes, writes its rows as staged files for the
 * writer's DuckDB to read (parse/stage-files.ts), and returns only a small summary. Workers
 * never open the database, and no row crosses the thread boundary as an object.
 */
import { isUtf8 } from 'node:buffer';
import { addReject, appendRejects, countLines, emptyBatch, type Batch } from '../contracts/batch.js';
import { removeControlBytes } from './control-bytes.js';
import { rejectInvalidUtf8 } from './invalid-utf8.js';
import { threadClock } from '../contracts/stage-cpu.js';
import { writeStagedChunk, type ChunkSummary, type ParseTask } from '../contracts/staging.js';
import { parseOpenAlexArray, parseOpenAlexLines } from './openalex.js';
import { parseScopusCsv } from './scopus-csv.js';
import { parseWosPlaintext } from './wos-plaintext.js';
import { parseWosTabDelimited } from './wos-tabdelim.js';
import { parseWosJson, parseWosJsonLines } from './wos-json.js';
import { parseWosXml } from './wos-xml.js';

/**
 * Tests make a parser fail on purpose: a chunk holding this text throws, as a parser bug would
 * (test/rejects.test.ts). Unset, nothing is checked.
 */
const FAULT = process.env.COAUTH_TEST_FAULT;

export function parseBytes(task: Omit<ParseTask, 'stageDir' | 'chunk'>): Batch {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const raw = bytes.toString('utf8');
  if (FAULT && raw.includes(FAULT)) throw new Error(`injected fault: the chunk holds ${FAULT}`);
  // JSON documents give rejects a byte offset: their lines say nothing.
  const byByte = task.format === 'wos-json' || task.format === 'openalex-json';
  const controls = emptyBatch();
  const batch = parseText(task, removeControlBytes(raw, controls, byByte));
  if (!isUtf8(bytes)) rejectInvalidUtf8(batch, bytes, byByte);
  appendRejects(batch, controls);
  return batch;
}

function parseText(task: Omit<ParseTask, 'stageDir' | 'chunk'>, text: string): Batch {
  const options = { maxRecordChars: task.maxRecordBytes, countries: task.countries };
  const header = { header: task.header ?? [], startsWithHeader: task.startsWithHeader ?? false };
  switch (task.format) {
    case 'wos-plaintext':
      return parseWosPlaintext(text, options);
    case 'wos-tabdelim':
      return parseWosTabDelimited(text, { ...options, ...header });
    case 'wos-xml':
      return parseWosXml(text, options);
    case 'wos-json':
      return parseWosJson(text, options);
    case 'wos-jsonl':
      return parseWosJsonLines(text, options);
    case 'scopus-csv':
      return parseScopusCsv(text, { ...options, ...header });
    case 'openalex-json':
      return parseOpenAlexArray(text, options);
    case 'openalex-jsonl':
      return parseOpenAlexLines(text, options);
  }
}

export default function parseChunk(task: ParseTask): ChunkSummary {
  const [clock, t0] = [threadClock(), performance.now()];
  let batch: Batch;
  try {
    batch = parseBytes(task);
  } catch (e) {
    batch = failedChunk(task, e);
  }
  const t1 = performance.now();
  writeStagedChunk(task.stageDir, task.chunk, batch);
  const [cpu, t2] = [clock(), performance.now()];
  // The thread's CPU on the chunk, shared between the two steps by their wall times (the clock
  // counts 10 ms ticks).
  const parseShare = t2 > t0 ? (t1 - t0) / (t2 - t0) : 1;
  return {
    cpu: { parse: cpu * parseShare, stage: cpu * (1 - parseShare) },
    chunk: task.chunk,
    nRead: batch.nRead,
    nRecords: batch.records.uid.length,
    nLines: batch.nLines,
    nEmptyPages: batch.nEmptyPages,
    rejects: batch.rejects,
  };
}

/**
 * A parser's exception costs its chunk only: one reject that names the chunk's bytes and lines
 * (the writer rebases both), counted as one record read, and the chunk's lines counted so that
 * the lines after it keep their numbers.
 */
function failedChunk(task: ParseTask, e: unknown): Batch {
  const batch = emptyBatch();
  const text = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength).toString('utf8');
  batch.nLines = countLines(text);
  batch.nRead = 1;
  const detail = String((e as Error)?.message ?? e).split('\n')[0]!;
  addReject(
    batch,
    'worker-failure',
    1,
    { byte: 0, bytes: task.bytes.byteLength, line: 1, lines: batch.nLines, detail },
    text.slice(0, 300),
    0,
  );
  return batch;
}
