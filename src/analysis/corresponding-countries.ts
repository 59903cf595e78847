import type { DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { queryRows } from '../store/database.js';
import { DEFAULT_POLICY, paperCountriesSql, type CountryPolicy } from './country-policy.js';
import { SELECTED_PAPERS_SQL, selectionParams, type Selection } from './selection.js';

export interface CountryRow {
  country: string;
  name: string;
  /** Papers with the country among C(p) (whole counting). */
  papers: number;
  /** Sum of 1/|C(p)| over those papers. */
  papers_fractional: number;
  /** Papers whose corresponding country K(p) is this country. */
  articles: number;
  /** articles / papers with a known K(p). */
  freq: number;
  scp: number;
  mcp: number;
  mcp_ratio: number;
}

export interface CountryTotals {
  papers: number;
  countryUnknown: number;
  correspondingUnknown: number;
  /** Papers left out of a year range because their year is unknown. */
  yearUnknown: number;
}

const countryRowsSql = (policy: CountryPolicy): string => `
WITH rc AS (${paperCountriesSql(policy)}),
n AS (SELECT rec_id, count(*) FILTER (WHERE in_set) AS n_countries FROM rc GROUP BY rec_id),
part AS (
  SELECT country, count(*) AS papers, sum(1.0 / n_countries) AS papers_fractional
  FROM rc JOIN n USING (rec_id) WHERE in_set GROUP BY country
),
corr AS (
  SELECT country, count(*) AS articles,
         count(*) FILTER (WHERE n_countries <= 1) AS scp,
         count(*) FILTER (WHERE n_countries >= 2) AS mcp
  FROM rc JOIN n USING (rec_id) WHERE is_corresponding GROUP BY country
)
SELECT country, coalesce(part.papers, 0) AS papers, coalesce(part.papers_fractional, 0) AS papers_fractional,
       coalesce(corr.articles, 0) AS articles,
       coalesce(corr.articles, 0) / nullif(sum(corr.articles) OVER (), 0) AS freq,
       coalesce(corr.scp, 0) AS scp, coalesce(corr.mcp, 0) AS mcp,
       coalesce(corr.mcp, 0) / nullif(corr.articles, 0) AS mcp_ratio
FROM part FULL OUTER JOIN corr USING (country)
ORDER BY articles DESC, papers DESC, country`;

const totalsSql = (policy: CountryPolicy): string => `
WITH p AS (${SELECTED_PAPERS_SQL}), rc AS (${paperCountriesSql(policy)})
SELECT
  (SELECT count(*) FROM p) AS papers,
  (SELECT count(*) FROM p WHERE rec_id NOT IN (SELECT rec_id FROM rc WHERE in_set)) AS country_unknown,
  (SELECT count(*) FROM p WHERE rec_id NOT IN (SELECT rec_id FROM rc WHERE is_corresponding)) AS corresponding_unknown,
  (SELECT count(*) FROM records WHERE year IS NULL AND ($from_year IS NOT NULL OR $to_year IS NOT NULL)
     AND rec_id NOT IN (SELECT rec_id FROM cross_source_duplicates)) AS year_unknown`;

/** Per country: papers (whole and fractional) and, by corresponding country, articles, SCP, MCP, MCP ratio. */
export async function countryRows(
  connection: DuckDBConnection,
  selection: Selection,
  policy: CountryPolicy = DEFAULT_POLICY,
): Promise<CountryRow[]> {
  const rows = await queryRows(connection, countryRowsSql(policy), selectionParams(selection));
  return rows.map((r) => ({
    country: r.country as string,
    name: countryName(r.country as string),
    papers: r.papers as number,
    papers_fractional: Number(r.papers_fractional),
    articles: r.articles as number,
    freq: Number(r.freq ?? 0),
    scp: r.scp as number,
    mcp: r.mcp as number,
    mcp_ratio: Number(r.mcp_ratio ?? 0),
  }));
}

export async function countryTotals(
  connection: DuckDBConnection,
  selection: Selection,
  policy: CountryPolicy = DEFAULT_POLICY,
): Promise<CountryTotals> {
  const [r] = await queryRows(connection, totalsSql(policy), selectionParams(selection));
  return {
    papers: r!.papers as number,
    countryUnknown: r!.country_unknown as number,
    correspondingUnknown: r!.corresponding_unknown as number,
    yearUnknown: r!.year_unknown as number,
  };
}
