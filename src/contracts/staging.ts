import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Batch, RejectColumns } from './batch.js';
import type { RecordFormat } from './formats.js';

/**
 * Staged files: how a worker hands a parsed chunk to the writer without sending it through the
 * main thread. Each chunk becomes two tab-separated files, read back by DuckDB's own parallel
 * CSV reader at commit (store/load-sql.ts). One list of columns here serves both sides.
 *
 * Encoding: no quoting; an empty field is NULL (parsers never produce empty strings); tabs and
 * line breaks inside values become spaces; list columns stay joined by LIST_SEP. A value longer
 * than VALUE_LIMIT (no real field comes near it) is cut, so a staged line always fits
 * DuckDB's line buffer (MAX_LINE_BYTES).
 */
// 21 values of at most 240 K characters (3 bytes each at worst in UTF-8) fit in 16 MB.
const VALUE_LIMIT = 240 * 1024;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
type Column<T> = readonly [name: string, sqlType: string, get: (b: T, i: number) => unknown];

export const RECORD_COLUMNS: readonly Column<Batch['records']>[] = [
  ['chunk_rec', 'BIGINT', (_r, i) => i],
  ['source', 'VARCHAR', (r, i) => r.source[i]],
  ['uid', 'VARCHAR', (r, i) => r.uid[i]],
  ['doi', 'VARCHAR', (r, i) => r.doi[i]],
  ['title', 'VARCHAR', (r, i) => r.title[i]],
  ['year', 'INTEGER', (r, i) => r.year[i]],
  ['early_access_year', 'INTEGER', (r, i) => r.early_access_year[i]],
  ['doc_types', 'VARCHAR', (r, i) => r.doc_types[i]],
  ['pub_type', 'VARCHAR', (r, i) => r.pub_type[i]],
  ['source_title', 'VARCHAR', (r, i) => r.source_title[i]],
  ['language', 'VARCHAR', (r, i) => r.language[i]],
  ['categories', 'VARCHAR', (r, i) => r.categories[i]],
  ['research_areas', 'VARCHAR', (r, i) => r.research_areas[i]],
  ['keywords', 'VARCHAR', (r, i) => r.keywords[i]],
  ['keywords_plus', 'VARCHAR', (r, i) => r.keywords_plus[i]],
  ['abstract', 'VARCHAR', (r, i) => r.abstract[i]],
  ['times_cited', 'INTEGER', (r, i) => r.times_cited[i]],
  ['author_links', 'BOOLEAN', (r, i) => r.has_author_links[i]],
  ['c1_raw', 'VARCHAR', (r, i) => r.c1_raw[i]],
  ['rp_raw', 'VARCHAR', (r, i) => r.rp_raw[i]],
  ['chunk_line', 'BIGINT', (r, i) => r.line[i]],
];

export const ADDRESS_COLUMNS: readonly Column<Batch['addresses']>[] = [
  ['chunk_rec', 'BIGINT', (a, i) => a.rec[i]],
  ['addr_pos', 'INTEGER', (a, i) => a.addr_pos[i]],
  ['raw', 'VARCHAR', (a, i) => a.raw[i]],
  ['organization', 'VARCHAR', (a, i) => a.organization[i]],
  ['city', 'VARCHAR', (a, i) => a.city[i]],
  ['country', 'VARCHAR', (a, i) => a.country[i]],
  ['country_tail', 'VARCHAR', (a, i) => a.country_tail[i]],
  ['authors', 'VARCHAR', (a, i) => a.authors[i]],
  ['is_corresponding', 'BOOLEAN', (a, i) => a.is_corresponding[i]],
];

const LINE_BREAKS = /[\t\n\r]/g;

function field(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const s = v.length > VALUE_LIMIT ? v.slice(0, VALUE_LIMIT) + ' [cut by coauth]' : v;
  // includes() scans natively; cheaper than a regular expression on the many short values.
  return s.includes('\t') || s.includes('\n') || s.includes('\r') ? s.replace(LINE_BREAKS, ' ') : s;
}

/** Every line starts with the chunk number, which the writer maps to record ids and file lines. */
function tsv<T>(columns: readonly Column<T>[], data: T, n: number, chunk: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += chunk;
    for (let c = 0; c < columns.length; c++) out += '\t' + field(columns[c]![2](data, i));
    out += '\n';
  }
  return out;
}

export function stagedFile(dir: string, chunk: number, kind: 'records' | 'addresses'): string {
  return join(dir, `c${String(chunk).padStart(7, '0')}.${kind}.tsv`);
}

/** Writes a chunk's records and addresses as staged files (worker side). */
export function writeStagedChunk(dir: string, chunk: number, batch: Batch): void {
  writeFileSync(stagedFile(dir, chunk, 'records'), tsv(RECORD_COLUMNS, batch.records, batch.records.uid.length, chunk));
  writeFileSync(stagedFile(dir, chunk, 'addresses'), tsv(ADDRESS_COLUMNS, batch.addresses, batch.addresses.rec.length, chunk));
}

/** The `read_csv` call that reads a kind of staged file back (writer side); $records_files / $addresses_files are bound. */
export function readStagedSql(kind: 'records' | 'addresses'): string {
  const columns = (kind === 'records' ? RECORD_COLUMNS : ADDRESS_COLUMNS) as readonly Column<unknown>[];
  const spec = [`'chunk': 'INTEGER'`, ...columns.map(([name, type]) => `'${name}': '${type}'`)].join(', ');
  return `read_csv($${kind}_files, delim = '\\t', quote = '', escape = '', header = false, nullstr = '',
    auto_detect = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${MAX_LINE_BYTES}, columns = {${spec}})`;
}

/** What the ingest sends a worker: one chunk of one file. */
export interface ParseTask {
  format: RecordFormat;
  bytes: Uint8Array;
  /** Folder for the staged files of the file being ingested. */
  stageDir: string;
  /** The chunk's number in the run (names its staged files). */
  chunk: number;
  maxRecordBytes: number;
  /** Apply the country rules (off only in the bench, to measure their cost). */
  countries: boolean;
  /** For formats with a header row: its cells, and whether this chunk starts with it. */
  header?: string[];
  startsWithHeader?: boolean;
}

export interface ChunkSummary {
  chunk: number;
  /** Records seen, rejected ones included. */
  nRead: number;
  /** Records written to the staged file. */
  nRecords: number;
  nLines: number;
  /** Batch.nEmptyPages. */
  nEmptyPages: number;
  rejects: RejectColumns;
  /** The worker's CPU seconds on this chunk: parsing it, and writing its staged files (stage-cpu.ts). */
  cpu: { parse: number; stage: number };
}
