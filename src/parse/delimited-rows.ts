import { parse } from 'csv-parse/sync';
import { scanCsvRow, skipEmptyLines } from '../contracts/csv-row.js';

/**
 * Rows of the delimited formats, read by hand: csv-parse reads them a character at a time and
 * took over half of the tab-delimited and Scopus parsers' time. csv-parse stays the reference:
 * test/delimited-rows.test.ts compares the readings of every real file, and the bench the speeds.
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
  for (let pos = 0; pos < text.length;) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const rowEnd = nl >= 0 && end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    line++;
    if (rowEnd > pos) rows.push({ record: text.slice(pos, rowEnd).split('\t'), line });
    pos = end + 1;
  }
  return rows;
}

/** CSV rows that could not be read, with the line each starts on and its first line's text (up to 1,000 characters). */
export interface CsvError {
  line: number;
  message: string;
  excerpt: string;
}

/**
 * RFC 4180 rows (Scopus CSV): quoted cells with `""` escapes and line breaks, rows ended by `\n`
 * or `\r\n`, empty lines skipped; csv-parse's cells on every well-formed file. A row that is not
 * well formed is an error and reading goes on with its next line (csv-row.ts), where csv-parse
 * would lose the rows after a stray quote or count one bad row as two.
 */
export function csvRows(text: string): { rows: Row[]; errors: CsvError[] } {
  const rows: Row[] = [];
  const errors: CsvError[] = [];
  let line = 1;
  let pos = 0;
  for (;;) {
    const empty = skipEmptyLines(text, pos);
    pos = empty.pos;
    line += empty.lines;
    if (pos >= text.length) return { rows, errors };
    const record: string[] = [];
    const row = scanCsvRow(text, pos, true, record)!;
    if (row.error === null) rows.push({ record, line });
    else errors.push({ line, message: row.error, excerpt: text.slice(pos, Math.min(row.end, pos + 1000)).trimEnd() });
    line += row.lines;
    pos = row.end;
  }
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

/** csv-parse's reading of a CSV chunk, with the rows it cannot read as errors: the reference for csvRows. */
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
