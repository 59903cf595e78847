import { addressCountry } from '../countries/address-country.js';
import { addressParts } from '../countries/address-parts.js';
import { addAddress, joinList, type Batch } from '../contracts/batch.js';
import { parseC1Line, parseReprintField, type AddressEntry } from './wos-address-lines.js';

/**
 * One Web of Science record, given as its fields (tag -> physical lines, as the plain-text export
 * holds them; the tab-delimited reader hands its cells over in the same shape), appended to a
 * batch with its addresses and their countries. Shared by every WoS reader, so that the same
 * paper gives the same row whatever format it came in.
 */

/** Tags whose physical lines are items of a list and are never re-joined. */
const LINE_ITEM_TAGS = new Set(['AU', 'AF', 'BA', 'BF', 'BE', 'CA', 'C1', 'CR']);
/** Tags the tables keep; every other tag is checked for grammar and skipped. */
export const KEPT_TAGS = new Set([
  'PT',
  'TI',
  'SO',
  'DT',
  'DE',
  'ID',
  'AB',
  'C1',
  'RP',
  'WC',
  'SC',
  'PY',
  'EA',
  'EY',
  'UT',
  'DI',
  'TC',
  'LA',
]);

function text1(fields: Map<string, string[]>, tag: string): string | null {
  const lines = fields.get(tag);
  if (!lines) return null;
  const s = (LINE_ITEM_TAGS.has(tag) ? lines.join('\n') : lines.join(' ')).trim();
  return s === '' ? null : s;
}

function list(fields: Map<string, string[]>, tag: string): string[] | null {
  const s = text1(fields, tag);
  if (s === null) return null;
  const items = s
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return items.length > 0 ? items : null;
}

function int(s: string | null): number | null {
  if (s === null) return null;
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) ? n : null;
}

/** Early-access year: `EY 2019` (2019 exports), else the year in `EA JUL 2019`. */
function earlyAccessYear(fields: Map<string, string[]>): number | null {
  const ey = int(text1(fields, 'EY'));
  if (ey !== null) return ey;
  const m = /\b(1[89]\d\d|2\d\d\d)\b/.exec(text1(fields, 'EA') ?? '');
  return m ? Number(m[1]) : null;
}

/** Appends one finished record and its addresses; returns a reason when it cannot be loaded. */
export function emitWosRecord(batch: Batch, f: Map<string, string[]>, line: number, countries: boolean): string | null {
  const uid = text1(f, 'UT');
  if (uid === null) return 'record has no UT (accession number), so it cannot be identified or deduplicated';
  const rc = batch.records;
  const index = rc.uid.length;
  const eaYear = earlyAccessYear(f);
  rc.line.push(line);
  rc.source.push('wos');
  rc.uid.push(uid);
  rc.doi.push(text1(f, 'DI'));
  rc.title.push(text1(f, 'TI'));
  rc.year.push(int(text1(f, 'PY')) ?? eaYear);
  rc.early_access_year.push(eaYear);
  rc.doc_types.push(joinList(list(f, 'DT')));
  rc.pub_type.push(text1(f, 'PT'));
  rc.source_title.push(text1(f, 'SO'));
  rc.language.push(text1(f, 'LA'));
  rc.categories.push(joinList(list(f, 'WC')));
  rc.research_areas.push(joinList(list(f, 'SC')));
  rc.keywords.push(joinList(list(f, 'DE')));
  rc.keywords_plus.push(joinList(list(f, 'ID')));
  rc.abstract.push(text1(f, 'AB'));
  rc.times_cited.push(int(text1(f, 'TC')));

  rc.c1_raw.push(f.has('C1') ? f.get('C1')!.join(' ') : null);
  rc.rp_raw.push(f.has('RP') ? f.get('RP')!.join(' ') : null);
  const c1 = (f.get('C1') ?? []).map(parseC1Line);
  const rpText = text1(f, 'RP');
  const rp = rpText === null ? [] : parseReprintField(rpText);
  rc.has_author_links.push(c1.length > 0 && c1.every((e) => e.authors !== null));
  let pos = 0;
  for (const e of c1) pushAddress(batch, index, ++pos, e, false, countries);
  for (const e of rp) pushAddress(batch, index, ++pos, e, true, countries);
  return null;
}

const NO_COUNTRY = { code: null, tail: '' };

function pushAddress(batch: Batch, rec: number, pos: number, e: AddressEntry, isCorresponding: boolean, countries: boolean): void {
  const { code, tail } = countries ? addressCountry(e.address) : NO_COUNTRY;
  const { organization, city } = addressParts(e.address, code);
  addAddress(batch, { rec, pos, raw: e.address, organization, city, country: code, tail, authors: e.authors, isCorresponding });
}
