import { listValue, LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { runScript } from './run-script.js';
import { transaction } from './transaction.js';
import { UsageError } from '../contracts/usage-error.js';

/** Which source's record is kept when the same DOI comes from several (README, "Duplicates"). */
export const DEFAULT_SOURCE_PREFERENCE = ['wos', 'scopus', 'openalex'] as const;

/**
 * Duplicates across sources, by DOI (compared case-insensitively): of the records that share a
 * DOI, the one of the most preferred source (then the earliest loaded) is kept; every record of
 * another source with that DOI goes into cross_source_duplicates, and the analyses leave it
 * out (analysis/selection.ts, the cube). Records of the kept record's own source stay: the same
 * DOI on two UTs of one database is that database's business. Recomputed over all records after
 * each ingest; a preference given once is kept in the database (source_preference) until
 * another is given, so a nightly run without one does not undo it.
 */
const CROSS_SOURCE_SQL = `
DELETE FROM cross_source_duplicates;
INSERT INTO cross_source_duplicates
WITH d AS (
  SELECT rec_id, source, lower(trim(doi)) AS doi, coalesce(list_position($preference, source), 1000) AS rank
  FROM records WHERE doi IS NOT NULL AND trim(doi) <> ''
),
shared AS (
  SELECT doi, first(rec_id ORDER BY rank, rec_id) AS kept FROM d GROUP BY doi HAVING count(DISTINCT source) > 1
)
SELECT d.rec_id, d.source, d.doi, s.kept, k.source
FROM d JOIN shared s USING (doi) JOIN records k ON k.rec_id = s.kept
WHERE d.source <> k.source;
`;

export async function markCrossSourceDuplicates(connection: DuckDBConnection, given: readonly string[] | undefined): Promise<number> {
  const stored = (await connection.runAndReadAll('SELECT sources FROM source_preference')).getRows()[0]?.[0];
  const preference = given ?? (stored ? (stored as { items: string[] }).items : [...DEFAULT_SOURCE_PREFERENCE]);
  await transaction(connection, async () => {
    await connection.run('DELETE FROM source_preference');
    await connection.run(
      'INSERT INTO source_preference VALUES ($sources)',
      { sources: listValue([...preference]) },
      { sources: LIST(VARCHAR) },
    );
    await runScript(connection, CROSS_SOURCE_SQL, { preference: listValue([...preference]) }, { preference: LIST(VARCHAR) });
  });
  return Number((await connection.runAndReadAll('SELECT count(*) FROM cross_source_duplicates')).getRows()[0]![0]);
}

/** Checks a preference order given by a user (`--prefer scopus,wos`): known sources, each once; the others follow in the default order. */
export function parsePreference(text: string): string[] {
  const given = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const s of given) {
    if (!(DEFAULT_SOURCE_PREFERENCE as readonly string[]).includes(s)) {
      throw new UsageError(`--prefer: unknown source "${s}" (sources: ${DEFAULT_SOURCE_PREFERENCE.join(', ')})`);
    }
  }
  if (new Set(given).size !== given.length) throw new UsageError(`--prefer: a source is named twice in "${text}"`);
  return [...given, ...DEFAULT_SOURCE_PREFERENCE.filter((s) => !given.includes(s))];
}
