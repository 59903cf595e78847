import { addReject, countLines, emptyBatch, type Batch } from '../contracts/batch.js';
import type { XmlElement } from './xml-element.js';
import { all, one, parseXmlTree, textOf } from './xml-tree.js';
import type { ParseOptions } from './wos-plaintext.js';
import { emitWosRecord } from './wos-record.js';

/**
 * Parser for Web of Science XML (raw-data deliveries and the API's XML; FORMATS.md, section 3):
 * each `<REC>` of the chunk, with or without namespace, inside `<records>` roots (also two
 * concatenated), API CDATA envelopes, or alone. A REC becomes the same fields the plain-text
 * export holds (C1 as `[names] address.` lines from the addr_no links, RP from the reprint
 * address), so that the same paper gives the same row in every WoS format (wos-record.ts).
 */
export function parseWosXml(text: string, options: ParseOptions = {}): Batch {
  const batch = emptyBatch();
  const maxChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  // Line numbers advance with the RECs, so the chunk is scanned for line ends once.
  let line = 1;
  let counted = 0;
  let next: number;
  for (let start = findRecStart(text, 0); start >= 0; start = next) {
    next = findRecStart(text, start + 4);
    const end = findRecEnd(text, start);
    batch.nRead++;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    // RECs do not nest: a REC opened before this one closes means this one never does, and
    // costs itself only.
    if (end < 0 || (next >= 0 && next < end)) {
      const where = next < 0 ? 'the end of the file' : 'the next REC starts';
      addReject(batch, 'rec-not-closed', line, { where }, text.slice(start, start + 300));
      continue;
    }
    const xml = text.slice(start, end);
    if (xml.length > maxChars) {
      addReject(batch, 'too-large', line, { size: xml.length, unit: 'characters', limit: maxChars }, xml.slice(0, 300));
      continue;
    }
    let rec: XmlElement;
    try {
      rec = parseXmlTree(xml);
    } catch (e) {
      addReject(batch, 'xml', line, { detail: (e as Error).message.split('\n')[0]! }, xml.slice(0, 300));
      continue;
    }
    const error = emitWosRecord(batch, wosFieldsOf(rec), line, options.countries ?? true);
    if (error) addReject(batch, 'invalid-record', line, { detail: error }, xml.slice(0, 300));
  }
  batch.nLines = countLines(text);
  return batch;
}

const REC_OPEN = /<(?:[\w-]+:)?REC[\s>]/g;
const REC_CLOSE = /<\/(?:[\w-]+:)?REC\s*>/g;

function findRecStart(text: string, from: number): number {
  REC_OPEN.lastIndex = from;
  const m = REC_OPEN.exec(text);
  return m ? m.index : -1;
}

function findRecEnd(text: string, from: number): number {
  REC_CLOSE.lastIndex = from;
  const m = REC_CLOSE.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** A REC as plain-text fields (tag -> lines); also the reading of WoS API JSON (wos-json.ts). */
export function wosFieldsOf(rec: XmlElement): Map<string, string[]> {
  const f = new Map<string, string[]>();
  const set = (tag: string, v: string | null | undefined) => {
    if (v) f.set(tag, [v]);
  };
  const summary = one(rec, 'static_data/summary');
  const full = one(rec, 'static_data/fullrecord_metadata');
  set('UT', textOf(one(rec, 'UID')));
  const pub = one(summary, 'pub_info');
  set('PY', pub?.attrs.pubyear);
  if (pub?.attrs.early_access_year) set('EY', pub.attrs.early_access_year);
  const titles = all(summary, 'titles/title');
  set('TI', textOf(titles.find((t) => t.attrs.type === 'item')));
  set('SO', textOf(titles.find((t) => t.attrs.type === 'source')));
  set('DT', all(summary, 'doctypes/doctype').map(textOf).filter(Boolean).join('; '));
  set('LA', textOf(all(full, 'languages/language').find((l) => l.attrs.type === 'primary') ?? one(full, 'languages/language')));
  set('DE', all(full, 'keywords/keyword').map(textOf).filter(Boolean).join('; '));
  set('ID', all(rec, 'static_data/item/keywords_plus/keyword').map(textOf).filter(Boolean).join('; '));
  set('AB', all(full, 'abstracts/abstract/abstract_text/p').map(textOf).filter(Boolean).join(' '));
  const subjects = all(full, 'category_info/subjects/subject');
  set(
    'WC',
    subjects
      .filter((s) => s.attrs.ascatype === 'traditional')
      .map(textOf)
      .filter(Boolean)
      .join('; '),
  );
  set(
    'SC',
    subjects
      .filter((s) => s.attrs.ascatype === 'extended')
      .map(textOf)
      .filter(Boolean)
      .join('; '),
  );
  const ids = all(rec, 'dynamic_data/cluster_related/identifiers/identifier');
  set('DI', (ids.find((i) => i.attrs.type === 'doi') ?? ids.find((i) => i.attrs.type === 'xref_doi'))?.attrs.value);
  const tc = all(rec, 'dynamic_data/citation_related/tc_list/silo_tc').find((s) => s.attrs.coll_id === 'WOS');
  set('TC', tc?.attrs.local_count);

  // Authors, by the address numbers they are linked to (addr_no="1 2"), in their order.
  const authors = all(summary, 'names/name').filter((n) => (n.attrs.role ?? 'author') === 'author');
  const fullName = (n: XmlElement) => textOf(one(n, 'full_name')) ?? textOf(one(n, 'display_name')) ?? textOf(one(n, 'wos_standard')) ?? '';
  const shortName = (n: XmlElement) => textOf(one(n, 'wos_standard')) ?? fullName(n);
  const c1: string[] = [];
  for (const spec of all(full, 'addresses/address_name/address_spec')) {
    const no = spec.attrs.addr_no;
    const linked = no ? authors.filter((n) => (n.attrs.addr_no ?? '').split(/\s+/).includes(no)).map(fullName) : [];
    c1.push(`${linked.length > 0 ? `[${linked.join('; ')}] ` : ''}${addressText(spec)}.`);
  }
  if (c1.length > 0) f.set('C1', c1);
  const reprint = [...all(full, 'reprint_addresses/address_name'), ...all(rec, 'static_data/item/reprint_contact')];
  const rp = reprint
    .map((r) => {
      const spec = one(r, 'address_spec');
      if (!spec) return null;
      const names = all(r, 'names/name').map(shortName).filter(Boolean);
      const who = names.length > 0 ? names : authors.filter((n) => n.attrs.reprint === 'Y').map(shortName);
      return `${who.length > 0 ? `${who.join('; ')} (corresponding author), ` : ''}${addressText(spec)}.`;
    })
    .filter((x): x is string => x !== null);
  if (rp.length > 0) f.set('RP', [rp.join('; ')]);
  return f;
}

/** The address as a C1 line has it: full_address, with the country added when it is missing. */
function addressText(spec: XmlElement): string {
  const full = textOf(one(spec, 'full_address')) ?? '';
  const country = textOf(one(spec, 'country'));
  if (country && !full.toUpperCase().endsWith(country.toUpperCase()) && !/\b[A-Z]{2}( \d{5})?$/.test(full)) {
    return full ? `${full}, ${country}` : country;
  }
  return full || (country ?? '');
}
