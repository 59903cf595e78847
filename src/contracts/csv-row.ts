/**
 * Where a CSV row (RFC 4180: quoted cells with `""` escapes and line breaks) ends, and its cells.
 * The one reading shared by the splitter, which cuts Scopus files at row ends on the main thread,
 * and the parser, which reads the rows of a chunk: both must agree on every row end, or a chunk
 * would start inside a row.
 *
 * A row that is not RFC 4180 (a quote inside an unquoted cell, text after a closing quote, a
 * quoted cell never closed or running over MAX_CELL_LINES lines) is unreadable: it is taken to
 * be its first line, and reading goes on with the next line. A stray quote therefore costs its
 * own row only: followed strictly, it would turn every row after it inside out, and the rest of
 * the file would be lost as one record.
 */
export interface CsvRowEnd {
  /** Where the next row starts: past the row's line end (or the text's end). */
  end: number;
  /** Line feeds the row spans (1 for a row ended by a line end). */
  lines: number;
  /** Why the row is unreadable, or null. */
  error: string | null;
}

/** A quoted cell with more line breaks than this is an unmatched quote, not a cell. */
export const MAX_CELL_LINES = 1000;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/**
 * Reads the row starting at `pos` (not at an empty line), pushing its cells onto `cells` when
 * given. `final`: the text ends where the input ends. Null when the row may go on past the text
 * (only when not final).
 */
export function scanCsvRow(text: string, pos: number, final: boolean, cells: string[] | null): CsvRowEnd | null {
  const n = text.length;
  const start = pos;
  let lines = 0;
  let lf = -1; // the next line feed at or after where quoted cells are read, found once and reused
  for (;;) {
    if (text.charCodeAt(pos) === QUOTE) {
      let value = '';
      let from = pos + 1;
      let close: number;
      for (;;) {
        close = text.indexOf('"', from);
        const upTo = close < 0 ? n : close;
        if (lf < from) lf = indexOrEnd(text, '\n', from);
        for (; lf < upTo; lf = indexOrEnd(text, '\n', lf + 1)) {
          if (++lines > MAX_CELL_LINES)
            return unreadable(text, start, final, `a quoted cell runs over more than ${MAX_CELL_LINES} lines: an unmatched quote`);
        }
        if (close < 0) return final ? unreadable(text, start, final, 'a quoted cell is never closed') : null;
        if (close + 1 >= n && !final) return null; // the quote may be the first of a `""`
        if (cells) value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) break;
        if (cells) value += '"';
        from = close + 2;
      }
      cells?.push(value);
      pos = close + 1;
    } else {
      let end = pos;
      let c = 0;
      while (end < n && (c = text.charCodeAt(end)) !== COMMA && c !== LF && c !== QUOTE) end++;
      if (end < n && c === QUOTE) return unreadable(text, start, final, 'a quote inside an unquoted cell');
      if (end >= n && !final) return null;
      cells?.push(text.slice(pos, c === LF && end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end));
      pos = end;
    }
    const c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (pos >= n) return final ? { end: n, lines, error: null } : null;
    if (c === LF) return { end: pos + 1, lines: lines + 1, error: null };
    if (c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF) return { end: pos + 2, lines: lines + 1, error: null };
    if (c === CR && pos + 1 >= n && !final) return null;
    return unreadable(text, start, final, 'text after a closing quote');
  }
}

function indexOrEnd(text: string, s: string, from: number): number {
  const i = text.indexOf(s, from);
  return i < 0 ? text.length : i;
}

/** An unreadable row: its first line. */
function unreadable(text: string, start: number, final: boolean, error: string): CsvRowEnd | null {
  const lf = text.indexOf('\n', start);
  if (lf >= 0) return { end: lf + 1, lines: 1, error };
  return final ? { end: text.length, lines: 0, error } : null;
}

/** The position past the empty lines (`\n` or `\r\n` alone) at pos, and how many there were. */
export function skipEmptyLines(text: string, pos: number): { pos: number; lines: number } {
  let lines = 0;
  for (;;) {
    if (text.charCodeAt(pos) === LF) pos += 1;
    else if (text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF) pos += 2;
    else return { pos, lines };
    lines++;
  }
}
