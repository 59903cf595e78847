#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { analyzeCommand } from './commands/analyze.js';
import { compatCommand } from './commands/compat.js';
import { countriesCommand } from './commands/countries.js';
import { deleteCommand } from './commands/delete.js';
import { exportCommand } from './commands/export.js';
import { exportTableCommand } from './commands/export-table.js';
import { filesCommand } from './commands/files.js';
import { forgetCommand } from './commands/forget.js';
import { ingestCommand } from './commands/ingest.js';
import { matrixCommand } from './commands/matrix.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { scenarioCommand } from './commands/scenario.js';
import { sqlCommand } from './commands/sql.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from '../contracts/usage-error.js';
import { DatabaseBusyError } from '../store/database.js';

/** The package's README, beside dist/ (in a clone and in an installed package alike). */
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

// `coauth sql ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

await yargs(hideBin(process.argv))
  .scriptName('coauth')
  .usage('$0 <command> [options]\n\nCountry co-authorship statistics from bibliographic exports.')
  .option('db', { type: 'string', default: 'coauth.duckdb', describe: 'DuckDB database file', global: true })
  .option('wait', { type: 'number', describe: 'while another coauth run holds the database, wait up to this many seconds', global: true })
  .option('raw-csv', {
    type: 'boolean',
    describe:
      'write CSV cells as they are, for machine pipelines (by default a text cell starting with = + - @ gets a leading apostrophe, so spreadsheets show it as text)',
    global: true,
  })
  .config('config', 'JSON file with any of the options, for nightly runs')
  .command(ingestCommand)
  .command(filesCommand)
  .command(deleteCommand)
  .command(forgetCommand)
  .command(analyzeCommand)
  .command(reportCommand)
  .command(scenarioCommand)
  .command(runCommand)
  .command(matrixCommand)
  .command(countriesCommand)
  .command(sqlCommand)
  .command(compatCommand)
  .command(exportCommand)
  .command(exportTableCommand)
  .demandCommand(
    1,
    'name a command: run, ingest, files, delete, forget, analyze, report, scenario, export, matrix, countries, sql, compat or export-table',
  )
  .strict()
  .fail((msg, err, y) => {
    process.stderr.write(`coauth: ${err ? err.message : msg}\n`);
    if (!err) process.stderr.write(`\n${y.help()}\n`);
    process.exit(!err || err instanceof UsageError ? EXIT.usage : err instanceof DatabaseBusyError ? EXIT.busy : EXIT.error);
  })
  .completion('completion', 'print a bash/zsh completion script: coauth completion >> ~/.bashrc')
  .epilogue(
    `${README} describes every command, flag, table and cube view (sections "Commands", "Tables", "The cube"). ` +
      'Exit codes: 0 done, 1 error, 2 usage, 3 a file not loaded, 4 too many rejects, 5 database busy, 6 an empty answer.',
  )
  .help()
  .parseAsync();
