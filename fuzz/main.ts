/**
 * `npm run fuzz [-- --seed 1 --minutes 1 | --mutants N]`: mutates every real file of
 * ../shared/corpora (fuzz/mutate.ts), ingests the mutants with the built CLI in batches, each in
 * a child process with a time limit, and checks what the README promises whatever the input: no
 * crash and no hang (exit code 0 or 3), n_read = n_loaded + n_duplicate + n_rejected for every
 * file, only whole files in the database, the database queryable, peak RSS under its budget. A
 * failing batch is tried mutant by mutant; each mutant that fails alone is saved to
 * test/fuzz-cases/ (test/fuzz-cases.test.ts ingests them all) and the run exits 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../src/gen/random.js';
import { MUTATIONS } from './mutate.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const CORPORA = resolve(ROOT, '../shared/corpora');
const CASES = join(ROOT, 'test/fuzz-cases');
/** DESIGN.md's memory budget for one run. */
const RSS_BUDGET = 1 << 30;
const BATCH_TIMEOUT_MS = 180_000;
/** Mutants are made from at most this much of a file, so that a batch takes seconds. */
const WINDOW = 192 * 1024;

interface Args {
  seed: number;
  minutes: number;
  mutants: number;
  batch: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seed: 1, minutes: Number.POSITIVE_INFINITY, mutants: Number.POSITIVE_INFINITY, batch: 40 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i]!, Number(argv[i + 1])];
    if (!['--seed', '--minutes', '--mutants', '--batch'].includes(k) || !Number.isFinite(v))
      throw new TypeError(`fuzz: unknown option ${k} ${argv[i + 1]}`);
    a[k.slice(2) as keyof Args] = v;
  }
  // Neither a time nor a count: a minute.
  if (a.minutes === Number.POSITIVE_INFINITY && a.mutants === Number.POSITIVE_INFINITY) a.minutes = 1;
  return a;
}

function corpus(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.md') ? [] : [join(d, e.name)],
    );
  return walk(CORPORA).sort();
}

/** The file, or its head (headers, prolog) and a window of it from a line start. */
function sample(path: string, random: Random): Buffer {
  const bytes = readFileSync(path);
  if (bytes.length <= WINDOW) return bytes;
  const text = bytes.toString('latin1');
  const headEnd = Math.max(text.indexOf('\n') + 1, /<REC[\s>]/.exec(text)?.index ?? 0, /\nPT /.exec(text)?.index ?? 0);
  let start = random.int(headEnd, bytes.length - WINDOW);
  start = text.indexOf('\n', start) + 1 || headEnd;
  return Buffer.concat([bytes.subarray(0, headEnd), bytes.subarray(start, start + WINDOW)]);
}

interface Outcome {
  ok: boolean;
  why: string;
  rss: number;
}

/** Ingests a folder of mutants in a child process and checks every invariant. */
function ingestAndCheck(dir: string, expectedFiles: number): Outcome {
  const db = join(dir, 'fuzz.duckdb');
  const rssFile = join(dir, 'rss.txt');
  const preload = join(dir, 'rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
  );
  const r = spawnSync(
    process.execPath,
    [
      '-r',
      preload,
      CLI,
      '--db',
      db,
      'ingest',
      '--quiet',
      '--workers',
      '2',
      '--max-record-mb',
      '1',
      '--commit-mb',
      '1',
      '--max-reject-rate',
      '1',
      join(dir, 'in'),
    ],
    { encoding: 'utf8', timeout: BATCH_TIMEOUT_MS, maxBuffer: 64 << 20 },
  );
  let rss = 0;
  try {
    rss = Number(readFileSync(rssFile, 'utf8')) * 1024;
  } catch {
    // no exit handler ran: a crash
  }
  if (r.error && /ETIMEDOUT/.test(String(r.error))) return { ok: false, why: `hang: no end within ${BATCH_TIMEOUT_MS / 1000} s`, rss };
  if (r.status !== 0 && r.status !== 3)
    return { ok: false, why: `exit ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`, rss };
  if (rss > RSS_BUDGET)
    return { ok: false, why: `peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB over the ${RSS_BUDGET / 2 ** 20} MiB budget`, rss };
  return { ...check(db, expectedFiles), rss };
}

