import { addReject, emptyBatch, type Batch } from '../contracts/batch.js';
import type { ProblemCode, ProblemParams } from '../contracts/problems.js';
import { emitWosRecord, KEPT_TAGS } from './wos-record.js';

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

const TAG = /^[A-Z][A-Z0-9]$/;

interface OpenRecord {
  line: number;
  startOffset: number;
  fields: Map<string, string[]>;
  lastTag: string;
  /** The first grammar problem found inside the record, which rejects it at ER. */
  problem: Problem | null;
}

interface Problem {
  code: ProblemCode;
  params: ProblemParams;
}

export interface ParseOptions {
  /** Records longer than this (in characters) are rejected; the splitter drops longer ones unread. */
  maxRecordChars?: number;
  /** Apply the country rules to addresses (default). Off only to measure what they cost (bench): addresses keep their other parts. */
  countries?: boolean;
}

export function parseWosPlaintext(text: string, options: ParseOptions = {}): Batch {
  const maxRecordChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  const countries = options.countries ?? true;
  const batch = emptyBatch();
  let rec: OpenRecord | null = null;
  let lineNo = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const reject = (r: OpenRecord, p: Problem, endOffset: number): void => {
    batch.nRead++;
    addReject(batch, p.code, r.line, p.params, text.slice(r.startOffset, Math.min(endOffset, r.startOffset + 300)));
  };

  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const lineStart = pos;
    pos = end + 1;
    lineNo++;
    // Hot path: continuation lines of fields the tables do not keep (CR, the bulk of the bytes) are skipped unread.
    const continuation =
      text.charCodeAt(lineStart) === 32 && text.charCodeAt(lineStart + 1) === 32 && text.charCodeAt(lineStart + 2) === 32;
    if (continuation && rec !== null && rec.lastTag !== '' && !KEPT_TAGS.has(rec.lastTag)) continue;
    const lineEnd = end > lineStart && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(lineStart, lineEnd);

    if (continuation) {
      if (rec === null) {
        if (line.trim() !== '') addReject(batch, 'stray-line', lineNo, { what: 'continuation line outside a record' }, line);
        continue;
      }
      if (rec.lastTag === '') {
        rec.problem ??= { code: 'grammar', params: { line: lineNo, what: 'continuation line before any tag' } };
        continue;
      }
      rec.fields.get(rec.lastTag)!.push(line.slice(3));
      if (rec.lastTag === 'C1' && !line.trimEnd().endsWith('.')) {
        rec.problem ??= { code: 'c1-unterminated', params: { line: lineNo } };
      }
      continue;
    }
    if (line.trim() === '') continue;

    const tag = line.slice(0, 2);
    if (!TAG.test(tag) || (line.length > 2 && line[2] !== ' ')) {
      if (rec) rec.problem ??= { code: 'grammar', params: { line: lineNo, what: 'not a tagged line nor a 3-space continuation' } };
      else addReject(batch, 'stray-line', lineNo, { what: 'line outside a record fits no WoS plain-text grammar' }, line);
      continue;
    }

    if (tag === 'ER') {
      if (rec === null) {
        addReject(batch, 'stray-line', lineNo, { what: 'ER without a record' }, line);
        continue;
      }
      const r: OpenRecord = rec;
      rec = null;
      if (r.problem) reject(r, r.problem, lineStart);
      else if (pos - r.startOffset > maxRecordChars) {
        reject(r, { code: 'too-large', params: { size: pos - r.startOffset, unit: 'characters', limit: maxRecordChars } }, lineStart);
      } else {
        const error = emitWosRecord(batch, r.fields, r.line, countries);
        if (error) reject(r, { code: 'invalid-record', params: { detail: error } }, lineStart);
        else batch.nRead++;
      }
      continue;
    }
    if (tag === 'FN' || tag === 'VR' || tag === 'EF') {
      if (rec) {
        reject(rec, { code: 'not-closed', params: { before: tag, line: lineNo } }, lineStart);
        rec = null;
      }
      continue;
    }
    if (tag === 'PT' && rec !== null) {
      reject(rec, { code: 'not-closed', params: { before: 'next PT at', line: lineNo } }, lineStart);
      rec = null;
    }
    if (rec === null) {
      if (tag !== 'PT') {
        addReject(batch, 'stray-line', lineNo, { what: `tag ${tag} outside a record (records start with PT)` }, line);
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
      rec.problem ??= { code: 'c1-unterminated', params: { line: lineNo } };
    }
  }
  batch.nLines = lineNo;
  if (rec) reject(rec, { code: 'truncated', params: {} }, text.length);
  return batch;
}
