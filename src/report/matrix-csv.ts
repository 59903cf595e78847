import type { CountryMatrix } from '../analysis/country-matrix.js';
import type { Row } from '../text/tabular.js';

/** The matrix as rows: first column `country`, then one column per country, in the same order. */
export function matrixRows(m: CountryMatrix, limit = m.countries.length): Row[] {
  const shown = m.countries.slice(0, limit);
  return shown.map((c, i) => {
    const row: Record<string, string | number> = { country: c };
    shown.forEach((d, j) => (row[d] = m.counts[i]![j]!));
    return row;
  });
}
