import { addressCountry } from '../countries/address-country.js';
import { addressParts } from '../countries/address-parts.js';
import { addReject, emptyBatch, joinList, type Batch } from './batch.js';
import { parseC1Line, parseReprintField, type AddressEntry } from './wos-address-lines.js';

/**
 * Parser for Web of Science "plain text" exports (field-tagged, `savedrecs.txt`), as the
 * database really writes them (../shared/corpora/FORMATS.md, section 1):
 *  - `FN`/`VR` headers, also repeated where files were concatenated; `EF` optional;
 *  - a record runs from `PT` to a line that is exactly `ER`;
 *  - a tagged line is two characters `[A-Z][A-Z0-9]`, a space and the value;
 *  - a continuation line starts with three spaces and belongs to the last tag. List fields
 *    (AU, AF, C1, CR, ...) hold one item per line; text fields are wrapped and re-joined with a space.
 *
 * Input is one chunk that the splitter cut at record boundaries, so a record open at the end
 * of the text is truncated. Pure: no I/O, no Node APIs.
 */

/** Tags whose physical lines are items of a list and are never re-joined. */
const LINE_ITEM_TAGS = new Set(['AU', 'AF', 'BA', 'BF', 'BE', 'CA', 'C1', 'CR']);
/** Tags the tables keep; everything else is checked for grammar and skipped. */
const KEPT_TAGS = new Set([
  'PT', 'TI', 'SO', 'DT', 'DE', 'ID', 'AB', 'C1', 'RP', 'WC', 'SC', 'PY', 'EA', 'EY', 'UT', 'DI', 'TC', 'LA',
]);
const TAG = /^[A-Z][A-Z0-9]$/;

interface OpenRecord {
  line: number;
  startOffset: number;
  fields: Map<string, string[]>;
  lastTag: string;
  /** The first grammar problem found inside the record, which rejects it at ER. */
  problem: string | null;
}

export interface ParseOptions {
  /** Records longer than this (in characters) are rejected; the splitter drops longer ones unread. */
  maxRecordChars?: number;
  /** Apply the country rules to addresses (default). Off only to measure what they cost (bench). */
  countries?: boolean;
}

