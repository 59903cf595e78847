import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { countryName } from '../countries/lookup.js';
import { UsageError } from '../contracts/usage-error.js';
import { queryRows } from '../store/database.js';
import { cubeConfig, cubePeriod, type CubePeriod } from '../analysis/cube/cube-periods.js';
import { barRows, type Cell } from '../analysis/study/study-measures.js';
import { breakRows, pairYears, periodFacts, trendRows } from '../analysis/study/trend.js';
import { countryNetwork } from '../network/network-data.js';
import { placeNetwork } from '../network/network-layout.js';
import { toCsv, type Row } from '../text/tabular.js';
import { emptyInCell, unknownCountries, unknownFields } from './empty-answers.js';
import { htmlPage, type FieldSection, type FullSection } from './html-page.js';
import { safeName } from './safe-name.js';
import { sentences } from './sentences.js';
import { barsSvg } from './svg/bars-svg.js';
import { networkSvg } from './svg/network-svg.js';
import { trendSvg } from './svg/trend-svg.js';
import { worldMapSvg } from './svg/world-map-svg.js';

export interface ReportOptions {
  out: string;
  /** Fields to report; default: every field of the cube with at least minFieldPapers papers in a period. */
  fields?: string[];
  minFieldPapers?: number;
  /** Periods of the cube: "2015-2019" or a single year; default: the cube's first configured period (analysis/cube/cube-periods.ts). */
  periods?: string[];
  focus: string;
  partners: string[];
  top: number;
  minPapers?: number;
  /** Bars of fewer papers are drawn hatched (default 30). */
  minBarPapers?: number;
  /** Compares the years before this one with it and the years after (break.csv, and sentences). */
  breakYear?: number;
  /** CSV cells as they are (--raw-csv); by default text that spreadsheets would run as a formula is made text. */
  rawCsv?: boolean;
}

export interface ReportResult {
  index: string;
  fields: string[];
  periods: string[];
  /** No period asked: the cube's default was taken. */
  defaulted: boolean;
  /** What the report could not answer: unknown codes or fields, fields or countries without a paper. */
  empty: string[];
}

/** The study's figures and tables, one folder per field (and period, when there are several), and one index.html over them all. */
export async function writeReport(connection: DuckDBConnection, options: ReportOptions): Promise<ReportResult> {
  const config = await cubeConfig(connection);
  const asked = options.periods?.length ? options.periods : [undefined];
  const periods: (CubePeriod & { defaulted: boolean })[] = [];
  for (const p of asked) periods.push(await cubePeriod(connection, p));
  if (options.breakYear !== undefined) {
    for (const p of periods.filter((p) => !(options.breakYear! > p.year_from && options.breakYear! <= p.year_to)))
      throw new UsageError(
        `--break ${options.breakYear} does not split ${p.period}: it must be a year after ${p.year_from} and at most ${p.year_to}`,
      );
  }
  const topics = ['all', ...config.topics.map((t) => t.name)];
  // By default every field: "all", the topics, and the categories with enough papers for a figure.
  const fields = options.fields ?? [
    ...topics,
    ...(
      await queryRows(
        connection,
        `SELECT field FROM cube_coverage WHERE basis = 'all' AND list_contains($periods, period) AND NOT list_contains($topics, field)
         GROUP BY field HAVING max(papers) >= $min ORDER BY max(papers) DESC, field`,
        { periods: listValue(periods.map((p) => p.period)), min: options.minFieldPapers ?? 100, topics: listValue(topics) },
        { periods: LIST(VARCHAR), topics: LIST(VARCHAR) },
      )
    ).map((r) => r.field as string),
  ];
  const empty = unknownCountries(options.focus, options.partners);
  const missingFields = await unknownFields(connection, fields);
  empty.push(...missingFields.values());
  await mkdir(options.out, { recursive: true });
  const sections: FieldSection[] = [];
  const folders = new Set<string>();
  for (const p of periods) {
    for (const field of fields) {
      // Names that make the same folder ("C++" and "C--") get distinct ones: -2, -3, ...
      const base = periods.length > 1 ? `${safeName(field)}/${p.period}` : safeName(field);
      let folder = base;
      for (let k = 2; folders.has(folder.toLowerCase()); k++) folder = `${base}-${k}`;
      folders.add(folder.toLowerCase());
      const head = { field, period: p.period, folder };
      const missing = missingFields.get(field);
      if (missing) {
        sections.push({ ...head, empty: missing });
        continue;
      }
      const check = await emptyInCell(connection, { field, period: p.period }, options.focus, options.partners);
      if (check.fieldEmpty) {
        empty.push(...check.messages);
        sections.push({ ...head, empty: check.messages[0]! });
        continue;
      }
      empty.push(...check.messages);
      sections.push(
        await fieldReport(connection, config, { ...head, cell: { field, from: p.year_from, to: p.year_to } }, options, check.messages),
      );
    }
  }
  const index = join(options.out, 'index.html');
  await writeFile(index, htmlPage('Country co-authorship report', sections, new Date().toISOString().slice(0, 10)));
  return { index, fields, periods: periods.map((p) => p.period), defaulted: periods.some((p) => p.defaulted), empty };
}

