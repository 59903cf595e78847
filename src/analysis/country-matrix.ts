import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { DEFAULT_POLICY, paperCountriesSql, type CountryPolicy } from './country-policy.js';
import type { CubeConfig } from './cube/config.js';
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

/** The same cells read from the cube: the diagonal from cube_countries, the pairs from cube_links (field `all`). */
const CUBE_CELLS_SQL = `
SELECT country AS a, country AS b, papers AS n FROM cube_countries WHERE basis = $basis AND field = 'all' AND period = $period
UNION ALL
SELECT country_a, country_b, papers FROM cube_links WHERE basis = $basis AND field = 'all' AND period = $period`;

/**
 * The matrix of the selected papers. Read from the cube when it holds exactly these papers: the
 * years asked are one of its periods, it filters no document type or language, and its country
 * rules are the policy's. Otherwise counted from record_countries (README, "Commands": matrix).
 */
export async function countryMatrix(
  connection: DuckDBConnection,
  selection: Selection,
  policy: CountryPolicy = DEFAULT_POLICY,
): Promise<CountryMatrix & { fromCube: boolean }> {
  const period = await cubePeriodOf(connection, selection, policy);
  const rows = (
    period === null
      ? await queryRows(connection, pairCountsSql(policy), selectionParams(selection))
      : await queryRows(connection, CUBE_CELLS_SQL, { basis: policy.basis, period })
  ) as { a: string; b: string; n: number }[];
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
  return { countries, counts, fromCube: period !== null };
}

/** The cube's period for the selection, when the cube holds exactly its papers under this policy; else null. */
async function cubePeriodOf(connection: DuckDBConnection, selection: Selection, policy: CountryPolicy): Promise<string | null> {
  if (selection.fromYear === null || selection.toYear === null) return null;
  // A cube built before the last ingest, deletion or change of preference holds other papers.
  const state = await connection
    .runAndReadAll(
      `SELECT config, max_rec_id = (SELECT coalesce(max(rec_id), 0) FROM record_versions)
              AND coalesce(max_ended_seq, 0) = (SELECT coalesce(max(ended_seq), 0) FROM record_versions)
              AND NOT EXISTS (SELECT rec_id FROM cube_left_out EXCEPT SELECT rec_id FROM cross_source_duplicates)
              AND NOT EXISTS (SELECT rec_id FROM cross_source_duplicates EXCEPT SELECT rec_id FROM cube_left_out)
       FROM cube_state`,
    )
    .catch(() => null);
  const [json, current] = state?.getRows()[0] ?? [];
  if (typeof json !== 'string' || current !== true) return null;
  const config = JSON.parse(json) as CubeConfig;
  const sameRules = config.policy.regions === policy.regions && config.policy.ukNations === policy.ukNations;
  const noFilters = config.includeDocTypes.length === 0 && config.excludeDocTypes.length === 0 && config.languages.length === 0;
  if (!sameRules || !noFilters) return null;
  const [p] = await queryRows(connection, 'SELECT period FROM cube_periods WHERE year_from = $from AND year_to = $to', {
    from: selection.fromYear,
    to: selection.toYear,
  });
  return p ? String(p.period) : null;
}
