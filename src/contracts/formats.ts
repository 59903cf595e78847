import { scanCsvRow } from './csv-row.js';

/** The formats of records coauth reads (README, "What is built"), parsed by the workers. */
export type RecordFormat =
  'wos-plaintext' | 'wos-tabdelim' | 'wos-xml' | 'wos-json' | 'wos-jsonl' | 'scopus-csv' | 'openalex-json' | 'openalex-jsonl';

/** Every input format: records, or a deletion list (WoS .del, OpenAlex merged_ids, a list of ids), read on the main thread. */
export type FormatName = RecordFormat | 'deletion-list';

export const FORMATS: readonly FormatName[] = [
  'wos-plaintext',
  'wos-tabdelim',
  'wos-xml',
  'wos-json',
  'wos-jsonl',
  'scopus-csv',
  'openalex-json',
  'openalex-jsonl',
  'deletion-list',
];

/** Formats whose first line is a header that every chunk's parser needs. */
export function headerOf(format: FormatName, firstLine: string): string[] | undefined {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (format === 'wos-tabdelim') return line.split('\t').filter((c, i, all) => c !== '' || i < all.length - 1);
  if (format === 'scopus-csv') {
    // The same row reader as the splitter and the parser; a header that is not RFC 4180 gives what it could read.
    const cells: string[] = [];
    scanCsvRow(line, 0, true, cells);
    return cells.map((c) => c.trim());
  }
  return undefined;
}
