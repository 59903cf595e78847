import { addReject, countLines, emptyBatch, type Batch } from '../contracts/batch.js';
import { tabRows } from './delimited-rows.js';
import { emitWosRecord, KEPT_TAGS } from './wos-record.js';
import type { ParseOptions } from './wos-plaintext.js';

/**
 * Parser for Web of Science "tab-delimited" exports (../shared/corpora/FORMATS.md, section 2):
 * a header row of tags (66 to 71 columns, in any order), one record per row, no quoting (a cell
 * may start with a literal `"`), often one trailing tab more than the header. Cells mean what
 * the plain-text tags mean; C1 joins addresses with `; `, also inside the [author] brackets,
 * and drops their final period. Rows are split by hand (delimited-rows.ts; csv-parse, quoting
 * off, is the reference).
 */
export interface TabOptions extends ParseOptions {
  /** The file's header row, split on tabs. */
  header: string[];
  /** The chunk starts with the header row (the file's first chunk). */
  startsWithHeader: boolean;
}

export function parseWosTabDelimited(text: string, options: TabOptions): Batch {
  const batch = emptyBatch();
  const { header } = options;
  const rows = tabRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const maxChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  for (const [i, { record, line }] of rows.entries()) {
    if (i === 0 && options.startsWithHeader) continue;
    const extra = record.length - header.length;
    if (extra < 0 || (extra > 0 && record.slice(header.length).some((c) => c !== ''))) {
      batch.nRead++;
      addReject(batch, 'cells', line, { cells: record.length, expected: header.length }, record.join('\t'));
      continue;
    }
    const fields = new Map<string, string[]>();
    header.forEach((tag, c) => {
      const value = record[c]!;
      if (value === '' || !KEPT_TAGS.has(tag)) return;
      fields.set(tag, tag === 'C1' ? splitAddresses(value) : [value]);
    });
    batch.nRead++;
    const size = record.reduce((s, c) => s + c.length + 1, 0);
    const error =
      size > maxChars
        ? `record of ${size} characters exceeds the ${maxChars}-byte limit (--max-record-mb)`
        : emitWosRecord(batch, fields, line, options.countries ?? true);
    if (error) addReject(batch, 'invalid-record', line, { detail: error }, record.join('\t'));
  }
  batch.nLines = countLines(text);
  return batch;
}

/** C1 cells join addresses with `; `, which also separates the names inside [brackets]: split outside them. */
export function splitAddresses(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0 && cell[i + 1] === ' ') {
      out.push(cell.slice(start, i).trim());
      start = i + 2;
    }
  }
  out.push(cell.slice(start).trim());
  return out.filter((a) => a !== '');
}
