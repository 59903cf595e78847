/**
 * CSV written for people is opened in spreadsheets, which run a cell that starts with =, +, -, @,
 * a tab or a carriage return as a formula (`=HYPERLINK(...)` in a title). Such a text cell gets a
 * leading apostrophe, which spreadsheets show as text (OWASP's advice for CSV injection); numbers
 * are written as numbers and never changed. `--raw-csv` writes cells as they are, for machines.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The same rule in SQL, for CSV that DuckDB writes itself (export-table): `expr` is a VARCHAR column. */
export function spreadsheetSafeSql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') THEN '''' || ${expr} ELSE ${expr} END`;
}
