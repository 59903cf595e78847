import { parse } from 'csv-parse/sync';

/**
 * Rows of the delimited formats, read by hand: csv-parse reads them a character at a time and
 * took over half of the tab-delimited and Scopus parsers' time. csv-parse stays the reference
 * (test/delimited-rows.test.ts compares every real file) and reads what these readers leave to it.
 */
export interface Row {
  record: string[];
  /** 1-based line where the row starts. */
  line: number;
}

/**
 * WoS tab-delimited rows: cells split on tabs, no quoting, rows ended by `\n` or `\r\n`, empty
 * lines skipped; what csv-parse gives with `quote: false` and those record delimiters.
 */
export function tabRows(text: string): Row[] {
  const rows: Row[] = [];
  let line = 0;
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const rowEnd = nl >= 0 && end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    line++;
    if (rowEnd > pos) rows.push({ record: text.slice(pos, rowEnd).split('\t'), line });
    pos = end + 1;
  }
  return rows;
}

/**
 * RFC 4180 rows (Scopus CSV): quoted cells with `""` escapes and line breaks, empty lines
 * skipped. Null, for csv-parse to read, when the chunk has anything csv-parse would judge: a
 * quote inside an unquoted cell or after a closing quote, an unclosed quote, or line ends other
 * than all `\n` or all `\r\n`.
 */
export function csvRows(text: string): Row[] | null {
  const crlf = text.includes('\r');
  if (crlf && MIXED_LINE_ENDS.test(text)) return null;
  const eol = crlf ? 2 : 1;
  const rows: Row[] = [];
  const n = text.length;
  let line = 1;
  let pos = 0;
  // The next comma, line feed and quote at or after pos, found once each and reused.
  let comma = -1;
  let lf = -1;
  let quote = -1;
  while (pos < n) {
    if (text.charCodeAt(pos) === (crlf ? CR : LF)) {
      pos += eol; // an empty line
      line++;
      continue;
    }
    const record: string[] = [];
    const start = line;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        value = '';
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) return null;
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) !== QUOTE) {
            pos = close + 1;
            break;
          }
          value += '"';
          from = close + 2;
        }
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) line++;
      } else {
        if (comma < pos) comma = indexOrEnd(text, ',', pos);
        if (lf < pos) lf = indexOrEnd(text, '\n', pos);
        if (quote < pos) quote = indexOrEnd(text, '"', pos);
        let end = Math.min(comma, lf);
        if (quote < end) return null;
        if (end === lf && crlf && end < n) end--;
        value = text.slice(pos, end);
        pos = end;
      }
      record.push(value);
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (pos >= n) break;
      if (c !== (crlf ? CR : LF)) return null;
      pos += eol;
      line++;
      break;
    }
    rows.push({ record, line: start });
  }
  return rows;
}

/** csv-parse's reading of tab-delimited rows (quoting off): the reference for tabRows, in the tests and the bench. */
export function tabRowsByLibrary(text: string): Row[] {
  const rows = parse(text, {
    delimiter: '\t',
    record_delimiter: ['\r\n', '\n'],
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return rows.map(({ record, info }) => ({ record, line: info.lines }));
}

/** csv-parse's reading of a CSV chunk, with the rows it cannot read as errors (for the rejects). */
export function csvRowsByLibrary(text: string): { rows: Row[]; errors: { line: number; message: string }[] } {
  const errors: { line: number; message: string }[] = [];
  const rows = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: { lines?: number; message: string } | undefined) => {
      if (err) errors.push({ line: err.lines ?? 0, message: err.message });
    },
    info: true,
  } as never) as unknown as { record: string[]; info: { lines: number } }[];
  return { rows: rows.map(({ record, info }) => ({ record, line: info.lines })), errors };
}

const CR = 13;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;
// A \r not before \n, or a \n not after \r.
const MIXED_LINE_ENDS = /\r(?!\n)|(?<!\r)\n/;

function indexOrEnd(text: string, s: string, from: number): number {
  const i = text.indexOf(s, from);
  return i < 0 ? text.length : i;
}
