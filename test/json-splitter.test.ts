import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from '../src/split/json-splitter.js';
import type { Piece } from '../src/split/record-splitter.js';

/** Feeds bytes in pieces of `step`, as a file stream would. */
function split(bytes: Buffer, step: number, targetBytes = 64): Piece[] {
  const s = new JsonRecordSplitter({ targetBytes, maxRecordBytes: 1 << 20 });
  const out: Piece[] = [];
  for (let i = 0; i < bytes.length; i += step) out.push(...s.push(bytes.subarray(i, i + step)));
  out.push(...s.end());
  return out;
}

const records = (pieces: Piece[]): unknown[] =>
  pieces.flatMap((p) => (p.kind === 'chunk' ? (JSON.parse(Buffer.from(p.bytes).toString('utf8')) as unknown[]) : []));

describe('JSON splitter', () => {
  it('reads strings with escaped quotes and backslashes the same wherever the input is cut', () => {
    // Backslash runs of every parity before quotes, braces and brackets inside strings, and UTF-8.
    const works = Array.from({ length: 12 }, (_, i) => ({
      id: `https://openalex.org/W${i + 1}`,
      title: ['a "quoted" {word}', 'path C:\\dir\\', 'odd \\" then \\\\" end', '] } [ {', 'é 😀 "\\\\\\"'][i % 5],
      authorships: [{ raw: `x${'\\'.repeat(i)}"` }],
    }));
    const bytes = Buffer.from(JSON.stringify({ meta: { count: 12 }, results: works }));
    for (const step of [1, 2, 3, 5, 64, bytes.length]) {
      const pieces = split(bytes, step);
      expect(
        pieces.every((p) => p.kind === 'chunk'),
        `step ${step}`,
      ).toBe(true);
      expect(records(pieces), `step ${step}`).toEqual(works);
    }
  });
});
