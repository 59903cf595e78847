import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
/** Real exports collected from public repositories; CI has ../shared beside the clone. */
export const CORPORA = resolve(ROOT, '../shared/corpora');
export const WOS_PLAINTEXT = join(CORPORA, 'wos_plaintext');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

/** Folders made by tempDir in this test file, removed after its last test (test/remove-temp-dirs.ts). */
export const madeTempDirs: string[] = [];

export function tempDir(prefix = 'coauth-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeTempDirs.push(dir);
  return dir;
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
}

/** Records in a WoS plain-text file counted the simplest way: lines that are exactly ER. */
export function countErLines(path: string): number {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l === 'ER').length;
}

export interface HandCounted {
  ut: string;
  year: number | null;
  docTypes: string;
  /** Countries of the C1 addresses and of the first RP address. */
  countries: Set<string>;
  /** Country of the first RP address. */
  corresponding: string | null;
}

/**
 * An independent reading of a WoS plain-text file, for checking numbers "by hand": records split
 * at ER lines, the country taken from the last comma segment of each C1 line and of the first
 * RP entry (U.S., China, Hong Kong, Macao, Taiwan and the UK nations recognised; other countries
 * kept as written). Shares no code with src/.
 */
export function handCount(path: string): HandCounted[] {
  const countryOf = (addr: string): string => {
    const segs = addr
      .replace(/\.$/, '')
      .split(',')
      .map((s) => s.trim());
    const last = segs[segs.length - 1]!;
    const before = segs[segs.length - 2] ?? '';
    if (/\bUSA$/.test(last)) return 'US';
    if (last === 'Peoples R China') return /^Hong Kong/.test(before) ? 'HK' : /^Maca[uo]/.test(before) ? 'MO' : 'CN';
    if (['England', 'Scotland', 'Wales', 'North Ireland'].includes(last)) return 'GB';
    if (last === 'Taiwan') return 'TW';
    return last.toUpperCase();
  };
  const out: HandCounted[] = [];
  for (const rec of readFileSync(path, 'utf8').split(/\nER\n/)) {
    const ut = /^UT (\S+)/m.exec(rec)?.[1];
    if (!ut) continue;
    const countries = new Set<string>();
    let corresponding: string | null = null;
    let tag = '';
    for (const line of rec.split('\n')) {
      if (/^[A-Z][A-Z0-9] /.test(line)) tag = line.slice(0, 2);
      const value = line.slice(3);
      if (tag === 'C1' && value.trim() !== '') countries.add(countryOf(value.replace(/^\[[^\]]*\] /, '')));
      if (line.startsWith('RP ')) {
        const first = value.split('.; ')[0]!;
        corresponding = countryOf(first.replace(/^.*?\((?:reprint|corresponding) author\), /, ''));
        countries.add(corresponding);
      }
    }
    const py = /^PY (\d{4})/m.exec(rec)?.[1] ?? /^EY (\d{4})/m.exec(rec)?.[1] ?? /^EA .*?(\d{4})/m.exec(rec)?.[1];
    const docTypes = /^DT (.*)$/m.exec(rec)?.[1] ?? '';
    out.push({ ut, year: py ? Number(py) : null, docTypes, countries, corresponding });
  }
  return out;
}

/**
 * A JSON record broken the ways a file gets damaged: the closing quote of its first value lost,
 * an inner object's `{` lost, its first `}` lost, or stray brackets after its first value.
 * `at`: where the record's `{` is. A lost `{` costs two reads (the record closes early, and what
 * follows is skipped as a second broken piece); the others one.
 */
export type JsonBreak = 'quote' | 'open' | 'close' | 'brackets';

export function breakJsonRecord(text: string, at: number, how: JsonBreak): string {
  const value = /"\s*:\s*"/g;
  value.lastIndex = at;
  const m = value.exec(text)!;
  const close = text.indexOf('"', m.index + m[0].length);
  const cut = (i: number, n: number, insert = '') => text.slice(0, i) + insert + text.slice(i + n);
  switch (how) {
    case 'quote':
      return cut(close, 1);
    case 'open':
      return cut(text.indexOf('{', at + 1), 1);
    case 'close':
      return cut(text.indexOf('}', at), 1);
    case 'brackets':
      return cut(close + 1, 0, ']]}{x"');
  }
}
