import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { queryRows } from '../store/database.js';
import { cubeConfig, cubePeriod } from '../analysis/cube/cube-periods.js';
import { htmlPage, type FieldSection } from './html-page.js';
import { countryNetwork } from '../network/network-data.js';
import { placeNetwork } from '../network/network-layout.js';
import { safeName } from './safe-name.js';
import { barRows, pairFacts, type Cell } from '../analysis/study/study-measures.js';
import { sentences } from './sentences.js';
import { barsSvg } from './svg/bars-svg.js';
import { networkSvg } from './svg/network-svg.js';
import { worldMapSvg } from './svg/world-map-svg.js';
import { toCsv, type Row } from '../text/tabular.js';

export interface ReportOptions {
  out: string;
  /** Fields to report; default: every field of the cube with at least minFieldPapers papers in the period. */
  fields?: string[];
  minFieldPapers?: number;
  /** A period of the cube: "2015-2019" or a single year; default: the cube's first configured period (analysis/cube/cube-periods.ts). */
  period?: string;
  focus: string;
  partners: string[];
  top: number;
  minPapers?: number;
  /** CSV cells as they are (--raw-csv); by default text that spreadsheets would run as a formula is made text. */
  rawCsv?: boolean;
}

/** The study's figures and tables, one folder per field, and one index.html over them all. */
export async function writeReport(
  connection: DuckDBConnection,
  options: ReportOptions,
): Promise<{ index: string; fields: string[]; period: string; defaulted: boolean }> {
  const config = await cubeConfig(connection);
  const p = await cubePeriod(connection, options.period);
  const period = p.period;
  const topics = ['all', ...config.topics.map((t) => t.name)];
  // By default every field: "all", the topics, and the categories with enough papers for a figure.
  const fields = options.fields ?? [
    ...topics,
    ...(
      await queryRows(
        connection,
        `SELECT field FROM cube_coverage WHERE basis = 'all' AND period = $period AND papers >= $min
           AND NOT list_contains($topics, field) ORDER BY papers DESC, field`,
        { period, min: options.minFieldPapers ?? 100, topics: listValue(topics) },
        { topics: LIST(VARCHAR) },
      )
    ).map((r) => r.field as string),
  ];
  await mkdir(options.out, { recursive: true });
  const sections: FieldSection[] = [];
  const folders = new Set<string>();
  for (const field of fields) {
    const cell: Cell = { field, from: p.year_from, to: p.year_to };
    // Names that make the same folder ("C++" and "C--") get distinct ones: -2, -3, ...
    const base = safeName(field);
    let folder = base;
    for (let k = 2; folders.has(folder.toLowerCase()); k++) folder = `${base}-${k}`;
    folders.add(folder.toLowerCase());
    const dir = join(options.out, folder);
    await mkdir(dir, { recursive: true });
    const net = placeNetwork(await countryNetwork(connection, { field, period }, { top: options.top, minPapers: options.minPapers }));
    const bars = await barRows(connection, config, cell, options.focus, options.partners, options.top);
    const facts = await Promise.all(options.partners.map((partner) => pairFacts(connection, config, cell, options.focus, partner)));
    const text = facts.flatMap(sentences);
    const countries = (
      await queryRows(
        connection,
        `SELECT country, papers, papers_fractional, articles, scp, mcp, mcp_ratio FROM cube_countries
         WHERE basis = 'all' AND field = $field AND period = $period ORDER BY papers DESC, country`,
        { field, period },
      )
    ).map((r) => ({ ...r, name: countryName(r.country as string) })) as FieldSection['countries'];
    const links = await queryRows(
      connection,
      `SELECT country_a AS a, country_b AS b, papers FROM cube_links WHERE basis = 'all' AND field = $field AND period = $period
       ORDER BY papers DESC, a, b`,
      { field, period },
    );
    const title = `${field}, ${period}`;
    const mapSvg = worldMapSvg(
      countries.map((c) => ({ code: c.country, name: c.name, papers: c.papers })),
      links as unknown as { a: string; b: string; papers: number }[],
      `Collaboration worldwide: ${title}`,
    );
    const netSvg = networkSvg(net, `Country co-authorship network: ${title}`);
    const barSvg = barsSvg(bars, `Papers by corresponding country: ${title}`, options.focus);
    const csv = (rows: Row[]) => toCsv(rows, undefined, { raw: options.rawCsv });
    const files: Record<string, string> = {
      'network.svg': netSvg,
      'bars.svg': barSvg,
      'worldmap.svg': mapSvg,
      'network_nodes.csv': csv(net.nodes.map((n, i) => ({ ...n, x: net.x[i], y: net.y[i], cluster: net.cluster[i]! + 1 }))),
      'network_links.csv': csv(
        net.edges.map((e) => ({ country_a: net.nodes[e.a]!.code, country_b: net.nodes[e.b]!.code, papers: e.papers })),
      ),
      'bars.csv': csv(bars),
      'worldmap_links.csv': csv(links), // the map draws the 30 strongest; countries.csv gives the shading
      'countries.csv': csv(countries),
      'sentences.txt': text.join('\n') + '\n',
      'sentences.csv': csv(facts),
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    sections.push({
      field,
      folder,
      period,
      networkSvg: netSvg,
      barsSvg: barSvg,
      worldMapSvg: mapSvg,
      sentences: text,
      countries: countries.slice(0, options.top),
      files: Object.keys(files),
    });
  }
  const index = join(options.out, 'index.html');
  await writeFile(index, htmlPage('Country co-authorship report', sections, new Date().toISOString().slice(0, 10)));
  return { index, fields, period, defaulted: p.defaulted };
}
