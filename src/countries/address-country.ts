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
const HONG_KONG = /^(?:HONG KONG|HONGKONG)\b/;
const MACAO = /^MACA[OU]\b/;

/**
 * The country of one address, read from its end, never by searching the whole text
 * ("Indiana Univ" is not India, "Georgia Inst Technol, Atlanta, GA 30332 USA" is not Georgia).
 *
 * Rules in order, on the last comma segment:
 *  1. the whole segment is a known country spelling ("Peoples R China", "Bosnia & Herceg");
 *  2. it ends in "USA" ("Gainesville, FL 32611 USA", "New York, NY USA");
 *  3. it is a U.S. state with or without ZIP (old uppercase records: "ANN ARBOR,MI 48109."), or ends
 *     in state + ZIP ("JERSEY CITY NJ 07306");
 *  4. its last one to four words are a country spelling ("SE-10691 Stockholm Sweden").
 * China with "Hong Kong" or "Macau" as the segment before it is HK or MO, as ISO has them.
 */
export function addressCountry(address: string): AddressCountry {
  const segments = address.split(',');
  let i = segments.length - 1;
  while (i > 0 && segments[i]!.trim() === '') i--;
  const tail = countryKey(segments[i]!);
  let code = codeForKey(tail) ?? null;
  if (code === null && tail !== '') {
    const words = tail.split(' ');
    if (words[words.length - 1] === 'USA') code = 'US';
    else {
      const m = US_STATE_ZIP.exec(tail) ?? ENDS_STATE_ZIP.exec(tail);
      if (m && US_STATES.has(m[1]!)) code = 'US';
      else {
        for (let k = Math.min(4, words.length - 1); k >= 1 && code === null; k--) {
          code = codeForKey(words.slice(-k).join(' ')) ?? null;
        }
      }
    }
  }
  if (code === 'CN' && i > 0) {
    const before = countryKey(segments[i - 1]!);
    if (HONG_KONG.test(before)) code = 'HK';
    else if (MACAO.test(before)) code = 'MO';
  }
  return { code, tail };
}
