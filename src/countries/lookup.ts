import { COUNTRY_TABLE, UK_NATIONS } from './country-table.js';
import { countryKey } from './normalize.js';

/** A spelling's normalised key -> ISO 3166-1 alpha-2 code. */
const BY_KEY = new Map<string, string>();
/** ISO code -> English display name. */
const NAMES = new Map<string, string>();

for (const [nation, code] of Object.entries(UK_NATIONS))
  NAMES.set(code, nation === 'NORTH IRELAND' ? 'Northern Ireland' : nation[0] + nation.slice(1).toLowerCase());
for (const [code, name, ...aliases] of COUNTRY_TABLE) {
  NAMES.set(code, name);
  for (const spelling of [name, ...aliases]) BY_KEY.set(countryKey(spelling), code);
}

/** The ISO code for an already normalised key (see countryKey). */
export function codeForKey(key: string): string | undefined {
  return BY_KEY.get(key);
}

/** English display name of an ISO code; the code itself when unknown. */
export function countryName(code: string): string {
  return NAMES.get(code) ?? code;
}
