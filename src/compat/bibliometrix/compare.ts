import type { DuckDBConnection } from '@duckdb/node-api';
import { SELECTED_PAPERS_SQL, selectionParams, type Selection } from '../../analysis/selection.js';
import { queryRows } from '../../store/database.js';
import { BIBLIOMETRIX_COUNTRIES } from './dictionary.js';
import type { CompatDocument } from './tables.js';

/** bibliometrix names (after its renamings) to ISO codes. */
const ISO = new Map<string, string>([
  ...BIBLIOMETRIX_COUNTRIES.filter((e): e is [string, string] => e[1] !== null),
  ['UNITED KINGDOM', 'GB'],
  ['USA', 'US'],
]);

export const CAUSES = {
  taiwan: 'Taiwan merged into China',
  hongKongMacao: 'Hong Kong or Macao written under "Peoples R China" read as China',
  rpOnly: 'country only in the corresponding address (bibliometrix reads C1 alone)',
  notMatched:
    'country written in a way bibliometrix does not recognise (U.S. state + ZIP without "USA", Macau, Palestine, Viet Nam, USSR, Fed Rep Ger)',
  substring:
    'country name found inside another (Guinea in Papua N Guinea, Ireland in North Ireland, Sudan in South Sudan, Niger, Korea, Congo)',
  correspondingMissing: 'no corresponding country in bibliometrix (no RP, and the first address ends in a one-word country)',
  correspondingFromC1: 'no corresponding address (RP): bibliometrix takes the first author address instead',
  correspondingDiffers: 'corresponding country differs: bibliometrix takes the alphabetically first country name anywhere in RP',
  occurrences: 'occurrence counting: a country repeated once per address (Country Scientific Production only)',
} as const;

export interface DifferenceRow {
  uid: string;
  coauth_countries: string;
  bibliometrix_countries: string;
  coauth_corresponding: string | null;
  bibliometrix_corresponding: string | null;
  coauth_international: boolean;
  bibliometrix_international: boolean;
  causes: string;
}

/**
 * Paper by paper, where the default rules and bibliometrix disagree and which rule caused it,
 * with a count per cause. Countries are compared as ISO codes.
 */
export async function compareWithCompat(connection: DuckDBConnection, selection: Selection, docs: readonly CompatDocument[]) {
  const rows = await queryRows(
    connection,
    `SELECT r.uid, list(rc.country ORDER BY rc.country) FILTER (WHERE rc.country IS NOT NULL) AS countries,
            list(rc.country) FILTER (WHERE rc.n_addresses = 0) AS rp_only,
            any_value(rc.country) FILTER (WHERE rc.is_corresponding) AS k
     FROM records r LEFT JOIN record_countries rc USING (rec_id)
     WHERE r.source = 'wos' AND r.rec_id IN (${SELECTED_PAPERS_SQL}) GROUP BY r.uid`,
    selectionParams(selection),
  );
  const ours = new Map(rows.map((r) => [r.uid as string, r]));
  const counts = new Map<string, number>();
  const papers: DifferenceRow[] = [];
  for (const d of docs) {
    const o = ours.get(d.uid);
    if (!o) continue;
    const mine = new Set((o.countries as string[] | null) ?? []);
    const rpOnly = new Set((o.rp_only as string[] | null) ?? []);
    const theirNames = [...new Set(d.auCo ?? [])];
    const theirs = new Set(theirNames.map((n) => ISO.get(n) ?? n));
    const causes = new Set<string>();
    for (const c of mine) {
      if (theirs.has(c)) continue;
      if (c === 'TW' && theirs.has('CN')) causes.add(CAUSES.taiwan);
      else if ((c === 'HK' || c === 'MO') && theirs.has('CN')) causes.add(CAUSES.hongKongMacao);
      else if (rpOnly.has(c)) causes.add(CAUSES.rpOnly);
      else causes.add(CAUSES.notMatched);
    }
    for (const c of theirs)
      if (!mine.has(c) && !(c === 'CN' && (mine.has('TW') || mine.has('HK') || mine.has('MO')))) causes.add(CAUSES.substring);
    const k = (o.k as string | null) ?? null;
    const theirK = d.au1Co === null ? null : (ISO.get(d.au1Co) ?? d.au1Co);
    if (k !== theirK) {
      if (theirK === null) causes.add(CAUSES.correspondingMissing);
      else if (k === null) causes.add(CAUSES.correspondingFromC1);
      else if (k === 'TW' && theirK === 'CN') causes.add(CAUSES.taiwan);
      else if ((k === 'HK' || k === 'MO') && theirK === 'CN') causes.add(CAUSES.hongKongMacao);
      else causes.add(CAUSES.correspondingDiffers);
    }
    const listed = causes.size > 0;
    if ((d.auCo?.length ?? 0) > theirNames.length) causes.add(CAUSES.occurrences);
    for (const c of causes) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (!listed) continue;
    papers.push({
      uid: d.uid,
      coauth_countries: [...mine].join(';'),
      bibliometrix_countries: theirNames.join(';'),
      coauth_corresponding: k,
      bibliometrix_corresponding: d.au1Co,
      coauth_international: mine.size >= 2,
      bibliometrix_international: theirNames.length >= 2,
      causes: [...causes].join('; '),
    });
  }
  const causes = Object.values(CAUSES).map((cause) => ({ cause, papers: counts.get(cause) ?? 0 }));
  return { papers, causes };
}
