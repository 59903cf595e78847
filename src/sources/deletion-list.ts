/**
 * Deletion lists, recognised by content (README, "Versions and deletions"): WoS `.del` files (one
 * deleted record a line, `WOS,000301234500001` with or without more comma-separated fields, or
 * `WOS:000301234500001`), OpenAlex `merged_ids` CSV (`merge_date,id,merge_into_id`: the id merged
 * away is deleted), and plain lists of ids as coauth stores them (WoS UT, Scopus EID, OpenAlex W-id).
 */
export interface DeletedId {
  source: 'wos' | 'scopus' | 'openalex';
  uid: string;
}

const MERGED_IDS_HEADER = /^\uFEFF?"?merge_date"?,"?id"?,"?merge_into_id"?\s*$/i;

/** True when the first bytes read as a deletion list. */
export function looksLikeDeletionList(text: string): boolean {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, 50);
  if (MERGED_IDS_HEADER.test(lines[0] ?? '')) return true;
  // The last line may be cut where the sniffed bytes end.
  const full = lines.slice(0, text.length >= 4096 ? -1 : undefined).filter((l) => l.trim() !== '');
  return full.length > 0 && full.every((l) => typeof deletedId(l) !== 'string');
}

/** The id a deletion-list line names, or why it names none. */
export function deletedId(line: string): DeletedId | string {
  const t = line.trim().replace(/^\uFEFF/, '');
  const wos = /^WOS[,:]([A-Z0-9]{15})(?:,.*)?$/i.exec(t);
  if (wos) return { source: 'wos', uid: `WOS:${wos[1]!.toUpperCase()}` };
  const merged = /^\d{4}-\d{2}-\d{2},"?((?:https:\/\/openalex\.org\/)?[WASIPCFT]\d+)"?,/i.exec(t);
  if (merged) return openAlexId(merged[1]!);
  if (/^2-s2\.0-\d+$/.test(t)) return { source: 'scopus', uid: t };
  if (/^(?:https:\/\/openalex\.org\/)?W\d+$/i.test(t)) return openAlexId(t);
  return 'not a record id (WOS,<accession>, WOS:<accession>, a Scopus EID, an OpenAlex W-id or a merged_ids row)';
}

function openAlexId(id: string): DeletedId {
  return { source: 'openalex', uid: id.replace(/^https:\/\/openalex\.org\//i, '').toUpperCase() };
}

/** A line of a deletion list: its id, why it names none, or null for a line to pass over (blank, the merged_ids header). */
export function deletionLine(line: string, lineNo: number): DeletedId | string | null {
  if (line.trim() === '' || (lineNo === 1 && MERGED_IDS_HEADER.test(line))) return null;
  return deletedId(line);
}
