import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from './helpers.js';

/** Every wrong order or empty request explained, in one line that says what to run. */
const dir = tempDir();
const db = join(dir, 'm.duckdb');
const coauth = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8', cwd: dir });

describe('commands run in the wrong order', () => {
  it('a reading command before any ingest says to ingest', () => {
    for (const cmd of [['countries'], ['matrix'], ['sql', 'SELECT 1'], ['report'], ['files']]) {
      const r = coauth(...cmd);
      expect(r.status, cmd.join(' ')).toBe(1);
      expect(r.stderr, cmd.join(' ')).toBe(
        `coauth: ${db}: no database here yet: run coauth ingest <files or folders> first, or name another with --db\n`,
      );
    }
  });

  it('report, export and scenario before analyze say to analyze; so does export-table of a cube view', () => {
    expect(coauth('ingest', join(ROOT, 'samples')).status).toBe(0);
    for (const cmd of [
      ['report', '--years', '2015-2019'],
      ['export', '--years', '2015-2019'],
      ['scenario', '--cut', 'US:CN', '--years', '2015-2019'],
    ]) {
      const r = coauth(...cmd);
      expect(r.status, cmd.join(' ')).toBe(1);
      expect(r.stderr, cmd.join(' ')).toContain('no cube yet: run `coauth analyze` first');
    }
    expect(coauth('export-table', 'cube_links', '--out', join(dir, 'l.csv')).stderr).toContain('run coauth analyze first');
  });
});

describe('periods', () => {
  beforeAll(() => {
    if (!existsSync(db)) expect(coauth('ingest', join(ROOT, 'samples')).status).toBe(0);
    expect(coauth('analyze', '--periods', '2015-2019', '--window', '5').status).toBe(0);
  });

  it('a year range outside the cube lists the periods nearest to it and how to add it', () => {
    const r = coauth('report', '--years', '2010-2012', '--out', join(dir, 'out'));
    expect(r.status).toBe(2); // a usage error: nothing was done
    const nearest = /nearest: ([^(]+) \(/.exec(r.stderr)![1]!.split(', ');
    expect(nearest).toHaveLength(6);
    // Each listed period is at least as near to 2010-2012 as any period not listed.
    const dist = (p: string) => {
      const [a, b = a] = p.split('-').map(Number);
      return Math.abs(a! - 2010) + Math.abs(b! - 2012);
    };
    expect(Math.max(...nearest.map(dist))).toBeLessThanOrEqual(4);
    expect(r.stderr).toContain('To add it: coauth analyze --periods 2010-2012');
  });

  it("report without --years reports the cube's first configured period and says so", () => {
    const r = coauth('report', '--out', join(dir, 'default'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("no --years given: reporting 2015-2019, the cube's default period");
    expect(r.stdout).toContain(', 2015-2019: open');
    expect(readFileSync(join(dir, 'default/index.html'), 'utf8')).toContain('2015-2019');
  });
});

describe('output names', () => {
  it('gives fields whose names make the same folder distinct folders, all inside --out', () => {
    const d = tempDir();
    const db2 = join(d, 'names.duckdb');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db2, ...args], { encoding: 'utf8', cwd: d });
    expect(run('ingest', join(ROOT, 'samples')).status).toBe(0);
    expect(
      run(
        'analyze',
        '--periods',
        '2015-2019',
        '--no-categories',
        '--field',
        'deep learning=deep learning',
        '--field',
        'Deep Learning!=deep learning*',
        '--field',
        '../../escape=network*',
      ).status,
    ).toBe(0);
    const r = run(
      'report',
      '--years',
      '2015-2019',
      '--field',
      'deep learning',
      '--field',
      'Deep Learning!',
      '--field',
      '../../escape',
      '--out',
      join(d, 'out'),
    );
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(d, 'out/index.html'), 'utf8');
    for (const folder of ['deep-learning', 'deep-learning-2', 'escape']) {
      expect(existsSync(join(d, 'out', folder, 'bars.csv')), folder).toBe(true);
      expect(html).toContain(`${folder}/`);
    }
    expect(existsSync(join(d, '..', 'escape'))).toBe(false);
  });
});

describe('bytes that give no record', () => {
  it('a file forced with the wrong --format is failed with a reject that says so, exit code 3, and is tried again', () => {
    const d = tempDir();
    const db2 = join(d, 'f.duckdb');
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db2, ...args], { encoding: 'utf8', cwd: d });
    const file = join(ROOT, 'samples/wos_savedrecs_1.txt');
    const r = run('ingest', '--format', 'openalex-jsonl', file);
    expect(r.status).toBe(3);
    const rows = JSON.parse(
      run('sql', "SELECT f.status, r.code, r.reason FROM rejects r JOIN files f USING (file_id) WHERE r.kind = 'file'", '--format', 'json')
        .stdout,
    );
    expect(rows).toEqual([
      {
        status: 'failed',
        code: 'no-record',
        reason:
          'no record loaded (84073 read, every one rejected) reading the file as openalex-jsonl (forced by --format); if that is not its format, name another or leave --format out to sniff it',
      },
    ]);
    // Not remembered as done: without the wrong --format it loads.
    const again = run('ingest', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('records: 1000 read, 1000 loaded');
  });
});
