import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.js';
import { SELECTED_PAPERS_SQL, selectionParams, type Selection } from './selection.js';

/** The address ends that matched no country rule, most frequent first, with an example address each. */
export async function unmatchedTails(connection: DuckDBConnection, selection: Selection) {
  const params = selectionParams(selection);
  const rows = await queryRows(
    connection,
    `SELECT country_tail AS tail, count(*) AS addresses, count(DISTINCT rec_id) AS papers, min(raw) AS example
     FROM addresses WHERE country IS NULL AND rec_id IN (${SELECTED_PAPERS_SQL})
     GROUP BY country_tail ORDER BY addresses DESC, tail`,
    params,
  );
  const [t] = await queryRows(
    connection,
    `SELECT count(*) AS n, count(*) FILTER (WHERE country IS NULL) AS unmatched FROM addresses WHERE rec_id IN (${SELECTED_PAPERS_SQL})`,
    params,
  );
  return { rows, addresses: t!.n as number, unmatched: t!.unmatched as number };
}
