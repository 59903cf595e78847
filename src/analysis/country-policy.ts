import { countrySetSql } from '../countries/country-set-sql.js';
import { SELECTED_PAPERS_SQL } from './selection.js';

/**
 * How countries are counted (DESIGN.md, "Countries"; README.md):
 *  - regions: `iso` keeps Taiwan, Hong Kong and Macao apart; `merge-china` folds Hong Kong and
 *    Macao into China (as the Leiden Ranking does); `bibliometrix` folds Taiwan into China (as
 *    bibliometrix and the founding study do);
 *  - ukNations: England, Scotland, Wales and Northern Ireland as GB-ENG, GB-SCT, GB-WLS, GB-NIR;
 *  - basis: `all` counts every author address (C(p)); `primary` counts each author's first
 *    address only (P(p)), so a visiting second affiliation abroad makes no paper international.
 */
export interface CountryPolicy {
  regions: 'iso' | 'merge-china' | 'bibliometrix';
  ukNations: boolean;
  basis: 'all' | 'primary';
}

export const DEFAULT_POLICY: CountryPolicy = { regions: 'iso', ukNations: false, basis: 'all' };

export const REGION_POLICIES = ['iso', 'merge-china', 'bibliometrix'] as const;

/** The codes mappedCountry can give that no address need carry (China by merging, the UK nations). */
export const MAPPED_CODES = ['CN', 'GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'] as const;

function mappedCountry(policy: Omit<CountryPolicy, 'basis'>): string {
  let expr = 'country';
  if (policy.ukNations) {
    expr = `CASE WHEN ${expr} = 'GB' THEN CASE country_tail
      WHEN 'ENGLAND' THEN 'GB-ENG' WHEN 'SCOTLAND' THEN 'GB-SCT' WHEN 'WALES' THEN 'GB-WLS'
      WHEN 'NORTH IRELAND' THEN 'GB-NIR' WHEN 'NORTHERN IRELAND' THEN 'GB-NIR' ELSE 'GB' END ELSE ${expr} END`;
  }
  if (policy.regions === 'merge-china') expr = `CASE WHEN country IN ('HK', 'MO') THEN 'CN' ELSE ${expr} END`;
  if (policy.regions === 'bibliometrix') expr = `CASE WHEN country = 'TW' THEN 'CN' ELSE ${expr} END`;
  return expr;
}

/**
 * SQL for `(rec_id, country, is_corresponding, in_primary)` of the papers `papers` selects (by
 * default the selected papers: bind selectionParams) under a policy: every country of C(p), which
 * holds K(p); `in_primary` marks P(p), or all of C(p) where the paper's author-address links are
 * missing. The default policy reads the stored record_countries; another one derives the rows
 * again from the addresses with the same rules (countries/country-set-sql.ts).
 */
export function paperCountryRowsSql(policy: Omit<CountryPolicy, 'basis'>, papers = SELECTED_PAPERS_SQL): string {
  const isDefault = policy.regions === 'iso' && !policy.ukNations;
  const rows = isDefault
    ? 'SELECT * FROM record_countries'
    : `SELECT * FROM (${countrySetSql(
        `SELECT rec_id, addr_pos, ${mappedCountry(policy)} AS country, authors, is_corresponding FROM addresses
         WHERE rec_id IN (${papers})`,
      )})`;
  return `SELECT rec_id, country, is_corresponding,
    n_primary_authors > 0 OR rec_id IN (SELECT rec_id FROM records WHERE NOT coalesce(author_links, false)) AS in_primary
  FROM (${rows}) WHERE rec_id IN (${papers})`;
}

/**
 * SQL for `(rec_id, country, is_corresponding, in_set)` of the selected papers under a policy
 * (bind selectionParams). `in_set` marks the countries that make up the paper's set (C(p), or
 * P(p) on the primary basis); the corresponding country K(p) always has its row, so that a paper
 * stays attributed to it even where K(p) is no author's first address.
 */
export function paperCountriesSql(policy: CountryPolicy): string {
  const inSet = policy.basis === 'primary' ? 'in_primary' : 'true';
  return `SELECT * FROM (
    SELECT rec_id, country, is_corresponding, ${inSet} AS in_set FROM (${paperCountryRowsSql(policy)})
  ) WHERE in_set OR is_corresponding`;
}
