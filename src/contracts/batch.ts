/**
 * The columnar batch a parser makes of one chunk: one array per column, primitives only. The
 * worker writes it out as staged files (staging.ts), which the writer's DuckDB reads. List-
 * valued columns stay strings joined by LIST_SEP and become VARCHAR[] in SQL (store/load-sql.ts).
 */
import type { ProblemCode, ProblemParams } from './problems.js';

export const LIST_SEP = '\x1f';

export interface RecordColumns {
  /** 1-based line of the record's first line, relative to the chunk. */
  line: number[];
  source: string[];
  uid: string[];
  doi: (string | null)[];
  title: (string | null)[];
  year: (number | null)[];
  early_access_year: (number | null)[];
  doc_types: (string | null)[];
  pub_type: (string | null)[];
  source_title: (string | null)[];
  language: (string | null)[];
  categories: (string | null)[];
  research_areas: (string | null)[];
  keywords: (string | null)[];
  keywords_plus: (string | null)[];
  abstract: (string | null)[];
  times_cited: (number | null)[];
  /** True when every author address names its authors ([names] brackets), so P(p) can be computed. */
  has_author_links: boolean[];
  /** The author-address and reprint fields as the source wrote them (lines joined by a space), for compatibility modes. */
  c1_raw: (string | null)[];
  rp_raw: (string | null)[];
}

export interface AddressColumns {
  /** Index of the record in this batch's RecordColumns. */
  rec: number[];
  addr_pos: number[];
  raw: string[];
  organization: (string | null)[];
  city: (string | null)[];
  country: (string | null)[];
  country_tail: string[];
  authors: (string | null)[];
  is_corresponding: boolean[];
}

/** Rejects as codes and numbers (contracts/problems.ts); the writer rebases them to the file and formats the message. */
export interface RejectColumns {
  code: ProblemCode[];
  /** 1-based line relative to the chunk. */
  line: number[];
  /** Byte offset in the chunk, where lines say nothing (JSON on one line); null: the line is the position. */
  byte: (number | null)[];
  /** The message's parameters; `line` and `byte` among them are relative to the chunk too. */
  params: ProblemParams[];
  excerpt: string[];
}

export interface Batch {
  records: RecordColumns;
  addresses: AddressColumns;
  rejects: RejectColumns;
  /** Records seen in the chunk, rejected ones included. */
  nRead: number;
  /** Lines in the chunk, so the writer can turn chunk-relative lines into file lines. */
  nLines: number;
  /** API response pages that held no record (a search without hits): read, not a file without records. */
  nEmptyPages: number;
}

export function emptyBatch(): Batch {
  return {
    records: {
      line: [],
      source: [],
      uid: [],
      doi: [],
      title: [],
      year: [],
      early_access_year: [],
      doc_types: [],
      pub_type: [],
      source_title: [],
      language: [],
      categories: [],
      research_areas: [],
      keywords: [],
      keywords_plus: [],
      abstract: [],
      times_cited: [],
      has_author_links: [],
      c1_raw: [],
      rp_raw: [],
    },
    addresses: {
      rec: [],
      addr_pos: [],
      raw: [],
      organization: [],
      city: [],
      country: [],
      country_tail: [],
      authors: [],
      is_corresponding: [],
    },
    rejects: { code: [], line: [], byte: [], params: [], excerpt: [] },
    nRead: 0,
    nLines: 0,
    nEmptyPages: 0,
  };
}

export function addReject(
  batch: Batch,
  code: ProblemCode,
  line: number,
  params: ProblemParams,
  excerpt: string,
  byte: number | null = null,
): void {
  batch.rejects.code.push(code);
  batch.rejects.line.push(line);
  batch.rejects.byte.push(byte);
  batch.rejects.params.push(params);
  batch.rejects.excerpt.push(excerpt.length > 300 ? excerpt.slice(0, 300) + '...' : excerpt);
}

/** Adds another batch's rejects to this one's (rejects found before parsing, such as control bytes). */
export function appendRejects(batch: Batch, from: Batch): void {
  const [to, r] = [batch.rejects, from.rejects];
  to.code.push(...r.code);
  to.line.push(...r.line);
  to.byte.push(...r.byte);
  to.params.push(...r.params);
  to.excerpt.push(...r.excerpt);
}

/** Joins list items for transport; null for an absent or empty list. */
export function joinList(items: readonly string[] | null): string | null {
  return items && items.length > 0 ? items.join(LIST_SEP) : null;
}

/** One address row, as every parser appends it. */
export interface AddressRow {
  rec: number;
  pos: number;
  raw: string;
  organization: string | null;
  city: string | null;
  country: string | null;
  tail: string;
  authors: readonly string[] | null;
  isCorresponding: boolean;
}

export function addAddress(batch: Batch, r: AddressRow): void {
  const a = batch.addresses;
  a.rec.push(r.rec);
  a.addr_pos.push(r.pos);
  a.raw.push(r.raw);
  a.organization.push(r.organization);
  a.city.push(r.city);
  a.country.push(r.country);
  a.country_tail.push(r.tail);
  a.authors.push(joinList(r.authors));
  a.is_corresponding.push(r.isCorresponding);
}

/** Lines in a chunk (a last line without its line end counts too), for file line numbers. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
}