function check(path: string, expectedFiles: number): { ok: boolean; why: string } {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const i = await DuckDBInstance.create(${JSON.stringify(path)}, { access_mode: 'READ_ONLY' });
    const c = await i.connect();
    const one = async (sql) => (await c.runAndReadAll(sql)).getRows().map((r) => r.map(String).join(' '));
    const bad = await one(\`SELECT 'accounting ' || path FROM files WHERE n_read <> n_loaded + n_duplicate + n_rejected
      UNION ALL SELECT 'half file ' || path FROM files f WHERE n_loaded <> (SELECT count(*) FROM record_versions v WHERE v.file_id = f.file_id)
      UNION ALL SELECT 'orphan records ' || count(*) FROM records WHERE file_id NOT IN (SELECT file_id FROM files) HAVING count(*) > 0
      UNION ALL SELECT 'orphan addresses ' || count(*) FROM addresses WHERE rec_id NOT IN (SELECT rec_id FROM records) HAVING count(*) > 0\`);
    const files = await one('SELECT count(*) FROM files');
    await one('SELECT count(*), sum(length(title)) FROM records');
    process.stdout.write(JSON.stringify({ bad, files: Number(files[0]) }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0)
    return {
      ok: false,
      why: `database not queryable: ${
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => /Error/.test(l))[0] ?? r.stderr.trim()
      }`,
    };
  const { bad, files } = JSON.parse(r.stdout) as { bad: string[]; files: number };
  if (bad.length > 0) return { ok: false, why: bad.join('; ') };
  if (files > expectedFiles) return { ok: false, why: `${files} file rows for ${expectedFiles} mutants` };
  return { ok: true, why: '' };
}

interface Mutant {
  name: string;
  bytes: Buffer;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const random = new Random(args.seed);
  const files = corpus();
  const names = Object.keys(MUTATIONS);
  const deadline = Date.now() + args.minutes * 60_000;
  const started = Date.now();
  const tried: Record<string, number> = {};
  const failures: { name: string; why: string }[] = [];
  let total = 0;
  let maxRss = 0;
  while (Date.now() < deadline && total < args.mutants) {
    const dir = mkdtempSync(join(tmpdir(), 'coauth-fuzz-'));
    mkdirSync(join(dir, 'in'));
    const batch: Mutant[] = [];
    for (let k = 0; k < args.batch && total + batch.length < args.mutants; k++) {
      const source = random.pick(files);
      const mutation = random.pick(names);
      const bytes = MUTATIONS[mutation]!(sample(source, random), random);
      const name = `${String(total + k).padStart(6, '0')}-${mutation.replace(/\W+/g, '-')}-${basename(source)}`;
      batch.push({ name, bytes });
      writeFileSync(join(dir, 'in', name), bytes);
      tried[mutation] = (tried[mutation] ?? 0) + 1;
    }
    total += batch.length;
    const outcome = ingestAndCheck(dir, batch.length);
    maxRss = Math.max(maxRss, outcome.rss);
    if (!outcome.ok) {
      process.stderr.write(`batch ending at mutant ${total}: ${outcome.why}; trying its mutants one by one\n`);
      for (const m of batch) {
        const one = mkdtempSync(join(tmpdir(), 'coauth-fuzz-one-'));
        mkdirSync(join(one, 'in'));
        writeFileSync(join(one, 'in', m.name), m.bytes);
        const alone = ingestAndCheck(one, 1);
        if (!alone.ok) {
          failures.push({ name: m.name, why: alone.why });
          mkdirSync(CASES, { recursive: true });
          writeFileSync(join(CASES, m.name), m.bytes);
          process.stderr.write(`  ${m.name}: ${alone.why} (saved to test/fuzz-cases/)\n`);
        }
        rmSync(one, { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`\r${total} mutants, ${failures.length} failing, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const report = {
    date: new Date().toISOString(),
    seed: args.seed,
    mutants: total,
    seconds: (Date.now() - started) / 1000,
    corpusFiles: files.length,
    byMutation: tried,
    peakRssMiB: Math.round(maxRss / 2 ** 20),
    failures,
  };
  process.stderr.write('\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.exitCode = failures.length > 0 ? 1 : 0;
}

// The corpus must be there: the fuzzer reads real files only.
if (!statSync(CORPORA, { throwIfNoEntry: false })?.isDirectory()) {
  process.stderr.write(`fuzz: ${CORPORA} not found\n`);
  process.exit(2);
}
main();
