import type { DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { queryRows } from '../store/database.js';

export interface NetworkNode {
  code: string;
  name: string;
  papers: number;
  /** Countries it has co-authored with (any, not only those shown). */
  partners: number;
}

export interface NetworkEdge {
  a: number;
  b: number;
  papers: number;
}

export interface CountryNetwork {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** The leading countries of a field and period (top N by papers, or at least minPapers) and the links among them, from the cube. */
export async function countryNetwork(
  connection: DuckDBConnection,
  cell: { field: string; period: string; basis?: string },
  select: { top: number; minPapers?: number },
): Promise<CountryNetwork> {
  const params = { field: cell.field, period: cell.period, basis: cell.basis ?? 'all' };
  const rows = await queryRows(
    connection,
    `SELECT c.country, c.papers,
            (SELECT count(*) FROM cube_links l WHERE l.basis = c.basis AND l.field = c.field AND l.period = c.period
               AND (l.country_a = c.country OR l.country_b = c.country)) AS partners
     FROM cube_countries c WHERE basis = $basis AND field = $field AND period = $period AND papers >= $min
     ORDER BY papers DESC, country LIMIT $top`,
    { ...params, min: select.minPapers ?? 1, top: select.top },
  );
  const nodes = rows.map((r) => ({
    code: r.country as string,
    name: countryName(r.country as string),
    papers: r.papers as number,
    partners: r.partners as number,
  }));
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const links = await queryRows(
    connection,
    `SELECT country_a, country_b, papers FROM cube_links WHERE basis = $basis AND field = $field AND period = $period ORDER BY country_a, country_b`,
    params,
  );
  const edges = links
    .filter((l) => index.has(l.country_a as string) && index.has(l.country_b as string))
    .map((l) => ({ a: index.get(l.country_a as string)!, b: index.get(l.country_b as string)!, papers: l.papers as number }));
  return { nodes, edges };
}
