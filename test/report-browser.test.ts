import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { ingest } from '../src/ingest/ingest.js';
import { writeReport } from '../src/report/write-report.js';
import { openDatabase } from '../src/store/database.js';
import { ROOT, tempDir } from './helpers.js';

/** Debian's Chromium; .ci/run installs it (apt-get install chromium). */
const CHROMIUM = '/usr/bin/chromium';

describe('the report in a browser', () => {
  it('opens out/index.html from disk in headless Chromium with no console error, every figure drawn', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'browser.duckdb'));
    await ingest(db, [join(ROOT, 'samples')], { workers: 2 });
    await buildCube(
      db.connection,
      checkConfig({
        topics: [{ name: 'quantum computing', query: '"quantum computing" OR "quantum computer"' }],
        categories: false,
        periods: [{ from: 2015, to: 2019 }],
      }),
    );
    const { index } = await writeReport(db.connection, {
      out: join(dir, 'out'),
      period: '2015-2019',
      focus: 'CN',
      partners: ['US', 'AU'],
      top: 15,
    });
    db.close();

    const browser = await chromium.launch({
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
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(index).href);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      const counts = await page.evaluate(() => ({
        sections: document.querySelectorAll('section.field').length,
        networks: document.querySelectorAll('svg.network').length,
        nodes: [...document.querySelectorAll('svg.network')].map((s) => s.querySelectorAll('circle.node').length),
        labels: [...document.querySelectorAll('svg.network')].map((s) => s.querySelectorAll('text.label').length),
        bars: [...document.querySelectorAll('svg.bars')].map((s) => s.querySelectorAll('text.bar-label').length),
        maps: document.querySelectorAll('svg.worldmap').length,
        shaded: document.querySelectorAll('svg.worldmap path.country.with-papers').length,
        rendered: [...document.querySelectorAll('svg.network circle.node')].every((c) => (c as SVGGraphicsElement).getBBox().width > 0),
      }));
      expect(counts.sections).toBe(2);
      expect(counts.networks).toBe(2);
      expect(counts.nodes[0]).toBe(15);
      expect(counts.labels[0]).toBe(15);
      expect(counts.bars[0]).toBe(15);
      expect(counts.rendered).toBe(true);
      expect(counts.maps).toBe(2);
      expect(counts.shaded).toBeGreaterThan(20);
      mkdirSync(join(ROOT, 'out'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'out/report-screenshot.png'), fullPage: true });
      expect(existsSync(join(ROOT, 'out/report-screenshot.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
