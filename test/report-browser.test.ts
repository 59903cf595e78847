import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { ingest } from '../src/ingest/ingest.js';
import { writeReport } from '../src/report/write-report.js';
import { openDatabase } from '../src/store/database.js';
import { ROOT, tempDir, WOS_PLAINTEXT } from './helpers.js';

/** Debian's Chromium; .ci/run installs it (apt-get install chromium). */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'out/screenshots');

let browser: Browser;
let page: Page;
const dir = tempDir();

/** Every field of a corpus reported (categories included, down to one paper), with the study's settings. */
async function reportEveryField(name: string, inputs: string, topics: { name: string; query: string }[]): Promise<string> {
  const db = await openDatabase(join(dir, `${name}.duckdb`));
  await ingest(db, [inputs], { workers: 2, keepLatest: false });
  await buildCube(db.connection, checkConfig({ topics, periods: [{ from: 2015, to: 2019 }], excludeDocTypes: ['Proceedings Paper'] }));
  const out = join(dir, name);
  await writeReport(db.connection, { out, periods: ['2015-2019'], focus: 'CN', partners: ['US', 'AU'], top: 20, minFieldPapers: 1 });
  db.close();
  return out;
}

let samples: string;
let real: string;

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  samples = await reportEveryField('samples', join(ROOT, 'samples'), [
    { name: 'deep learning', query: 'deep learning' },
    { name: 'quantum computing', query: '"quantum computing" OR "quantum computer"' },
  ]);
  real = await reportEveryField('real', WOS_PLAINTEXT, [{ name: 'ecology', query: 'ecolog*' }]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
});
afterAll(async () => browser?.close());

/**
 * The geometry of one figure as Chromium lays it out (getBBox of every text, the discs' and
 * segments' own attributes), checked in the page: what overlaps, what leaves the frame.
 */
async function problems(svgText: string): Promise<string[]> {
  await page.setContent(`<!doctype html><html><body style="margin:0">${svgText}</body></html>`);
  return page.evaluate(() => {
    const svg = document.querySelector('svg')!;
    const [W, H] = [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height];
    const out: string[] = [];
    type Box = { x0: number; y0: number; x1: number; y1: number; what: string };
    const box = (e: Element, what: string): Box => {
      const b = (e as SVGGraphicsElement).getBBox();
      return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height, what };
    };
    const overlap = (a: Box, b: Box, slack = 0.5) =>
      a.x0 + slack < b.x1 && b.x0 + slack < a.x1 && a.y0 + slack < b.y1 && b.y0 + slack < a.y1;
    const inside = (b: Box) => b.x0 >= -0.5 && b.y0 >= -0.5 && b.x1 <= W + 0.5 && b.y1 <= H + 0.5;
    for (const t of svg.querySelectorAll('text')) if (!inside(box(t, ''))) out.push(`text outside the frame: ${t.textContent}`);
    const num = (e: Element, a: string) => Number(e.getAttribute(a));
    if (svg.classList.contains('network')) {
      const discs = [...svg.querySelectorAll('circle.node')].map((c) => ({
        code: c.getAttribute('data-code')!,
        x: num(c, 'cx'),
        y: num(c, 'cy'),
        r: num(c, 'r'),
      }));
      const labels = [...svg.querySelectorAll('text.label')].map((t) => box(t, t.textContent!));
      for (const d of discs) if (d.x - d.r < 0 || d.y - d.r < 0 || d.x + d.r > W || d.y + d.r > H) out.push(`disc outside: ${d.code}`);
      for (let i = 0; i < discs.length; i++)
        for (let j = i + 1; j < discs.length; j++) {
          const [a, b] = [discs[i]!, discs[j]!];
          if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 0.5) out.push(`discs overlap: ${a.code} ${b.code}`);
        }
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++)
          if (overlap(labels[i]!, labels[j]!)) out.push(`labels overlap: ${labels[i]!.what} ${labels[j]!.what}`);
      for (const l of labels)
        for (const d of discs) {
          const [cx, cy] = [Math.min(Math.max(d.x, l.x0), l.x1), Math.min(Math.max(d.y, l.y0), l.y1)];
          if (Math.hypot(cx - d.x, cy - d.y) < d.r - 0.5) out.push(`label ${l.what} over disc ${d.code}`);
        }
      // Every country is labelled or named in the note.
      const note = svg.querySelector('text.note')?.textContent ?? '';
      const unlabelled = /Not labelled for lack of room: ([^.]*)\./.exec(note)?.[1]?.split(', ') ?? [];
      const named = new Set([...labels.map((l) => l.what), ...unlabelled]);
      for (const d of discs) if (!named.has(d.code)) out.push(`${d.code} neither labelled nor named`);
      // Countries without a drawn link sit apart, under every linked one.
      const linked = new Set([...svg.querySelectorAll('line.edge')].flatMap((l) => [l.getAttribute('data-a'), l.getAttribute('data-b')]));
      const lowest = Math.max(...discs.filter((d) => linked.has(d.code)).map((d) => d.y));
      for (const d of discs)
        if (linked.size > 0 && !linked.has(d.code) && d.y <= lowest) out.push(`${d.code} has no link but sits among the linked`);
      if (discs.length > 1) {
        const xs = discs.map((d) => d.x);
        if (Math.max(...xs) - Math.min(...xs) < 100) out.push('collapsed: the discs span less than 100 px');
      }
    }
    if (svg.classList.contains('worldmap')) {
      const sphere = svg.querySelector('path.sphere') as SVGGeometryElement;
      for (const arc of svg.querySelectorAll('path.arc')) {
        const p = arc as SVGGeometryElement;
        const length = p.getTotalLength();
        for (let k = 0; k <= 40; k++) {
          const pt = p.getPointAtLength((length * k) / 40);
          if (!sphere.isPointInFill(new DOMPoint(pt.x, pt.y))) {
            out.push(
              `arc ${arc.getAttribute('data-a')}-${arc.getAttribute('data-b')} leaves the map at ${pt.x.toFixed(0)},${pt.y.toFixed(0)}`,
            );
            break;
          }
        }
      }
      if (svg.querySelectorAll('g.legend text.tick').length === 0) out.push('no legend scale');
    }
    if (svg.classList.contains('bars')) {
      // Each value printed on a segment fits inside it.
      const rects = [...svg.querySelectorAll('rect.bar')].map((r) => box(r, ''));
      for (const t of svg.querySelectorAll('text.value')) {
        const b = box(t, t.textContent!);
        if (!rects.some((r) => b.x0 >= r.x0 - 0.5 && b.x1 <= r.x1 + 0.5 && b.y0 >= r.y0 - 4 && b.y1 <= r.y1 + 4))
          out.push(`value ${t.textContent} off its segment`);
      }
      const keys = [...svg.querySelectorAll('rect.key')].map((k) => box(k.nextElementSibling!, k.nextElementSibling!.textContent!));
      for (let i = 0; i < keys.length; i++)
        for (let j = i + 1; j < keys.length; j++) if (overlap(keys[i]!, keys[j]!)) out.push(`legend overlap: ${keys[i]!.what}`);
    }
    return out;
  });
}

