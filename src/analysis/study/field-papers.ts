import type { CubeConfig } from '../cube/config.js';
import { DEFAULT_POLICY, paperCountriesSql } from '../country-policy.js';

/**
 * The papers of one field and period as the cube counted them (same filters, same country
 * policy, basis `all`), one row per paper: its countries and corresponding country.
 * Binds $field, $from_year, $to_year.
 */
export function fieldPapersSql(config: CubeConfig): string {
  return `
SELECT rec_id, list(country ORDER BY country) FILTER (WHERE in_set) AS countries,
       any_value(country) FILTER (WHERE is_corresponding) AS k
FROM (${paperCountriesSql({ ...DEFAULT_POLICY, ...config.policy, basis: 'all' })})
WHERE rec_id IN (SELECT f.rec_id FROM record_fields f JOIN records r USING (rec_id)
                 WHERE f.field = $field AND r.year BETWEEN $from_year AND $to_year)
GROUP BY rec_id`;
}
