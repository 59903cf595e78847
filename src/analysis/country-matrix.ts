import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { DEFAULT_POLICY, paperCountriesSql, type CountryPolicy } from './country-policy.js';
import { selectionParams, type Selection } from './selection.js';

export interface CountryMatrix {
  /** ISO codes, by papers descending, then code. */
  countries: string[];
  /** counts[i][j] = papers with both countries i and j; counts[i][i] = papers of country i. */
  counts: number[][];
}

/** Full counting: each paper counts once for every pair of its countries, and once on each country's diagonal. */
const pairCountsSql = (policy: CountryPolicy): string => `
WITH rc AS (SELECT rec_id, country FROM (${paperCountriesSql(policy)}) WHERE in_set)
SELECT a.country AS a, b.country AS b, count(*) AS n
FROM rc a JOIN rc b ON a.rec_id = b.rec_id AND a.country <= b.country
GROUP BY ALL`;

export async function countryMatrix(
  connection: DuckDBConnection,
  selection: Selection,
  policy: CountryPolicy = DEFAULT_POLICY,
): Promise<CountryMatrix> {
  const rows = (await queryRows(connection, pairCountsSql(policy), selectionParams(selection))) as {
    a: string;
    b: string;
    n: number;
  }[];
  const papers = new Map<string, number>();
  for (const r of rows) if (r.a === r.b) papers.set(r.a, r.n);
  const countries = [...papers.keys()].sort((x, y) => papers.get(y)! - papers.get(x)! || (x < y ? -1 : 1));
  const index = new Map(countries.map((c, i) => [c, i]));
  const counts = countries.map(() => new Array<number>(countries.length).fill(0));
  for (const r of rows) {
    const i = index.get(r.a)!;
    const j = index.get(r.b)!;
    counts[i]![j] = r.n;
    counts[j]![i] = r.n;
  }
  return { countries, counts };
}