const figures = (out: string) =>
  readdirSync(out, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => ['network.svg', 'bars.svg', 'worldmap.svg', 'trend.svg'].map((f) => join(out, e.name, f)).filter(existsSync));

describe('the report in a browser', () => {
  it('draws every figure of every field of the samples and the real exports with nothing overlapping and nothing outside its frame', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const out of [samples, real]) {
      for (const f of figures(out)) {
        found.push(...(await problems(readFileSync(f, 'utf8'))).map((p) => `${f.slice(out.length + 1)}: ${p}`));
        checked++;
      }
    }
    expect(found).toEqual([]);
    // The samples' and the real exports' fields, each with its four figures (a field whose focal country has no international paper has no trend).
    expect(checked).toBeGreaterThan(600);
  });

  it('keeps the study links inside the map: the US-China arc is one curve within the outline', () => {
    const map = readFileSync(join(real, 'all/worldmap.svg'), 'utf8');
    const arc = /<path class="arc" data-a="CN" data-b="US" data-papers="(\d+)" d="(M[^"]+)"/.exec(map)!;
    expect(Number(arc[1])).toBe(126);
    expect(arc[2]!.match(/M/g)).toHaveLength(1);
    // Every country with papers is shaded or listed as too small for the map.
    const note = [...map.matchAll(/<text class="missing"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    const rows = readFileSync(join(real, 'all/countries.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    for (const r of rows) {
      const [code, papers] = [r[0]!, Number(r[1])];
      const name = r.at(-1)!.replace(/^"|"$/g, '');
      if (papers > 0 && !map.includes(`data-code="${code}"`)) expect(note, code).toContain(`${name} (${papers})`);
    }
  });

  it('opens index.html from disk with its content security policy, no console error, no request, and a picker that works', async () => {
    const errors: string[] = [];
    const onConsole = (m: { type(): string; text(): string }) => m.type() === 'error' && errors.push(m.text());
    const onError = (e: Error) => errors.push(e.message);
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => requests.push(r.url());
    page.on('console', onConsole);
    page.on('pageerror', onError);
    page.on('request', onRequest);
    await page.goto(pathToFileURL(join(samples, 'index.html')).href);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    const visible = () =>
      page.evaluate(() => [...document.querySelectorAll('section.field')].filter((s) => !(s as HTMLElement).hidden).length);
    const sections = await page.evaluate(() => document.querySelectorAll('section.field').length);
    expect(sections).toBeGreaterThan(10);
    expect(await page.isVisible('#picker')).toBe(true);
    expect(await visible()).toBe(sections);
    await page.selectOption('#pick-field', 'quantum computing');
    expect(await visible()).toBe(1);
    expect(await page.isVisible('section[data-field="quantum computing"] svg.trend')).toBe(true);
    // A script that is not the page's own does not run: the policy refuses it.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'document.title = "injected"';
      document.body.append(s);
    });
    expect(await page.title()).toBe('Country co-authorship report');
    expect(errors.some((e) => /Content Security Policy/.test(e))).toBe(true);
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('request', onRequest);
  });

  it('screenshots every figure kind of the samples and the real exports', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const [name, out] of [
      ['samples', samples],
      ['real', real],
    ] as const) {
      for (const kind of ['network', 'bars', 'worldmap', 'trend']) {
        await page.setContent(
          `<!doctype html><html><body style="margin:0">${readFileSync(join(out, 'all', `${kind}.svg`), 'utf8')}</body></html>`,
        );
        const png = await page
          .locator('svg')
          .first()
          .screenshot({ path: join(SHOTS, `${name}-${kind}.png`) });
        expect(png.length, `${name} ${kind}`).toBeGreaterThan(15_000);
      }
    }
  });
});