export function parseWosPlaintext(text: string, options: ParseOptions = {}): Batch {
  const source = 'wos';
  const maxRecordChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  const countries = options.countries ?? true;
  const batch = emptyBatch();
  let rec: OpenRecord | null = null;
  let lineNo = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const reject = (r: OpenRecord, reason: string, endOffset: number): void => {
    batch.nRead++;
    addReject(batch, 'record', r.line, reason, text.slice(r.startOffset, Math.min(endOffset, r.startOffset + 300)));
  };

  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const lineStart = pos;
    pos = end + 1;
    lineNo++;
    // Hot path: continuation lines of fields the tables do not keep (CR, the bulk of the bytes) are skipped unread.
    const continuation = text.charCodeAt(lineStart) === 32 && text.charCodeAt(lineStart + 1) === 32 && text.charCodeAt(lineStart + 2) === 32;
    if (continuation && rec !== null && rec.lastTag !== '' && !KEPT_TAGS.has(rec.lastTag)) continue;
    const lineEnd = end > lineStart && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(lineStart, lineEnd);

    if (continuation) {
      if (rec === null) {
        if (line.trim() !== '') addReject(batch, 'line', lineNo, 'continuation line outside a record', line);
        continue;
      }
      if (rec.lastTag === '') {
        rec.problem ??= `line ${lineNo}: continuation line before any tag`;
        continue;
      }
      rec.fields.get(rec.lastTag)!.push(line.slice(3));
      if (rec.lastTag === 'C1' && !line.trimEnd().endsWith('.')) {
        rec.problem ??=
          `line ${lineNo}: C1 line does not end with '.' as every WoS address does; a tag is probably missing above it`;
      }
      continue;
    }
    if (line.trim() === '') continue;

    const tag = line.slice(0, 2);
    if (!TAG.test(tag) || (line.length > 2 && line[2] !== ' ')) {
      if (rec) rec.problem ??= `line ${lineNo}: not a tagged line nor a 3-space continuation`;
      else addReject(batch, 'line', lineNo, 'line outside a record fits no WoS plain-text grammar', line);
      continue;
    }

    if (tag === 'ER') {
      if (rec === null) {
        addReject(batch, 'line', lineNo, 'ER without a record', line);
        continue;
      }
      const r: OpenRecord = rec;
      rec = null;
      if (r.problem) reject(r, r.problem, lineStart);
      else if (pos - r.startOffset > maxRecordChars) {
        reject(r, `record of ${pos - r.startOffset} characters exceeds the ${maxRecordChars}-byte limit (--max-record-mb)`, lineStart);
      }
      else {
        const error = emitRecord(batch, r, source, countries);
        if (error) reject(r, error, lineStart);
        else batch.nRead++;
      }
      continue;
    }
    if (tag === 'FN' || tag === 'VR' || tag === 'EF') {
      if (rec) {
        reject(rec, `record not closed by ER before the ${tag} line ${lineNo}`, lineStart);
        rec = null;
      }
      continue;
    }
    if (tag === 'PT' && rec !== null) {
      reject(rec, `record not closed by ER before the next PT at line ${lineNo}`, lineStart);
      rec = null;
    }
    if (rec === null) {
      if (tag !== 'PT') {
        addReject(batch, 'line', lineNo, `tag ${tag} outside a record (records start with PT)`, line);
        continue;
      }
      rec = { line: lineNo, startOffset: lineStart, fields: new Map(), lastTag: '', problem: null };
    }
    rec.lastTag = tag;
    if (!KEPT_TAGS.has(tag)) continue;
    const value = line.length > 3 ? line.slice(3) : '';
    const lines = rec.fields.get(tag);
    if (lines) lines.push(value);
    else rec.fields.set(tag, [value]);
    if (tag === 'C1' && !value.trimEnd().endsWith('.')) {
      rec.problem ??= `line ${lineNo}: C1 line does not end with '.' as every WoS address does`;
    }
  }
  batch.nLines = lineNo;
  if (rec) reject(rec, 'truncated record: no ER line before the end of the file', text.length);
  return batch;
}

function text1(fields: Map<string, string[]>, tag: string): string | null {
  const lines = fields.get(tag);
  if (!lines) return null;
  const s = (LINE_ITEM_TAGS.has(tag) ? lines.join('\n') : lines.join(' ')).trim();
  return s === '' ? null : s;
}

function list(fields: Map<string, string[]>, tag: string): string[] | null {
  const s = text1(fields, tag);
  if (s === null) return null;
  const items = s.split(';').map((x) => x.trim()).filter((x) => x !== '');
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
function emitRecord(batch: Batch, r: OpenRecord, source: string, countries: boolean): string | null {
  const f = r.fields;
  const uid = text1(f, 'UT');
  if (uid === null) return 'record has no UT (accession number), so it cannot be identified or deduplicated';
  const rc = batch.records;
  const index = rc.uid.length;
  const eaYear = earlyAccessYear(f);
  rc.line.push(r.line);
  rc.source.push(source);
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
const NO_PARTS = { organization: null, city: null };

function pushAddress(batch: Batch, rec: number, pos: number, e: AddressEntry, isCorresponding: boolean, countries: boolean): void {
  const a = batch.addresses;
  const { code, tail } = countries ? addressCountry(e.address) : NO_COUNTRY;
  const { organization, city } = countries ? addressParts(e.address, code) : NO_PARTS;
  a.rec.push(rec);
  a.addr_pos.push(pos);
  a.raw.push(e.address);
  a.organization.push(organization);
  a.city.push(city);
  a.country.push(code);
  a.country_tail.push(tail);
  a.authors.push(joinList(e.authors));
  a.is_corresponding.push(isCorresponding);
}
