import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { CLI, ROOT, tempDir, WOS_PLAINTEXT } from './helpers.js';

/** What a cron job sees: exit codes, the lock, the log, the job file checked (README, "Running nightly"). */
const run = (db: string, ...args: string[]) => spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
const SAMPLE = join(WOS_PLAINTEXT, 'slitvinov__python-wos__savedrecs.txt');

describe('exit codes', () => {
  it('0 when every file loads, 3 when one does not (and it is retried), 4 when too many records are rejected, 2 on a wrong option', () => {
    const dir = tempDir();
    const db = join(dir, 'codes.duckdb');
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    copyFileSync(SAMPLE, join(inputs, 'a.txt'));
    expect(run(db, 'ingest', inputs).status).toBe(0);

    writeFileSync(join(inputs, 'b.txt'), 'hello, this is no export\n');
    const bad = run(db, 'ingest', inputs);
    expect(bad.status, bad.stderr).toBe(3);
    expect(bad.stdout).toContain('1 file(s) not loaded whole: they are tried again on the next ingest');
    // Still not loaded, still reported: never remembered as done.
    expect(run(db, 'ingest', inputs).status).toBe(3);
    const pending = run(db, 'files', '--status', 'pending', '--format', 'csv');
    expect(pending.stdout.trim().split('\n')).toHaveLength(2);
    expect(pending.stdout).toContain('b.txt');

    // badFile.isi: 1 of its records is rejected; with a 0% allowance that is too many.
    const strict = run(
      join(dir, 'strict.duckdb'),
      'ingest',
      '--max-reject-rate',
      '0',
      join(WOS_PLAINTEXT, 'networks-lab__metaknowledge__badFile.isi'),
    );
    expect(strict.status).toBe(4);
    expect(
      run(join(dir, 'lax.duckdb'), 'ingest', '--max-reject-rate', '0.5', join(WOS_PLAINTEXT, 'networks-lab__metaknowledge__badFile.isi'))
        .status,
    ).toBe(0);

    const usage = run(db, 'ingest', '--keep', 'sometimes', inputs);
    expect(usage.status).toBe(2);
    expect(run(db, 'ingest', '--prefer', 'crossref', inputs).status).toBe(2);
  });
});

describe('coauth delete, forget and files from the command line', () => {
  it('deletes by id and by file, forgets a file, and lists what happened', () => {
    const dir = tempDir();
    const db = join(dir, 'cmd.duckdb');
    expect(run(db, 'ingest', SAMPLE).status).toBe(0);
    const del = run(db, 'delete', 'WOS:000311971500044', 'WOS:999999999999999');
    expect(del.status, del.stderr).toBe(0);
    expect(del.stdout).toBe('deleted 1 record(s); 1 id(s) not found: WOS:999999999999999\n');
    const ids = join(dir, 'ids.del');
    writeFileSync(ids, 'WOS,000310782600054,2024-05-01\nWOS:000311658100002\n');
    expect(run(db, 'delete', '--ids', ids).stdout).toMatch(/^deleted \d record\(s\)/);
    expect(run(db, 'delete', 'not-an-id').status).toBe(2);
    const counts = () =>
      JSON.parse(
        run(
          db,
          'sql',
          "SELECT count(*) AS n, (SELECT count(*) FROM record_versions WHERE status = 'deleted') AS d FROM records",
          '--format',
          'json',
        ).stdout,
      )[0];
    const before = counts();
    expect(before.n + before.d).toBe(500);

    const forget = run(db, 'forget', 'slitvinov__python-wos__savedrecs.txt');
    expect(forget.status, forget.stderr).toBe(0);
    expect(forget.stdout).toMatch(new RegExp(`forgot file 1 \\(done\\): ${before.n} current records taken out`));
    expect(counts().n).toBe(0);
    expect(run(db, 'forget', 'nothing.txt').status).toBe(2);
    const files = run(db, 'files', '--format', 'json');
    expect(JSON.parse(files.stdout).map((f: { status: string }) => f.status)).toEqual(['forgotten']);
  });
});

