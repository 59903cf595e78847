import type { DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { queryRows } from '../store/database.js';
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

const COUNTRY_ROWS_SQL = `
WITH p AS (${SELECTED_PAPERS_SQL}),
rc AS (SELECT * FROM record_countries WHERE rec_id IN (SELECT rec_id FROM p)),
n AS (SELECT rec_id, count(*) AS n_countries FROM rc GROUP BY rec_id),
part AS (
  SELECT country, count(*) AS papers, sum(1.0 / n_countries) AS papers_fractional
  FROM rc JOIN n USING (rec_id) GROUP BY country
),
corr AS (
  SELECT country, count(*) AS articles,
         count(*) FILTER (WHERE n_countries = 1) AS scp,
         count(*) FILTER (WHERE n_countries >= 2) AS mcp
  FROM rc JOIN n USING (rec_id) WHERE is_corresponding GROUP BY country
)
SELECT country, part.papers, part.papers_fractional,
       coalesce(corr.articles, 0) AS articles,
       coalesce(corr.articles, 0) / nullif(sum(corr.articles) OVER (), 0) AS freq,
       coalesce(corr.scp, 0) AS scp, coalesce(corr.mcp, 0) AS mcp,
       coalesce(corr.mcp, 0) / nullif(corr.articles, 0) AS mcp_ratio
FROM part LEFT JOIN corr USING (country)
ORDER BY articles DESC, part.papers DESC, country`;

const TOTALS_SQL = `
WITH p AS (${SELECTED_PAPERS_SQL})
SELECT
  (SELECT count(*) FROM p) AS papers,
  (SELECT count(*) FROM p WHERE rec_id NOT IN (SELECT rec_id FROM record_countries)) AS country_unknown,
  (SELECT count(*) FROM p WHERE rec_id NOT IN (SELECT rec_id FROM record_countries WHERE is_corresponding)) AS corresponding_unknown,
  (SELECT count(*) FROM records WHERE year IS NULL AND ($from_year IS NOT NULL OR $to_year IS NOT NULL)) AS year_unknown`;

/** Per country: papers (whole and fractional) and, by corresponding country, articles, SCP, MCP, MCP ratio. */
export async function countryRows(connection: DuckDBConnection, selection: Selection): Promise<CountryRow[]> {
  const rows = await queryRows(connection, COUNTRY_ROWS_SQL, selectionParams(selection));
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

export async function countryTotals(connection: DuckDBConnection, selection: Selection): Promise<CountryTotals> {
  const [r] = await queryRows(connection, TOTALS_SQL, selectionParams(selection));
  return {
    papers: r!.papers as number,
    countryUnknown: r!.country_unknown as number,
    correspondingUnknown: r!.corresponding_unknown as number,
    yearUnknown: r!.year_unknown as number,
  };
}
