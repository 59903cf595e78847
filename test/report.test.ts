import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { writeNetworkExports } from '../src/export/write-exports.js';
import { ingest } from '../src/ingest/ingest.js';
import { cubeConfig } from '../src/analysis/cube/cube-periods.js';
import { scenarioRows } from '../src/analysis/study/scenario.js';
import { writeReport } from '../src/report/write-report.js';
import { differenceInterval, twoProportionTest, wilson } from '../src/analysis/study/proportions.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { corpusFiles, handCount, tempDir, WOS_PLAINTEXT } from './helpers.js';

// Independent readers: graphology's GEXF and GraphML parsers, on an XML DOM.
const require = createRequire(import.meta.url);
const { DOMParser } = require('@xmldom/xmldom');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

let db: Database;
const dir = tempDir();
const STUDY = { periods: ['2015-2019'], focus: 'CN', partners: ['US', 'AU'], top: 20 };

beforeAll(async () => {
  db = await openDatabase(join(dir, 'report.duckdb'));
  await ingest(db, [WOS_PLAINTEXT], { workers: 2, keepLatest: false }); // overlapping exports merged, first kept
  await buildCube(
    db.connection,
    checkConfig({
      topics: [{ name: 'ecology', query: 'ecolog*' }],
      categories: false,
      periods: [{ from: 2015, to: 2019 }],
      excludeDocTypes: ['Proceedings Paper'],
    }),
  );
});
afterAll(() => db.close());

