import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';

/**
 * Runs a script of `;`-terminated statements, binding to each statement only the `$name`
 * parameters it uses (DuckDB prepares one statement at a time). Values are always bound,
 * never spliced into the SQL text; `types` gives the type of values DuckDB cannot infer (lists).
 */
/** COAUTH_PROFILE_SQL=1 prints each statement's wall time to stderr. */
const PROFILE = process.env.COAUTH_PROFILE_SQL === '1';

export async function runScript(
  connection: DuckDBConnection,
  script: string,
  params: Record<string, DuckDBValue> = {},
  types: Record<string, DuckDBType> = {},
): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    const sql = statement.trim().replace(/;$/, '');
    if (sql === '') continue;
    const used: Record<string, DuckDBValue> = {};
    const usedTypes: Record<string, DuckDBType> = {};
    for (const m of sql.matchAll(/\$([a-z_]+)/g)) {
      used[m[1]!] = params[m[1]!] ?? null;
      if (types[m[1]!]) usedTypes[m[1]!] = types[m[1]!]!;
    }
    const t = PROFILE ? performance.now() : 0;
    await connection.run(sql, Object.keys(used).length > 0 ? used : undefined, usedTypes);
    if (PROFILE) process.stderr.write(`${((performance.now() - t) / 1000).toFixed(3)}s  ${sql.replace(/\s+/g, ' ').slice(0, 110)}\n`);
  }
}
