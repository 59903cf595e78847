import { describe, expect, it } from 'vitest';
import { csvRows } from '../src/parse/delimited-rows.js';
import { csvBoundary, RecordSplitter, wosPlaintextBoundary, type BoundaryFinder, type Piece } from '../src/split/record-splitter.js';

function rec(i: number, bodyLines = 3, eol = '\n'): string {
  return ['PT J', `UT WOS:${i}`, ...Array.from({ length: bodyLines }, (_, k) => `CR ref ${i}.${k}`), 'ER', ''].join(eol) + eol;
}

/** Feeds text in pieces of `step` bytes, as a file stream would. */
function split(
  text: string,
  step: number,
  targetBytes: number,
  maxRecordBytes = 1 << 20,
  boundary: BoundaryFinder = wosPlaintextBoundary,
): Piece[] {
  const s = new RecordSplitter(boundary, { targetBytes, maxRecordBytes });
  const bytes = Buffer.from(text);
  const out: Piece[] = [];
  for (let i = 0; i < bytes.length; i += step) out.push(...s.push(bytes.subarray(i, i + step)));
  out.push(...s.end());
  return out;
}

const decode = (p: Piece): string => (p.kind === 'chunk' ? Buffer.from(p.bytes).toString() : '');

describe('record splitter', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('cuts %s input only after ER lines and loses no byte', (_name, eol) => {
    const text = 'FN x' + eol + 'VR 1.0' + eol + Array.from({ length: 50 }, (_, i) => rec(i, 3, eol)).join('') + 'EF';
    for (const step of [1, 7, 64, 1000]) {
      const pieces = split(text, step, 200);
      expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(text.length / Math.max(step, 200)) - 1);
      expect(pieces.map(decode).join('')).toBe(text);
      for (const p of pieces.slice(0, -1)) expect(decode(p).endsWith(`${eol}ER${eol}`)).toBe(true);
      let offset = 0;
      for (const p of pieces) {
        expect(p.byteOffset).toBe(offset);
        offset += p.kind === 'chunk' ? p.bytes.length : p.nBytes;
      }
    }
  });

  it('does not take a line starting with ER inside a field for a boundary', () => {
    const text = 'PT J\nTI ERRORS\nER\n\n' + 'PT J\nTI x\n   ERNST\nER\n\n';
    const pieces = split(text, 3, 10);
    expect(pieces.map(decode)).toEqual(['PT J\nTI ERRORS\nER\n', '\nPT J\nTI x\n   ERNST\nER\n', '\n']);
  });

  it('drops a record over the size limit up to its ER, reports its lines, and keeps the next records', () => {
    const big = rec(1, 2000);
    const text = rec(0) + big + rec(2) + rec(3);
    const pieces = split(text, 256, 100, 4096);
    const over = pieces.filter((p) => p.kind === 'oversize');
    expect(over).toHaveLength(1);
    const o = over[0]! as Extract<Piece, { kind: 'oversize' }>;
    expect(o.head.trimStart().startsWith('PT J\nUT WOS:1\n')).toBe(true);
    const kept = pieces.map(decode).join('');
    expect(kept).not.toContain('WOS:1\n');
    expect(kept).toContain('UT WOS:0');
    expect(kept).toContain('UT WOS:2');
    expect(kept).toContain('UT WOS:3');
    // Every line is counted once, in a chunk or in the dropped record.
    const newlines = (s: string): number => s.split('\n').length - 1;
    const counted = pieces.reduce((n, p) => n + (p.kind === 'chunk' ? newlines(decode(p)) : p.nLines), 0);
    expect(counted).toBe(newlines(text));
  });

  it('cuts CSV at the row ends the parser reads, unreadable rows included, so chunks read as the whole file does', () => {
    const rows = Array.from({ length: 60 }, (_, i) => {
      const abstract = i % 7 === 0 ? `"line one\r\nline ""two""\nthree"` : `"plain ${i}"`;
      if (i === 11) return `"a","stray "quote" ${i}",${abstract}`; // text after a closing quote
      if (i === 23) return `"a","lost close ${i},${abstract}`; // a cell never closed in its row
      if (i === 37) return `x"${i},"b",${abstract}`; // a quote in an unquoted cell
      return `"a ${i}","b ${i}",${abstract}`;
    });
    const csv = 'A,B,C\n' + rows.join('\n') + '\n\n' + '"x","unclosed';
    const whole = csvRows(csv);
    expect(whole.errors.map((e) => e.message)).toEqual([
      'text after a closing quote',
      'text after a closing quote',
      'a quote inside an unquoted cell',
      'a quoted cell is never closed',
    ]);
    expect(whole.rows).toHaveLength(1 + 60 - 3);
    for (const step of [1, 13, 100]) {
      for (const target of [1, 64, 300]) {
        const read = { rows: [] as unknown[], errors: [] as unknown[] };
        let line = 0;
        for (const p of split(csv, step, target, 1 << 20, csvBoundary)) {
          const chunk = decode(p);
          const r = csvRows(chunk);
          read.rows.push(...r.rows.map((x) => ({ ...x, line: x.line + line })));
          read.errors.push(...r.errors.map((x) => ({ ...x, line: x.line + line })));
          line += chunk.split('\n').length - 1;
        }
        expect(read, `step ${step}, target ${target}`).toEqual(whole);
      }
    }
  });
});
