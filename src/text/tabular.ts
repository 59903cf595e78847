import { spreadsheetSafe } from './csv-cell.js';
import { shortenMiddle, shortenPath } from './shorten.js';

/** Rows of plain values written as CSV (RFC 4180), an aligned text table, or JSON. */
/** Any object whose own keys are the columns (interfaces included). */
export type Row = object;

function get(r: Row, column: string): unknown {
  return (r as Record<string, unknown>)[column];
}
export type OutputFormat = 'table' | 'csv' | 'json';

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/\.?0+$/, '');
  if (Array.isArray(v)) return v.map((x) => cellText(x, digits)).join('; ');
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  /** Cells as they are, for machine pipelines (--raw-csv); otherwise text cells that a spreadsheet would run as formulas are made text (csv-cell.ts). */
  raw?: boolean;
}

/** CSV with full precision for numbers, so spreadsheets and R read back what was computed. */
export function toCsv(rows: readonly Row[], columns = columnsOf(rows), options: CsvOptions = {}): string {
  const cell = (v: unknown): string => {
    const t = cellText(v, 12);
    return options.raw || typeof v === 'number' ? t : spreadsheetSafe(t);
  };
  const lines = [columns.map((c) => csvField(cell(c))).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(cell(get(r, c)))).join(','));
  return lines.join('\n') + '\n';
}

/** The widest a terminal table's cell gets; longer values are shortened in the middle. */
const CELL_WIDTH = 60;

/** A table for the terminal: numbers right-aligned, long text shortened in the middle (a path keeps its file name). */
export function toTextTable(rows: readonly Row[], columns = columnsOf(rows), digits = 3): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const t = cellText(get(r, c), digits).replace(/[\r\n\t]/g, ' ');
      return /^\/[^\s]*\/[^/\s]+$/.test(t) ? shortenPath(t, CELL_WIDTH) : shortenMiddle(t, CELL_WIDTH);
    }),
  );
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => get(r, c) == null || typeof get(r, c) === 'number'));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j]!.length)));
  const fmt = (row: string[]): string =>
    row
      .map((t, j) => (numeric[j] ? t.padStart(widths[j]!) : t.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [fmt(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n') + '\n';
}

export function toJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n';
}

export function formatRows(rows: readonly Row[], format: OutputFormat, columns = columnsOf(rows), csv: CsvOptions = {}): string {
  if (format === 'csv') return toCsv(rows, columns, csv);
  if (format === 'json') return toJson(rows);
  return toTextTable(rows, columns);
}

export function columnsOf(rows: readonly Row[]): string[] {
  return rows.length > 0 ? Object.keys(rows[0]!) : [];
}