describe('coauth run as a nightly job', () => {
  const job = (dir: string, body: object) => {
    const path = join(dir, 'job.json');
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  it('refuses a job with an unknown key or a wrong value before doing anything, naming the key and the file', () => {
    const dir = tempDir();
    const db = join(dir, 'job.duckdb');
    const unknown = run(db, 'run', job(dir, { inputs: SAMPLE, reprot: {} }));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`${join(dir, 'job.json')}: "reprot" is not a job key`);
    const wrong = run(db, 'run', job(dir, { inputs: SAMPLE, report: { years: 'last year' } }));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('"report.years" must be periods such as "2015-2019"');
    expect(run(db, 'run', job(dir, { inputs: SAMPLE, cube: { periods: 'soon' } })).stderr).toContain('"cube.periods"');
    expect(existsSync(db)).toBe(false);
  });

  it("takes the flags' forms, appends JSON Lines to its log, and exits 3 on a file not loaded", () => {
    const dir = tempDir();
    const db = join(dir, 'job.duckdb');
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    copyFileSync(SAMPLE, join(inputs, 'a.txt'));
    writeFileSync(join(inputs, 'b.txt'), '\n\nnothing here\n');
    const log = join(dir, 'run.jsonl');
    const path = job(dir, {
      inputs: [inputs],
      cube: { topics: ['cells=cell*'], periods: '2010-2014', excludeDocTypes: 'Proceedings Paper', categories: false },
      report: { focus: 'cn', partners: 'US,AU', out: join(dir, 'out') },
      keep: 'latest',
      log,
    });
    const first = run(db, 'run', path);
    expect(first.status, first.stderr).toBe(3);
    expect(first.stdout).toContain('analyze: full build');
    expect(existsSync(join(dir, 'out/index.html'))).toBe(true);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; [k: string]: unknown });
    expect(lines.map((l) => l.event)).toEqual(['start', 'file', 'file', 'step', 'step', 'step', 'summary']);
    expect(lines[1]).toMatchObject({ event: 'file', status: 'done', nLoaded: 500 });
    expect(lines[2]).toMatchObject({ event: 'file', status: 'unsupported' });
    expect(lines[6]).toMatchObject({ event: 'summary', exitCode: 3, records: { loaded: 500 }, files: { done: 1, unsupported: 1 } });
  });
});

