import { countryName } from './lookup.js';

/** Names read with an article: "the United States", "the Netherlands", "the Dominican Republic". */
const WITH_THE = /^(United |Netherlands$|Philippines$|Bahamas$|Gambia$|Maldives$|Comoros$|Seychelles$)|Republic|Islands$/;

/** A country as a sentence names it: "China", "the United States"; an unknown code as itself. */
export function countryInText(code: string): string {
  const name = countryName(code);
  return WITH_THE.test(name) ? `the ${name}` : name;
}

/** "China's", "the United States'". */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "China", "China or Australia", "China, Japan or Australia" (with "and" when asked). */
export function listInText(names: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** The first letter up: "The United States ...". */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A count and its noun, singular or plural, with thousands separated: "1 paper", "1,254 papers". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/** A share in percent with one decimal; "n/a" without a denominator. */
export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${(100 * share).toFixed(1)}%`;
}

/** A difference of shares in percentage points, signed: "+4.0", "−1.2". */
export function points(difference: number): string {
  return `${difference >= 0 ? '+' : '−'}${Math.abs(100 * difference).toFixed(1)}`;
}
