import type { DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { capitalise, countryInText } from '../countries/country-words.js';
import { queryRows } from '../store/database.js';

/**
 * What a report cannot answer, found before drawing it, so that an empty figure never passes
 * for a result: country codes that name no country, fields the cube does not have, and fields,
 * focal countries or partners without a paper in the period.
 */
export function unknownCountries(focus: string, partners: readonly string[]): string[] {
  return [focus, ...partners]
    .filter((c) => countryName(c) === c)
    .map((c) => `${c} is not a country code coauth knows (ISO 3166-1 alpha-2, such as CN or US)`);
}

/** Fields asked for that the cube does not have, each with the nearest names it does have. */
export async function unknownFields(connection: DuckDBConnection, fields: readonly string[]): Promise<Map<string, string>> {
  const known = (await queryRows(connection, 'SELECT field FROM cube_store.fields ORDER BY field')).map((r) => r.field as string);
  const missing = new Map<string, string>();
  for (const f of fields) {
    if (known.includes(f)) continue;
    const near = known
      .map((k) => ({ k, d: distance(f.toLowerCase(), k.toLowerCase()) }))
      .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
      .slice(0, 3)
      .map((x) => `"${x.k}"`);
    missing.set(
      f,
      `field "${f}" is not in the cube${near.length ? `; nearest: ${near.join(', ')}` : ''} (coauth sql "SELECT DISTINCT field FROM cube_coverage" lists them)`,
    );
  }
  return missing;
}

/** What is empty in one field and period: the field itself, or the focal country or a partner in it. */
export async function emptyInCell(
  connection: DuckDBConnection,
  cell: { field: string; period: string },
  focus: string,
  partners: readonly string[],
): Promise<{ fieldEmpty: boolean; messages: string[] }> {
  const [coverage] = await queryRows(
    connection,
    `SELECT coalesce(sum(papers), 0) AS papers FROM cube_coverage WHERE basis = 'all' AND field = $field AND period = $period`,
    cell,
  );
  if ((coverage?.papers ?? 0) === 0) return { fieldEmpty: true, messages: [`no paper in field "${cell.field}" in ${cell.period}`] };
  const rows = await queryRows(
    connection,
    `SELECT country FROM cube_countries WHERE basis = 'all' AND field = $field AND period = $period AND papers > 0`,
    cell,
  );
  const present = new Set(rows.map((r) => r.country as string));
  const messages = [focus, ...partners]
    .filter((c) => countryName(c) !== c && !present.has(c))
    .map((c) => `${capitalise(countryInText(c))} (${c}) has no paper in field "${cell.field}" in ${cell.period}`);
  return { fieldEmpty: false, messages };
}

/** Edit distance, to suggest the field meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
