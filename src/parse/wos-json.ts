import { addReject, emptyBatch, type Batch } from '../contracts/batch.js';
import { forEachJsonLine, JsonRecords } from './json-records.js';
import type { ParseOptions } from './wos-plaintext.js';
import { emitWosRecord } from './wos-record.js';
import { wosFieldsOf } from './wos-xml.js';
import type { XmlElement } from './xml-element.js';

/**
 * Parser for the WoS Expanded API's JSON (../shared/corpora/FORMATS.md, section 3.3): a chunk is
 * a JSON array of RECs cut from `Data.Records.records.REC` by json-splitter.ts, or of whole
 * response pages (a page with a single REC, which the API writes as an object, not an array).
 * The JSON mirrors the XML tree, so each REC becomes that tree and goes through the XML
 * parser's reading of it: the same paper gives the same row as in XML, plain text and
 * tab-delimited.
 */
export function parseWosJson(text: string, options: ParseOptions = {}): Batch {
  const batch = emptyBatch();
  const items = new JsonRecords(text, batch);
  items.values.forEach((item, i) => emitItem(batch, item, 0, items.byteOf(i), options));
  return batch;
}

/** WoS API JSON Lines: a response page (or a REC) per line, as paged API calls are often saved; rejects give the line. */
export function parseWosJsonLines(text: string, options: ParseOptions = {}): Batch {
  const batch = emptyBatch();
  forEachJsonLine(text, batch, (item, line) => emitItem(batch, item, line, null, options));
  return batch;
}

/** The RECs of a page (or a REC alone) as rows; `byte`: where the item starts in the chunk, when lines say nothing. */
function emitItem(batch: Batch, item: unknown, line: number, byte: number | null, options: ParseOptions): void {
  const recs = recsOf(item);
  if (recs.length === 0) batch.nEmptyPages++;
  for (const rec of recs) {
    batch.nRead++;
    const excerpt = () => JSON.stringify(rec).slice(0, 300);
    if (!isObject(rec)) {
      addReject(batch, 'invalid-record', line, { detail: 'REC is not a JSON object' }, excerpt(), byte);
      continue;
    }
    const error = emitWosRecord(batch, wosFieldsOf(toElement('REC', rec)), line, options.countries ?? true);
    if (error) addReject(batch, 'invalid-record', line, { detail: error }, excerpt(), byte);
  }
}

/** The RECs of an item: a REC itself, or a response page (`"records": ""` when it holds none). */
function recsOf(item: unknown): unknown[] {
  if (!isObject(item) || !('Data' in item)) return [item];
  const records = (item.Data as { Records?: { records?: { REC?: unknown } | string } } | null)?.Records?.records;
  if (!isObject(records) || records.REC === undefined) return [];
  return Array.isArray(records.REC) ? records.REC : [records.REC];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A JSON object as the XML element it was made from. The conversion does not say which keys
 * were attributes and which were elements holding only text (`pub_info.pubyear` was an
 * attribute, `address_spec.full_address` an element), so a key with a plain value becomes both;
 * `content` is the element's own text; an array is the element repeated.
 */
function toElement(name: string, value: unknown): XmlElement {
  const el: XmlElement = { name, attrs: {}, children: [], text: '' };
  if (!isObject(value)) {
    el.text = value === null || value === undefined ? '' : String(value);
    return el;
  }
  for (const key in value) {
    const v = value[key];
    if (key === 'content') {
      el.text = Array.isArray(v) ? v.join(' ') : String(v ?? '');
      continue;
    }
    if (v !== null && typeof v !== 'object') el.attrs[key] = String(v);
    if (Array.isArray(v)) for (const item of v) el.children.push(toElement(key, item));
    else el.children.push(toElement(key, v));
  }
  return el;
}
