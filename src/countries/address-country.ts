import { US_STATES } from './country-table.js';
import { codeForKey } from './lookup.js';
import { countryKey } from './normalize.js';

/** What the country rules made of one address. */
export interface AddressCountry {
  /** ISO 3166-1 alpha-2 code, or null when no rule matched. */
  code: string | null;
  /** The address tail the decision was made on (normalised), kept for `countries --unmatched` and UK nations. */
  tail: string;
}

const US_STATE_ZIP = /^([A-Z]{2})(?: \d{5}(?: \d{4})?)?$/;
const ENDS_STATE_ZIP = /\b([A-Z]{2}) \d{5}(?: \d{4})?$/;
const HONG_KONG = /^\s*hong\s*kong\b/i;
const MACAO = /^\s*maca[ou]\b/i;

/**
 * The country of one address, read from its end, never by searching the whole text
 * ("Indiana Univ" is not India, "Georgia Inst Technol, Atlanta, GA 30332 USA" is not Georgia).
 *
 * Rules in order, on the last comma segment:
 *  1. the whole segment is a known country spelling ("Peoples R China", "Bosnia & Herceg");
 *  2. it ends in "USA" ("Gainesville, FL 32611 USA", "New York, NY USA");
 *  3. it is a U.S. state with or without ZIP (old uppercase records: "ANN ARBOR,MI 48109."), or ends
 *     in state + ZIP ("JERSEY CITY NJ 07306");
 *  4. its last one to four words are a country spelling ("SE-10691 Stockholm Sweden"), also before
 *     a postal code ("Grenoble France 38000");
 *  5. a country name glued to the word before it, as some Scopus exports write it
 *     ("Beijing University of Posts and TelecommunicationsChina", "Littelfuse, Inc.United States").
 * When none matches, the last two segments together ("Korea, Republic of").
 * China with "Hong Kong" or "Macau" as the segment before it is HK or MO, as ISO has them.
 */
export function addressCountry(address: string): AddressCountry {
  let end = address.length;
  let comma = address.lastIndexOf(',');
  // Skip empty trailing segments ("..., Urbana, IL 61801, ").
  while (comma > 0 && address.slice(comma + 1, end).trim() === '') {
    end = comma;
    comma = address.lastIndexOf(',', comma - 1);
  }
  let decided = tailCountry(address.slice(comma + 1, end));
  if (decided.code === null && comma > 0) {
    // Official names with a comma: "Korea, Republic of", "Iran, Islamic Republic of".
    const two = tailCountry(address.slice(address.lastIndexOf(',', comma - 1) + 1, end));
    if (two.code !== null) decided = two;
  }
  if (decided.code === 'CN' && comma > 0) {
    const before = address.slice(address.lastIndexOf(',', comma - 1) + 1, comma);
    if (HONG_KONG.test(before)) return { code: 'HK', tail: decided.tail };
    if (MACAO.test(before)) return { code: 'MO', tail: decided.tail };
  }
  return decided;
}

/**
 * Addresses end in few distinct ways ("FL 32611 USA", "Peoples R China"): remember each decision.
 * Keys and tails are copied out of the text they were cut from: V8 keeps a slice's whole parent
 * string alive, and the memo then held every chunk's text (README "Reliability", the workers' heaps).
 */
const memo = new Map<string, AddressCountry>();
const MEMO_LIMIT = 100_000;

function tailCountry(segment: string): AddressCountry {
  const hit = memo.get(segment);
  if (hit) return hit;
  const key = detached(segment);
  const tail = detached(countryKey(key));
  const decided = { code: ruleCode(tail) ?? gluedCountry(key), tail };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, decided);
  return decided;
}

/** A copy of s that does not keep the string it was sliced from (concatenating flattens into new memory). */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

function ruleCode(tail: string): string | null {
  const exact = codeForKey(tail);
  if (exact) return exact;
  if (tail === '') return null;
  const words = tail.split(' ');
  if (words[words.length - 1] === 'USA') return 'US';
  const m = US_STATE_ZIP.exec(tail) ?? ENDS_STATE_ZIP.exec(tail);
  if (m && US_STATES.has(m[1]!)) return 'US';
  // A postal code or an e-mail after the country ("Grenoble France 38000", "Ireland l00163548@atu.ie").
  while (words.length > 1 && /\d|^X+$/.test(words[words.length - 1]!)) words.pop();
  for (let k = Math.min(4, words.length); k >= 1; k--) {
    const code = codeForKey(words.slice(-k).join(' '));
    if (code) return code;
  }
  return null;
}

/**
 * "University of TurkuFinland", "Intel Technology Asia Pte. Ltd.Singapore": a country name glued
 * to what stands before it. The longest capitalised ending that is a country spelling wins.
 */
function gluedCountry(segment: string): string | null {
  const s = segment.trim().replace(/\.$/, '');
  for (let i = 1; i < s.length - 3; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90 || s[i - 1] === ' ') continue;
    const code = codeForKey(countryKey(s.slice(i)));
    if (code) return code;
  }
  return null;
}
