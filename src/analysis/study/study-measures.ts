/** The study's bars on one field and period, from the papers the cube counted (basis all). */
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { CubeConfig } from '../cube/config.js';
import { countryName } from '../../countries/lookup.js';
import { countryInText, listInText } from '../../countries/country-words.js';
import { queryRows } from '../../store/database.js';
import { fieldPapersSql } from './field-papers.js';

/** One bar of the study's Figure 2 and 4: a corresponding country's papers, split. */
export interface BarRow {
  country: string;
  name: string;
  articles: number;
  domestic: number;
  withFocus: number;
  other: number;
  /** What withFocus means for this row ("with China", or "with the United States or Australia" for the focal country). */
  focusLabel: string;
}

export interface Cell {
  field: string;
  from: number;
  to: number;
}

const cellParams = (c: Cell) => ({ field: c.field, from_year: c.from, to_year: c.to });

/**
 * The bar figure's table: for each leading country (by papers it is the corresponding country
 * of), how many are domestic, with the focal country (for the focal country itself: with any of
 * its partners), or other international. Whole counting by corresponding country.
 */
export async function barRows(
  connection: DuckDBConnection,
  config: CubeConfig,
  cell: Cell,
  focus: string,
  partners: string[],
  top: number,
): Promise<BarRow[]> {
  const rows = await queryRows(
    connection,
    `WITH p AS (${fieldPapersSql(config)})
     SELECT k AS country, count(*) AS articles,
            count(*) FILTER (WHERE coalesce(len(countries), 0) <= 1) AS domestic,
            count(*) FILTER (WHERE len(countries) >= 2 AND CASE WHEN k = $focus THEN list_has_any(countries, $partners)
                                                              ELSE list_contains(countries, $focus) END) AS with_focus
     FROM p WHERE k IS NOT NULL GROUP BY k ORDER BY articles DESC, country LIMIT $top`,
    { ...cellParams(cell), focus, partners: listValue(partners), top },
    { partners: LIST(VARCHAR) },
  );
  return rows.map((r) => {
    const country = r.country as string;
    const articles = r.articles as number;
    const domestic = r.domestic as number;
    const withFocus = r.with_focus as number;
    return {
      country,
      name: countryName(country),
      articles,
      domestic,
      withFocus,
      other: articles - domestic - withFocus,
      focusLabel: `with ${country === focus ? listInText(partners.map(countryInText)) : countryInText(focus)}`,
    };
  });
}
