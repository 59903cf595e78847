import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../contracts/usage-error.js';

/** A user's query refused before it runs: one line that names what and why (exit code 2). */
export class QueryRefused extends UsageError {}

/** What a query may start with: reading statements only. PRAGMA, CALL, SET and the rest are refused by name. */
const QUERY_START = /^(select|with|from|values|table|describe|show|summarize|explain)\b/i;

/**
 * Checks the text of `coauth sql` before it runs: exactly one statement, and a query. DuckDB's
 * own parser splits the text (so comments and strings cannot hide a second statement) and says
 * each statement's kind; the first keyword refuses what DuckDB turns into a query (PRAGMA). The
 * database is also opened read-only with external access off (store/database.ts, sealed), so a
 * query that passes still cannot write, read files or change settings.
 */
export async function checkQuery(connection: DuckDBConnection, sql: string): Promise<void> {
  let statements;
  try {
    statements = await connection.extractStatements(sql);
  } catch (e) {
    throw refusal(e); // IMPORT DATABASE reads its files while being parsed
  }
  if (statements.count !== 1) {
    throw new QueryRefused(`${statements.count} statements given: coauth sql runs exactly one query per call`);
  }
  const keyword = /^[\s(]*([a-z]+)/i.exec(stripComments(sql))?.[1]?.toUpperCase() ?? '';
  if (!QUERY_START.test(keyword)) {
    throw new QueryRefused(
      `${keyword || 'this'} statements are refused: coauth sql only reads (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)`,
    );
  }
  let prepared;
  try {
    prepared = await statements.prepare(0);
  } catch (e) {
    throw refusal(e);
  }
  const kind = prepared.statementType;
  prepared.destroySync();
  if (kind !== StatementType.SELECT && kind !== StatementType.EXPLAIN) {
    throw new QueryRefused(`${StatementType[kind] ?? 'this'} statements are refused: coauth sql only reads`);
  }
}

/** Leading comments and whitespace gone, so the first keyword can be read. */
function stripComments(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s
      .replace(/^\s+/, '')
      .replace(/^--[^\n]*(\n|$)/, '')
      .replace(/^\/\*[\s\S]*?\*\//, '');
    if (t === s) return s;
    s = t;
  }
}

/** DuckDB's own refusal (external access is off) said in our words; any other error as DuckDB says it. */
function refusal(e: unknown): QueryRefused {
  const why = firstLine(e).replace(/^Failed to extract statements: /, '');
  if (/file system operations are disabled|external extensions is disabled/.test(why)) {
    return new QueryRefused(`files, other databases and extensions are refused: coauth sql reads this database only (${why})`);
  }
  return new QueryRefused(why);
}

function firstLine(e: unknown): string {
  return String((e as Error).message).split('\n')[0]!;
}
