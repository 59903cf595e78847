import type { DuckDBConnection } from '@duckdb/node-api';
import { LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { CubeConfig } from '../analysis/cube/config.js';
import { countryName } from '../countries/lookup.js';
import { queryRows } from '../store/database.js';
import { fieldPapersSql } from './field-papers.js';
import type { Cell } from './study-tables.js';
import { esc } from '../text/xml-escape.js';
import { fx } from './svg/svg-text.js';
import { UsageError } from '../contracts/usage-error.js';

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

export function scenarioSvg(rows: readonly ScenarioRow[], title: string): string {
  const width = 900;
  const left = 230;
  const rowH = 22;
  const top = 50;
  const height = top + rows.length * rowH + 30;
  const max = Math.max(0.01, ...rows.map((r) => r.share));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="scenario">`,
    `<title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const w = ((width - left - 90) * r.share) / max;
    out.push(
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="13">${esc(`${r.name} (${r.papers})`)}</text>`,
      `<rect class="bar" data-country="${esc(r.country)}" x="${left}" y="${y + 3}" width="${fx(w)}" height="${rowH - 6}" fill="#e15759"/>`,
      `<text x="${fx(left + w + 6)}" y="${y + 15}" font-size="12">${(100 * r.share).toFixed(1)}%</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
