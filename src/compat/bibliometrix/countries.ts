import { BIBLIOMETRIX_COUNTRIES } from './dictionary.js';

/**
 * bibliometrix 5.4.1's two country fields, reimplemented from SEMANTICS.md §1-2 so that
 * `--compat bibliometrix` gives its numbers exactly, bugs included:
 *  - AU_CO: every dictionary name found as a literal `NAME.` substring of the upper-cased C1
 *    (`NAME;` of RP when C1 finds none), one entry per occurrence, in dictionary order;
 *  - AU1_CO: the first dictionary name found as ` NAME ` in the tail of the first corresponding
 *    address, else anywhere in the punctuation-stripped RP.
 * Both then go through the same ten renamings (TAIWAN -> CHINA, ENGLAND -> UNITED KINGDOM, ...).
 */

const NAMES = BIBLIOMETRIX_COUNTRIES.map(([name]) => name);

/** Applied in this order, as global substring replacements. */
const RENAMES: readonly [string, string][] = [
  ['UNITED STATES', 'USA'],
  ['RUSSIAN FEDERATION', 'RUSSIA'],
  ['TAIWAN', 'CHINA'],
  ['ENGLAND', 'UNITED KINGDOM'],
  ['SCOTLAND', 'UNITED KINGDOM'],
  ['WALES', 'UNITED KINGDOM'],
  ['NORTH IRELAND', 'UNITED KINGDOM'],
  ['TURKIYE', 'TURKEY'],
  ['ESWATINI', 'SWAZILAND'],
  ['CZECHIA', 'CZECH REPUBLIC'],
];

function rename(name: string): string {
  let s = name;
  for (const [from, to] of RENAMES) s = s.split(from).join(to);
  return s;
}

/** R's toupper: character by character, so a letter whose upper case is longer (ß) stays. */
export function upperLikeR(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += u.length === ch.length ? u : ch;
  }
  return out;
}

/** C1 as convert2df leaves it: upper case, blanks collapsed, [names] removed, every `.` made `.;`. */
export function convertC1(c1Raw: string): string {
  return upperLikeR(c1Raw)
    .replace(/\s+/g, ' ')
    .replace(/\[.*?\]/g, '')
    .trim()
    .replace(/\./g, '.;');
}

function convertOther(raw: string): string {
  return upperLikeR(raw).replace(/\s+/g, ' ');
}

function countOccurrences(text: string, pattern: string): number {
  let n = 0;
  for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + pattern.length)) n++;
  return n;
}

function findAll(text: string, delimiter: string): string[] {
  const found: string[] = [];
  for (const name of NAMES) {
    const k = countOccurrences(text, name + delimiter);
    for (let i = 0; i < k; i++) found.push(name);
  }
  return found;
}

/** AU_CO for a WoS record: country names with repeats, in dictionary order; null for NA. */
export function auCo(c1Raw: string | null, rpRaw: string | null): string[] | null {
  let found: string[] = [];
  if (c1Raw !== null) {
    let text = convertC1(c1Raw).replace(/\[.*?\] /g, '');
    if (!text.endsWith('.')) text += '.';
    found = findAll(text, '.');
  }
  if (found.length === 0 && rpRaw !== null) found = findAll(convertOther(rpRaw) + ';', '.');
  if (found.length === 0) return null;
  return found.map((n) => rename(n.replace(/[\d().]/g, '')));
}

const PUNCT_OR_BLANK = /[!-/:-@[-`{-~ \t]+/g;

/**
 * AU_CO for a Scopus record: `NAME;` in the upper-cased "Affiliations" (each affiliation cut after
 * its last `., `), else in the correspondence address. bibliometrix reads Scopus's empty cells as
 * empty strings, not NA, so a record without affiliations searches an empty text first.
 */
export function auCoScopus(affiliations: string | null, correspondence: string | null): string[] | null {
  const c1 = (affiliations ?? '')
    .split(';')
    .map((a) => {
      const cut = a.lastIndexOf('., ');
      return cut >= 0 ? a.slice(cut + 3) : a;
    })
    .join(';');
  let text = convertOther(c1).trim();
  if (!text.endsWith(';')) text += ';';
  let found = findAll(text, ';');
  if (found.length === 0) found = findAll(convertOther(correspondence ?? '') + ';', ';');
  if (found.length === 0) return null;
  return found.map((n) => rename(n.replace(/[\d().]/g, '')));
}

/** AU1_CO for a Scopus record: as for WoS, with an empty correspondence address where there is none (never C1). */
export function au1CoScopus(affiliations: string | null, correspondence: string | null): string | null {
  return au1Co(affiliations ?? '', correspondence ?? '');
}

/** AU1_CO for a WoS record: one country name, or null for NA. */
export function au1Co(c1Raw: string | null, rpRaw: string | null): string | null {
  const rp = rpRaw === null ? null : convertOther(rpRaw);
  const source = rp ?? (c1Raw === null ? null : convertC1(c1Raw));
  let textA = 'NA ';
  if (source !== null) {
    let t = source.replace(/\[.*?\] /g, '');
    const marker = t.indexOf('(REPRINT AUTHOR)');
    if (marker >= 0) t = t.slice(marker + '(REPRINT AUTHOR)'.length);
    t = t.split(';')[0]!;
    t = t.slice(t.lastIndexOf(',') + 1);
    t = t.replace(PUNCT_OR_BLANK, ' ').trim();
    if (t !== '') textA = t + ' ';
  }
  const textB = rp === null ? 'NA ' : (rp + ';').replace(PUNCT_OR_BLANK, ' ');
  for (const text of [textA, textB]) {
    for (const name of NAMES) {
      if (text.includes(` ${name} `)) return rename(name.replace(/\d/g, '').trim());
    }
  }
  return null;
}
