import { parse } from 'csv-parse/sync';

/** The input formats coauth reads (README, "What is built"). */
export type FormatName = 'wos-plaintext' | 'wos-tabdelim' | 'wos-xml' | 'wos-json' | 'wos-jsonl' | 'scopus-csv' | 'openalex-json' | 'openalex-jsonl';

export const FORMATS: readonly FormatName[] = ['wos-plaintext', 'wos-tabdelim', 'wos-xml', 'wos-json', 'wos-jsonl', 'scopus-csv', 'openalex-json', 'openalex-jsonl'];

/** Formats whose first line is a header that every chunk's parser needs. */
export function headerOf(format: FormatName, firstLine: string): string[] | undefined {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (format === 'wos-tabdelim') return line.split('\t').filter((c, i, all) => c !== '' || i < all.length - 1);
  if (format === 'scopus-csv') return (parse(line, { relax_quotes: true }) as string[][])[0]!.map((c) => c.trim());
  return undefined;
}
