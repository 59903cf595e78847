import type { DuckDBConnection } from '@duckdb/node-api';
import { SELECTED_PAPERS_SQL, selectionParams, type Selection } from '../../analysis/selection.js';
import { queryRows } from '../../store/database.js';
import { au1Co, au1CoScopus, auCo, auCoScopus, upperLikeR } from './countries.js';
import type { CompatDocument } from './tables.js';

/**
 * The selected papers as bibliometrix sees them: AU_CO and AU1_CO from the C1 and RP fields as
 * written (WoS), or from "Affiliations" and "Correspondence Address" (Scopus, with its `NAME;`
 * patterns and its upper-cased EID as UT). Each record by its own source's rules; bibliometrix's
 * merge of the two (mergeDbSources) is not reproduced, but a record another source holds too
 * (cross_source_duplicates) is left out as in every analysis. OpenAlex records are left out.
 */
export async function compatDocuments(connection: DuckDBConnection, selection: Selection): Promise<CompatDocument[]> {
  const rows = await queryRows(
    connection,
    `SELECT source, uid, year, times_cited, c1_raw, rp_raw FROM records
     WHERE source IN ('wos', 'scopus') AND rec_id IN (${SELECTED_PAPERS_SQL}) ORDER BY rec_id`,
    selectionParams(selection),
  );
  return rows.map((r) => {
    const c1 = r.c1_raw as string | null;
    const rp = r.rp_raw as string | null;
    const scopus = r.source === 'scopus';
    return {
      uid: scopus ? upperLikeR(r.uid as string) : (r.uid as string),
      year: r.year as number | null,
      timesCited: (r.times_cited as number | null) ?? 0,
      auCo: scopus ? auCoScopus(c1, rp) : auCo(c1, rp),
      au1Co: scopus ? au1CoScopus(c1, rp) : au1Co(c1, rp),
    };
  });
}
