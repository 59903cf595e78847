import type { DuckDBConnection } from '@duckdb/node-api';
import { LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { CubeConfig } from '../cube/config.js';
import { countryName } from '../../countries/lookup.js';
import { queryRows } from '../../store/database.js';
import { fieldPapersSql } from './field-papers.js';
import type { Cell } from './study-measures.js';
import { UsageError } from '../../contracts/usage-error.js';

export interface ScenarioRow {
  country: string;
  name: string;
  papers: number;
  affected: number;
  share: number;
}

/** Parses `US,AU:CN` into the two groups whose links are cut. */
export function parseCut(text: string): { a: string[]; b: string[] } {
  const parts = text.split(':');
  const group = (s: string | undefined) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean);
  const [a, b] = [group(parts[0]), group(parts[1])];
  if (parts.length !== 2 || a.length === 0 || b.length === 0) throw new UsageError(`--cut: expected A,B:C (two groups), got "${text}"`);
  return { a, b };
}

/**
 * The decoupling scenario of DESIGN.md: cutting the links between groups A and B, the share of
 * each country's papers that would be affected (papers with at least one country of each group).
 */
export async function scenarioRows(
  connection: DuckDBConnection,
  config: CubeConfig,
  cell: Cell,
  cut: { a: string[]; b: string[] },
  top: number,
): Promise<ScenarioRow[]> {
  const rows = await queryRows(
    connection,
    `WITH p AS (${fieldPapersSql(config)}), c AS (SELECT rec_id, countries, unnest(countries) AS country FROM p)
     SELECT country, count(*) AS papers,
            count(*) FILTER (WHERE list_has_any(countries, $a) AND list_has_any(countries, $b)) AS affected
     FROM c GROUP BY country ORDER BY papers DESC, country LIMIT $top`,
    { field: cell.field, from_year: cell.from, to_year: cell.to, a: listValue(cut.a), b: listValue(cut.b), top },
    { a: LIST(VARCHAR), b: LIST(VARCHAR) },
  );
  return rows.map((r) => ({
    country: r.country as string,
    name: countryName(r.country as string),
    papers: r.papers as number,
    affected: r.affected as number,
    share: (r.affected as number) / (r.papers as number),
  }));
}