describe('coauth report on the real WoS exports, with the study settings', () => {
  it("writes the study's sentences from numbers a hand count confirms", async () => {
    await writeReport(db.connection, { out: join(dir, 'r1'), ...STUDY });
    const text = readFileSync(join(dir, 'r1/all/sentences.txt'), 'utf8');
    const seen = new Set<string>();
    const papers = corpusFiles(WOS_PLAINTEXT)
      .flatMap(handCount)
      .filter((p) => !seen.has(p.ut) && seen.add(p.ut))
      .filter((p) => p.year !== null && p.year >= 2015 && p.year <= 2019 && !/Proceedings Paper/.test(p.docTypes));
    const both = papers.filter((p) => p.countries.has('CN') && p.countries.has('US')).length;
    const cn = papers.filter((p) => p.countries.has('CN')).length;
    const us = papers.filter((p) => p.countries.has('US')).length;
    const cnIntl = papers.filter((p) => p.countries.has('CN') && p.countries.size >= 2).length;
    expect([both, cn, us, cnIntl]).toEqual([126, 1254, 2102, 300]);
    expect(text).toContain(
      "In 2015-2019, China (CN) and the United States (US) co-authored 126 papers: 10.0% of China's 1,254 papers and 6.0% of the United States' 2,102 papers.",
    );
    expect(text).toContain("42.0% of China's 300 international papers include the United States.");
    // Each number of a sentence is a row of sentences.csv.
    const rows = readFileSync(join(dir, 'r1/all/sentences.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('sentence,fact,focus,partner,basis,years,papers,of,share,text');
    expect(rows).toContain(
      "2,of_focus_international,CN,US,all,2015-2019,126,300,0.42,42.0% of China's 300 international papers include the United States.",
    );
  });

  it('counts the study pair year by year as a hand count does, with Wilson intervals, and compares two periods around a break year', async () => {
    await writeReport(db.connection, { out: join(dir, 'trend'), ...STUDY, breakYear: 2018 });
    const seen = new Set<string>();
    const papers = corpusFiles(WOS_PLAINTEXT)
      .flatMap(handCount)
      .filter((p) => !seen.has(p.ut) && seen.add(p.ut))
      .filter((p) => !/Proceedings Paper/.test(p.docTypes));
    const csv = readFileSync(join(dir, 'trend/all/trend.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('basis,year,focus,partner,measure,papers,of,share,ci_low,ci_high');
    const rows = csv.slice(1).map((l) => l.split(','));
    const checked: string[] = [];
    for (const year of [2015, 2016, 2017, 2018, 2019]) {
      for (const partner of ['US', 'AU']) {
        const hand = partner === 'AU' ? 'AUSTRALIA' : partner; // handCount keeps other countries as written
        const inYear = papers.filter((p) => p.year === year);
        const both = inYear.filter((p) => p.countries.has('CN') && p.countries.has(hand)).length;
        const expected: Record<string, number> = {
          of_focus_papers: inYear.filter((p) => p.countries.has('CN')).length,
          of_partner_papers: inYear.filter((p) => p.countries.has(hand)).length,
          of_focus_international: inYear.filter((p) => p.countries.has('CN') && p.countries.size >= 2).length,
          of_partner_international: inYear.filter((p) => p.countries.has(hand) && p.countries.size >= 2).length,
        };
        for (const [measure, of] of Object.entries(expected)) {
          const row = rows.find((r) => r[0] === 'all' && r[1] === String(year) && r[3] === partner && r[4] === measure)!;
          expect([Number(row[5]), Number(row[6])], `${year} ${partner} ${measure}`).toEqual([both, of]);
          const ci = wilson(both, of)!;
          expect(Number(row[7])).toBeCloseTo(both / of, 9);
          expect(Number(row[8])).toBeCloseTo(ci.lo, 11);
          expect(Number(row[9])).toBeCloseTo(ci.hi, 11);
          checked.push(`${year}${partner}${measure}`);
        }
      }
    }
    expect(checked).toHaveLength(40);
    // The US-China pair in 2015-2019 adds up to the period's sentence: 126 papers.
    expect(rows.filter((r) => r[0] === 'all' && r[3] === 'US' && r[4] === 'of_focus_papers').reduce((s, r) => s + Number(r[5]), 0)).toBe(
      126,
    );

    const cmp = readFileSync(join(dir, 'trend/all/break.csv'), 'utf8').trim().split('\n');
    const header = cmp[0]!.split(',');
    const get = (r: string[], k: string) => r[header.indexOf(k)]!;
    const us = cmp
      .slice(1)
      .map((l) => l.split(','))
      .find((r) => get(r, 'basis') === 'all' && get(r, 'partner') === 'US' && get(r, 'measure') === 'of_focus_international')!;
    const before = papers.filter((p) => p.year! >= 2015 && p.year! <= 2017 && p.countries.has('CN') && p.countries.size >= 2);
    const after = papers.filter((p) => p.year! >= 2018 && p.year! <= 2019 && p.countries.has('CN') && p.countries.size >= 2);
    const [x1, n1] = [before.filter((p) => p.countries.has('US')).length, before.length];
    const [x2, n2] = [after.filter((p) => p.countries.has('US')).length, after.length];
    expect([get(us, 'before'), get(us, 'after')]).toEqual(['2015-2017', '2018-2019']);
    expect([get(us, 'before_papers'), get(us, 'before_of'), get(us, 'after_papers'), get(us, 'after_of')].map(Number)).toEqual([
      x1,
      n1,
      x2,
      n2,
    ]);
    const t = twoProportionTest(x2, n2, x1, n1)!;
    expect(Number(get(us, 'z'))).toBeCloseTo(t.z, 9);
    expect(Number(get(us, 'p_value'))).toBeCloseTo(t.p, 9);
    const d = differenceInterval(x2, n2, x1, n1)!;
    expect([Number(get(us, 'difference_low')), Number(get(us, 'difference_high'))].map((v) => v.toFixed(9))).toEqual(
      [d.lo, d.hi].map((v) => v.toFixed(9)),
    );
    const text = readFileSync(join(dir, 'trend/all/sentences.txt'), 'utf8');
    expect(text).toContain(
      `Share of China's international papers that include the United States: ${((100 * x1) / n1).toFixed(1)}% in 2015-2017`,
    );
  });

  it('says what is empty: an unknown field, a focal country without a paper, a code that names no country', async () => {
    const r = await writeReport(db.connection, {
      out: join(dir, 'empty'),
      ...STUDY,
      focus: 'XX',
      fields: ['all', 'no such field', 'ecolgy'],
    });
    expect(r.empty).toEqual([
      'XX is not a country code coauth knows (ISO 3166-1 alpha-2, such as CN or US)',
      expect.stringMatching(/^field "no such field" is not in the cube; nearest: /),
      expect.stringMatching(/^field "ecolgy" is not in the cube; nearest: "ecology"/),
    ]);
    const html = readFileSync(join(dir, 'empty/index.html'), 'utf8');
    expect(html).toContain('Field &quot;no such field&quot; is not in the cube');
    const vatican = await writeReport(db.connection, { out: join(dir, 'empty2'), ...STUDY, partners: ['VA'], fields: ['all'] });
    expect(vatican.empty).toEqual(['Vatican City (VA) has no paper in field "all" in 2015-2019']);
  });

  it('draws the tables behind the figures from the cube: node papers, edge weights and bar totals', async () => {
    const nodes = readFileSync(join(dir, 'r1/all/network_nodes.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(nodes).toHaveLength(20);
    const cube = await queryRows(
      db.connection,
      `SELECT country, papers, articles, scp FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = '2015-2019'`,
    );
    const byCode = new Map(cube.map((r) => [r.country, r]));
    for (const [code, , papers] of nodes) expect(Number(papers), code).toBe(byCode.get(code)!.papers);
    const bars = readFileSync(join(dir, 'r1/all/bars.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const [code, , articles, domestic, withFocus, other] of bars) {
      expect(Number(articles), code).toBe(byCode.get(code)!.articles);
      expect(Number(domestic), code).toBe(byCode.get(code)!.scp);
      expect(Number(domestic) + Number(withFocus) + Number(other)).toBe(Number(articles));
    }
    const svg = readFileSync(join(dir, 'r1/all/network.svg'), 'utf8');
    expect(svg.match(/class="node"/g)).toHaveLength(20);
    expect(svg.match(/class="label"/g)).toHaveLength(20);
    expect(readFileSync(join(dir, 'r1/all/bars.svg'), 'utf8').match(/class="bar-label"/g)).toHaveLength(20);
    const map = readFileSync(join(dir, 'r1/all/worldmap.svg'), 'utf8');
    const shaded = [...map.matchAll(/data-code="([A-Z]{2})" data-papers="(\d+)"/g)];
    expect(shaded.length).toBeGreaterThan(80);
    for (const [, code, papers] of shaded) expect(Number(papers), code).toBe(byCode.get(code)!.papers);
    expect(map.match(/class="arc"/g)).toHaveLength(30);
    const html = readFileSync(join(dir, 'r1/index.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(8); // two fields, four figures each
    // One script, the page's own picker, allowed by its hash and nothing else; no address on the network.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/,
    );
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('places the network labels where they overlap no other label', () => {
    const svg = readFileSync(join(dir, 'r1/all/network.svg'), 'utf8');
    const boxes = [...svg.matchAll(/<text class="label" x="([\d.-]+)" y="([\d.-]+)" font-size="([\d.]+)"[^>]*>([^<]+)<\/text>/g)].map(
      ([, x, y, size, label]) => ({
        x0: Number(x),
        y0: Number(y) - Number(size),
        x1: Number(x) + label!.length * Number(size) * 0.6,
        y1: Number(y) + 2,
        label,
      }),
    );
    expect(boxes).toHaveLength(20);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${a.label} and ${b.label}`).toBe(false);
      }
    }
  });

  it('gives byte-identical SVGs for the same input', async () => {
    await writeReport(db.connection, { out: join(dir, 'r2'), ...STUDY });
    for (const f of ['all/network.svg', 'all/bars.svg', 'all/worldmap.svg', 'ecology/network.svg', 'ecology/bars.svg']) {
      expect(readFileSync(join(dir, 'r2', f), 'utf8'), f).toBe(readFileSync(join(dir, 'r1', f), 'utf8'));
    }
  });

  it('writes network files that their tools read back with the same nodes, edges and weights', async () => {
    const out = join(dir, 'export');
    await writeNetworkExports(db.connection, { field: 'all', period: '2015-2019' }, { out, top: 1000 });
    const [counts] = await queryRows(
      db.connection,
      `SELECT (SELECT count(*) FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = '2015-2019' AND papers > 0) AS nodes,
              (SELECT count(*) FROM cube_links WHERE basis = 'all' AND field = 'all' AND period = '2015-2019') AS edges,
              (SELECT sum(papers) FROM cube_links WHERE basis = 'all' AND field = 'all' AND period = '2015-2019') AS weight`,
    );
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    for (const [name, parser] of [
      ['network.gexf', gexf],
      ['network.graphml', graphml],
    ] as const) {
      const g = parser.parse(Graph, read(name), { DOMParser });
      expect([g.order, g.size], name).toEqual([counts!.nodes, counts!.edges]);
      let w = 0;
      g.forEachEdge((_e: string, attrs: { weight: number }) => (w += Number(attrs.weight)));
      expect(w, name).toBe(counts!.weight);
    }
    const pajek = read('network.net').split('\r\n');
    expect(pajek[0]).toBe(`*Vertices ${counts!.nodes}`);
    const edgeLines = pajek.slice(pajek.indexOf('*Edges') + 1).filter(Boolean);
    expect(edgeLines.length).toBe(counts!.edges);
    expect(edgeLines.reduce((s, l) => s + Number(l.split(' ')[2]), 0)).toBe(counts!.weight);
    const map = read('vosviewer_map.txt').trim().split('\n');
    const net = read('vosviewer_network.txt').trim().split('\n');
    expect([map.length - 1, net.length]).toEqual([counts!.nodes, counts!.edges]);
    const json = JSON.parse(read('vosviewer.json'));
    expect([json.network.items.length, json.network.links.length]).toEqual([counts!.nodes, counts!.edges]);
    const us = map.find((l) => l.split('\t')[1] === 'US')!.split('\t');
    expect(Number(us[8])).toBe(2102);
  });

  it('counts the papers a decoupling would touch: for the U.S., its papers with China', async () => {
    const config = await cubeConfig(db.connection);
    const rows = await scenarioRows(db.connection, config, { field: 'all', from: 2015, to: 2019 }, { a: ['US', 'AU'], b: ['CN'] }, 50);
    const us = rows.find((r) => r.country === 'US')!;
    expect([us.papers, us.affected]).toEqual([2102, 126]);
    const cn = rows.find((r) => r.country === 'CN')!;
    const [withEither] = await queryRows(
      db.connection,
      `SELECT count(*) AS n FROM (SELECT rec_id FROM record_countries JOIN records USING (rec_id)
        WHERE year BETWEEN 2015 AND 2019 AND NOT list_contains(list_transform(coalesce(doc_types, []), x -> lower(x)), 'proceedings paper')
        GROUP BY rec_id HAVING bool_or(country = 'CN') AND bool_or(country IN ('US', 'AU')))`,
    );
    expect(cn.affected).toBe(withEither!.n);
  });

  it('names the periods there are when asked for one the cube does not have', async () => {
    await expect(writeReport(db.connection, { out: join(dir, 'r3'), ...STUDY, periods: ['2001-2003'] })).rejects.toThrow(
      /period 2001-2003 is not in the cube; nearest: .*To add it: coauth analyze --periods 2001-2003/,
    );
  });
});
