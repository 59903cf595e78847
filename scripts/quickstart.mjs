// `npm start`: ingest the bundled samples into a fresh ./coauth.duckdb and write the
// country table and the co-authorship matrix under out/. Uses the CLI exactly as a user would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const cli = ['dist/src/cli/main.js', '--db', 'coauth.duckdb'];
const run = (...args) => {
  process.stdout.write(`\n$ coauth ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [...cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync('coauth.duckdb', { force: true });
rmSync('coauth.duckdb.wal', { force: true });
mkdirSync('out', { recursive: true });
run('ingest', 'samples');
run('countries', '--out', 'out/countries.csv');
run('matrix', '--out', 'out/matrix.csv');
run('matrix', '--years', '2015-2019', '--out', 'out/matrix_2015-2019.csv');
process.stdout.write('\nResults: out/countries.csv, out/matrix.csv, out/matrix_2015-2019.csv; database: coauth.duckdb\n');
