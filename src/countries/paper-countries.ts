import { LIST_SEP, type AddressColumns } from '../parse/batch.js';

/**
 * The paper-country rows (record_countries) of a parsed batch, derived in the worker where the
 * addresses already are, by the rules of country-set-sql.ts (which derives the same rows in SQL
 * for the non-default policies; a test holds the two equal on every corpus):
 *  - K(p): the country of the first corresponding address with a known country;
 *  - C(p): the countries of the author addresses, plus K(p) (n_addresses = 0 when only K(p) is);
 *  - P(p): for each author named in the brackets, the country of that author's first listed
 *    address; n_primary_authors counts the authors whose primary country it is.
 */
export interface PaperCountryColumns {
  /** Index of the record in the batch's RecordColumns. */
  rec: number[];
  country: string[];
  n_addresses: number[];
  n_authors: number[];
  is_corresponding: boolean[];
  n_primary_authors: number[];
}

export function emptyPaperCountries(): PaperCountryColumns {
  return { rec: [], country: [], n_addresses: [], n_authors: [], is_corresponding: [], n_primary_authors: [] };
}

interface CountryTally {
  nAddresses: number;
  authors: Set<string>;
  nPrimary: number;
}

/** Appends to `out` the rows of every record in `a`; a record's addresses are consecutive rows. */
export function derivePaperCountries(a: AddressColumns, out: PaperCountryColumns): void {
  for (let start = 0; start < a.rec.length; ) {
    let end = start + 1;
    while (end < a.rec.length && a.rec[end] === a.rec[start]) end++;
    deriveRecord(a, start, end, out);
    start = end;
  }
}

function deriveRecord(a: AddressColumns, start: number, end: number, out: PaperCountryColumns): void {
  const tallies = new Map<string, CountryTally>();
  const tally = (country: string): CountryTally => {
    let t = tallies.get(country);
    if (!t) tallies.set(country, (t = { nAddresses: 0, authors: new Set(), nPrimary: 0 }));
    return t;
  };
  let corresponding: string | null = null;
  let correspondingPos = Infinity;
  // Each author's first listed address: its position and country (null: not known).
  const firsts = new Map<string, { pos: number; country: string | null }>();
  for (let i = start; i < end; i++) {
    const country = a.country[i] ?? null;
    const pos = a.addr_pos[i]!;
    if (a.is_corresponding[i]) {
      if (country !== null && pos < correspondingPos) [corresponding, correspondingPos] = [country, pos];
      continue;
    }
    const joined = a.authors[i];
    const authors = joined ? joined.split(LIST_SEP) : [];
    if (country !== null) {
      const t = tally(country);
      t.nAddresses++;
      for (const author of authors) t.authors.add(author);
    }
    for (const author of authors) {
      const f = firsts.get(author);
      if (!f || pos < f.pos) firsts.set(author, { pos, country });
    }
  }
  for (const f of firsts.values()) if (f.country !== null) tally(f.country).nPrimary++;
  if (corresponding !== null) tally(corresponding);
  const rec = a.rec[start]!;
  for (const [country, t] of tallies) {
    out.rec.push(rec);
    out.country.push(country);
    out.n_addresses.push(t.nAddresses);
    out.n_authors.push(t.authors.size);
    out.is_corresponding.push(country === corresponding);
    out.n_primary_authors.push(t.nPrimary);
  }
}
