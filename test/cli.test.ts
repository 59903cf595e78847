import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir, WOS_PLAINTEXT } from './helpers.js';

const dir = tempDir();
const db = join(dir, 'cli.duckdb');
const coauth = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });

beforeAll(() => {
  const r = coauth('ingest', join(WOS_PLAINTEXT, 'massimoaria__bibliometrix__wos_sample.txt'), join(ROOT, 'samples'));
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('records: 2008 read, 2008 loaded, 0 duplicate, 0 rejected');
  expect(r.stderr).toContain('wos_savedrecs_2.txt.gz: 1000 read, 1000 loaded');
});

describe('coauth command line', () => {
  it('writes the matrix as CSV: symmetric, diagonal = papers per country, countries by papers', () => {
    const out = join(dir, 'matrix.csv');
    expect(coauth('matrix', '--out', out).status).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const codes = header!.slice(1);
    expect(rows.map((r) => r[0])).toEqual(codes);
    const m = rows.map((r) => r.slice(1).map(Number));
    for (let i = 0; i < codes.length; i++) {
      for (let j = 0; j < codes.length; j++) expect(m[i]![j]).toBe(m[j]![i]);
      if (i > 0) expect(m[i]![i]).toBeLessThanOrEqual(m[i - 1]![i - 1]!);
    }
    const papers = coauth('sql', "SELECT count(DISTINCT rec_id) AS n FROM record_countries WHERE country = 'US'", '--format', 'json');
    expect(m[codes.indexOf('US')]![codes.indexOf('US')]).toBe(JSON.parse(papers.stdout)[0].n);
  });

  it('limits the matrix to a year range', () => {
    const r = coauth('matrix', '--years', '2015-2019', '--out', join(dir, 'm.csv'));
    expect(r.status).toBe(0);
    const diag = readFileSync(join(dir, 'm.csv'), 'utf8').split('\n')[1]!.split(',');
    const n = JSON.parse(
      coauth(
        'sql',
        `SELECT count(*) AS n FROM record_countries JOIN records USING (rec_id) WHERE country = '${diag[0]}' AND year BETWEEN 2015 AND 2019`,
        '--format',
        'json',
      ).stdout,
    )[0].n;
    expect(Number(diag[1])).toBe(n);
  });

  it('prints the corresponding-country table with SCP + MCP = articles', () => {
    const r = coauth('countries', '--format', 'csv');
    expect(r.status).toBe(0);
    const [header, ...lines] = r.stdout.trim().split('\n');
    expect(header).toBe('country,name,papers,papers_fractional,articles,freq,scp,mcp,mcp_ratio');
    let articles = 0;
    for (const l of lines) {
      const [, , , , a, , scp, mcp] = l.split(',').map((x) => x);
      expect(Number(scp) + Number(mcp)).toBe(Number(a));
      articles += Number(a);
    }
    expect(r.stderr).toMatch(/^2008 papers; country unknown: 0; corresponding country unknown: (\d+)/);
    const unknown = Number(/corresponding country unknown: (\d+)/.exec(r.stderr)![1]);
    expect(articles + unknown).toBe(2008);
  });

  it('answers SQL read-only and refuses to change the database', () => {
    const ok = coauth('sql', 'SELECT source, count(*) AS n FROM records GROUP BY source', '--format', 'csv');
    expect(ok.stdout).toBe('source,n\nwos,2008\n');
    const bad = coauth('sql', 'DELETE FROM records');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/DELETE statements are refused: coauth sql only reads/);
    expect(bad.status).toBe(2);
  });

  it('warns about empty answers and exits 6 unless --allow-empty: a field without a paper, an unknown focal country, --break in order', () => {
    expect(
      coauth('analyze', '--field', 'nothing=zzzqqqxxx', '--field', 'deep learning=deep learning', '--periods', '2015-2019').status,
    ).toBe(0);
    const out = join(dir, 'report');
    const empty = coauth(
      'report',
      '--years',
      '2015-2019',
      '--field',
      'nothing',
      '--field',
      'deep learning',
      '--focus',
      'CN',
      '--partners',
      'US',
      '--out',
      out,
    );
    expect(empty.status, empty.stderr).toBe(6);
    expect(empty.stderr).toContain('warning: no paper in field "nothing" in 2015-2019');
    expect(empty.stderr).toContain('exit code 6 (--allow-empty to accept them)');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      '<p class="empty">No paper in field &quot;nothing&quot; in 2015-2019: nothing to draw.</p>',
    );
    expect(existsSync(join(out, 'deep-learning/trend.svg'))).toBe(true);
    const focus = coauth('report', '--years', '2015-2019', '--field', 'deep learning', '--focus', 'XX', '--out', out);
    expect(focus.status).toBe(6);
    expect(focus.stderr).toContain('warning: XX is not a country code coauth knows');
    const allowed = coauth('report', '--years', '2015-2019', '--field', 'nothing', '--allow-empty', '--out', out);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stderr).toContain('warning: no paper in field "nothing"');
    const wrongBreak = coauth('report', '--years', '2015-2019', '--break', '2015', '--out', out);
    expect(wrongBreak.status).toBe(2);
    expect(wrongBreak.stderr).toContain('--break 2015 does not split 2015-2019');
    const years = coauth('report', '--years', '2014-2015', '--out', out);
    expect(years.status).toBe(2);
    expect(years.stderr).toContain('period 2014-2015 is not in the cube');
  });

  it('names the problem when a path does not exist', () => {
    const r = coauth('ingest', join(dir, 'nope.txt'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nope.txt: no such file or folder');
  });
});

describe('coauth run <job.json>', () => {
  it('ingests what is new, brings the cube up to date and writes the report; a second run changes nothing', () => {
    const jobDir = tempDir();
    const job = join(jobDir, 'nightly.json');
    writeFileSync(
      job,
      JSON.stringify({
        inputs: [join(ROOT, 'samples')],
        cube: { topics: [{ name: 'deep learning', query: 'deep learning' }], periods: [{ from: 2015, to: 2019 }], categories: false },
        report: { years: '2015-2019', focus: 'CN', partners: ['US', 'AU'], out: join(jobDir, 'out') },
      }),
    );
    const db = join(jobDir, 'nightly.duckdb');
    const run = () => spawnSync(process.execPath, [CLI, '--db', db, 'run', job], { encoding: 'utf8' });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('ingest: 2 new file(s), 2000 records loaded');
    expect(first.stdout).toContain('analyze: full build');
    expect(existsSync(join(jobDir, 'out/index.html'))).toBe(true);
    const second = run();
    expect(second.stdout).toContain('ingest: 0 new file(s), 0 records loaded');
    expect(second.stdout).toContain('analyze: incremental, 0 field x year cells');
  });
});