describe("the job's report", () => {
  it('takes periods as a list and a break year, logs each empty answer as a warning, and exits 6 unless allowEmpty', () => {
    const dir = tempDir();
    const db = join(dir, 'job.duckdb');
    const path = join(dir, 'job.json');
    const body = (report: object) =>
      JSON.stringify({
        inputs: [join(ROOT, 'samples')],
        cube: { topics: ['none=zzzqqq'], periods: ['2015-2019', '2016-2018'], categories: false },
        log: join(dir, 'run.jsonl'),
        report: { out: join(dir, 'out'), ...report },
      });
    writeFileSync(path, body({ years: ['2015-2019', '2016-2018'], break: 2017, fields: 'all,none', partners: 'US,AU' }));
    const r = run(db, 'run', path);
    expect(r.status, r.stderr).toBe(6);
    expect(r.stderr).toContain('warning: no paper in field "none" in 2015-2019');
    for (const folder of ['all/2015-2019', 'all/2016-2018']) expect(existsSync(join(dir, 'out', folder, 'break.csv')), folder).toBe(true);
    const log = readFileSync(join(dir, 'run.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; message?: string });
    expect(log.filter((l) => l.event === 'warning').map((l) => l.message)).toEqual([
      'no paper in field "none" in 2015-2019',
      'no paper in field "none" in 2016-2018',
    ]);
    expect(log.at(-1)).toMatchObject({ event: 'summary', exitCode: 6 });
    writeFileSync(path, body({ years: '2015-2019', fields: ['all', 'none'], allowEmpty: true }));
    expect(run(db, 'run', path).status).toBe(0);
    writeFileSync(path, body({ break: 'soon' }));
    const wrong = run(db, 'run', path);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('"report.break" must be a year such as 2018');
  });
});

describe('one run at a time', () => {
  it('a reader or a second run says a run is in progress, since when, and how to wait; --wait waits for it', async () => {
    const dir = tempDir();
    const db = join(dir, 'busy.duckdb');
    expect(run(db, 'ingest', join(ROOT, 'samples')).status).toBe(0);
    // A long ingest holds the database: the same samples as another, bigger delivery.
    const holder = await openDatabase(db);
    writeFileSync(`${db}.run.json`, JSON.stringify({ pid: process.pid, command: 'run', started: '2026-12-05T02:00:00.000Z' }));
    try {
      const reader = run(db, 'sql', 'SELECT 1');
      expect(reader.status).toBe(5);
      expect(reader.stderr).toBe(
        `coauth: ${db} is in use: coauth run (PID ${process.pid}) has been running since 2026-12-05T02:00:00.000Z; run again when it ends, or add --wait SECONDS to wait for it\n`,
      );
      expect(run(db, 'ingest', join(ROOT, 'samples')).status).toBe(5);
      // Released after about a second: a reader with --wait 20 gets its answer.
      const waiting = spawn(process.execPath, [
        CLI,
        '--db',
        db,
        '--wait',
        '20',
        'sql',
        'SELECT count(*) AS n FROM records',
        '--format',
        'csv',
      ]);
      let out = '';
      waiting.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await new Promise((r) => setTimeout(r, 1000));
      holder.close();
      const code = await new Promise((r) => waiting.on('exit', r));
      expect([code, out]).toEqual([0, 'n\n2000\n']);
    } finally {
      try {
        holder.close();
      } catch {
        // closed above
      }
    }
  });

  it('a run killed with kill -9 does not block the next one', async () => {
    const dir = tempDir();
    const db = join(dir, 'killed.duckdb');
    const child = spawn(process.execPath, [CLI, '--db', db, 'ingest', '--commit-mb', '0', WOS_PLAINTEXT]);
    await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => d.toString().includes('committed: ') && resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(existsSync(`${db}.run.json`)).toBe(true);
    const next = run(db, 'ingest', '--quiet', WOS_PLAINTEXT);
    expect(next.status, next.stderr).toBe(0);
    expect(existsSync(`${db}.run.json`)).toBe(false);
  });
});

describe('progress without a terminal', () => {
  it('prints a line per file as soon as it is loaded, a line per commit, and a progress line when nothing else was printed for a while', () => {
    const dir = tempDir();
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (const f of ['slitvinov__python-wos__savedrecs.txt', 'awandahl__wos__savedrecs.txt', 'BrunaLab__coauthors_nsf__savedrecs.txt'])
      copyFileSync(join(WOS_PLAINTEXT, f), join(inputs, f));
    // One big file too: every record of the corpus, read slowly enough for the progress line.
    writeFileSync(
      join(inputs, 'zz-all.txt'),
      readdirSync(WOS_PLAINTEXT)
        .map((f) => readFileSync(join(WOS_PLAINTEXT, f), 'utf8').replace(/^\uFEFF/, ''))
        .join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, '--db', join(dir, 'p.duckdb'), 'ingest', '--workers', '1', inputs], {
      encoding: 'utf8',
      env: { ...process.env, COAUTH_HEARTBEAT_MS: '100' },
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    const fileLines = lines.filter((l) => /^\[\d\/4\] /.test(l));
    expect(fileLines.map((l) => l.slice(0, 5))).toEqual(['[1/4]', '[2/4]', '[3/4]', '[4/4]']);
    expect(fileLines[0]).toMatch(/BrunaLab__coauthors_nsf__savedrecs\.txt: 102 read, 102 loaded, 0 duplicate, 0 rejected$/);
    // The three small files are one transaction (under --commit-mb): their lines come before its commit.
    expect(lines.findIndex((l) => l.startsWith('[3/4]'))).toBeLessThan(lines.findIndex((l) => l.startsWith('committed: ')));
    expect(lines.filter((l) => l.startsWith('committed: ')).at(-1)).toBe('committed: 4 of 4 files visible');
    expect(lines.some((l) => /^\.\.\. [\d,]+ records {2}[\d.]+ of [\d.]+ MB {2}[\d.]+ MB\/s/.test(l))).toBe(true);
  });
});
