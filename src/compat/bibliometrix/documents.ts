import type { DuckDBConnection } from '@duckdb/node-api';
import { SELECTED_PAPERS_SQL, selectionParams, type Selection } from '../../analysis/selection.js';
import { queryRows } from '../../store/database.js';
import { au1Co, auCo } from './countries.js';
import type { CompatDocument } from './tables.js';

/**
 * The selected papers as bibliometrix sees them: AU_CO and AU1_CO from the C1 and RP fields as
 * written. WoS records only for now: bibliometrix reads Scopus with other patterns, which come
 * with the Scopus reader.
 */
export async function compatDocuments(connection: DuckDBConnection, selection: Selection): Promise<CompatDocument[]> {
  const rows = await queryRows(
    connection,
    `SELECT uid, year, times_cited, c1_raw, rp_raw FROM records
     WHERE source = 'wos' AND rec_id IN (${SELECTED_PAPERS_SQL}) ORDER BY rec_id`,
    selectionParams(selection),
  );
  return rows.map((r) => {
    const c1 = r.c1_raw as string | null;
    const rp = r.rp_raw as string | null;
    return {
      uid: r.uid as string,
      year: r.year as number | null,
      timesCited: (r.times_cited as number | null) ?? 0,
      auCo: auCo(c1, rp),
      au1Co: au1Co(c1, rp),
    };
  });
}
