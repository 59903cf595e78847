// `npm start`: the main job on the bundled samples, with the CLI exactly as a user would run it:
// ingest into a fresh ./coauth.duckdb, build the cube with the study's settings, and write the
// report, the tables, the network exports, a decoupling scenario and bibliometrix's numbers under out/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const cli = ['dist/src/cli/main.js', '--db', 'coauth.duckdb'];
const run = (...args) => {
  process.stdout.write(`\n$ coauth ${args.map((a) => (/[\s"]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [...cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

for (const f of ['coauth.duckdb', 'coauth.duckdb.wal']) rmSync(f, { force: true });
rmSync('out', { recursive: true, force: true });
mkdirSync('out', { recursive: true });
run('ingest', 'samples');
run(
  'analyze',
  '--field', 'deep learning=deep learning',
  '--field', 'quantum computing="quantum computing" OR "quantum computer"',
  '--periods', '2015-2019', '--window', '5', '--exclude-doctypes', 'Proceedings Paper',
);
run('countries', '--out', 'out/countries.csv');
run('matrix', '--out', 'out/matrix.csv');
run('report', '--years', '2015-2019', '--focus', 'CN', '--partners', 'US,AU', '--out', 'out');
run('export', '--years', '2015-2019', '--out', 'out/export');
run('scenario', '--cut', 'US,AU:CN', '--years', '2015-2019', '--out', 'out/scenario');
run('compat', 'bibliometrix', '--out', 'out/bibliometrix');
process.stdout.write(`\nDone. Open out/index.html in a browser; tables and exports are under out/; the database is coauth.duckdb.\n`);