/** One field and period: its figures and tables in its folder, and its section of the page. */
async function fieldReport(
  connection: DuckDBConnection,
  config: Awaited<ReturnType<typeof cubeConfig>>,
  s: { field: string; period: string; folder: string; cell: Cell },
  options: ReportOptions,
  notes: string[],
): Promise<FullSection> {
  const { field, period, cell } = s;
  const dir = join(options.out, s.folder);
  await mkdir(dir, { recursive: true });
  const net = placeNetwork(await countryNetwork(connection, { field, period }, { top: options.top, minPapers: options.minPapers }));
  const bars = await barRows(connection, config, cell, options.focus, options.partners, options.top);
  const years = await pairYears(connection, cell, options.focus, options.partners);
  const facts = periodFacts(years);
  const trend = trendRows(years);
  const comparison =
    options.breakYear === undefined
      ? undefined
      : { rows: breakRows(years, options.breakYear, cell.from, cell.to), breakYear: options.breakYear };
  const words = sentences(facts, period, comparison);
  const countries = (
    await queryRows(
      connection,
      `SELECT country, papers, papers_fractional, articles, scp, mcp, mcp_ratio, international FROM cube_countries
       WHERE basis = 'all' AND field = $field AND period = $period ORDER BY papers DESC, country`,
      { field, period },
    )
  ).map((r) => ({ ...r, name: countryName(r.country as string) })) as FullSection['countries'] & Row[];
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
  const minBarPapers = options.minBarPapers ?? 30;
  const barSvg = barsSvg(bars, {
    title: `Papers by corresponding country: ${title}`,
    focus: options.focus,
    partners: options.partners,
    minPapers: minBarPapers,
  });
  const drawable = trend.some(
    (r) => r.share !== null && (r.measure === 'of_focus_international' || r.measure === 'of_partner_international'),
  );
  const trendFigure = drawable ? trendSvg(trend, `Collaboration year by year: ${title}`, options.focus, options.partners) : undefined;
  const csv = (rows: readonly object[]) => toCsv(rows as Row[], undefined, { raw: options.rawCsv });
  const files: Record<string, string> = {
    'network.svg': netSvg,
    'bars.svg': barSvg,
    'worldmap.svg': mapSvg,
    ...(trendFigure ? { 'trend.svg': trendFigure } : {}),
    'network_nodes.csv': csv(
      net.nodes.map((n, i) => ({ ...n, x: net.x[i], y: net.y[i], cluster: net.cluster[i]! + 1, linked: !net.isolated[i] })),
    ),
    'network_links.csv': csv(
      net.edges.map((e) => ({ country_a: net.nodes[e.a]!.code, country_b: net.nodes[e.b]!.code, papers: e.papers })),
    ),
    'bars.csv': csv(bars),
    'worldmap_links.csv': csv(links), // the map draws the 30 strongest; countries.csv gives the shading
    'countries.csv': csv(countries),
    'trend.csv': csv(trend),
    ...(comparison ? { 'break.csv': csv(comparison.rows) } : {}),
    'sentences.txt': words.text.join('\n') + '\n',
    'sentences.csv': csv(words.rows),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return {
    field,
    period,
    folder: s.folder,
    notes,
    networkSvg: netSvg,
    barsSvg: barSvg,
    bars,
    minBarPapers,
    worldMapSvg: mapSvg,
    trendSvg: trendFigure,
    trend,
    comparison: comparison?.rows,
    sentences: words.text,
    countries: countries.slice(0, options.top),
    files: Object.keys(files),
  };
}
