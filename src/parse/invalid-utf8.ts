import { addReject, type Batch } from '../contracts/batch.js';

/**
 * Where bytes are not UTF-8. Decoding puts U+FFFD in their place and the record loads; these
 * runs become `encoding` rejects, so that a file saved in another encoding (Windows-1252,
 * Latin-1) is named with where it goes wrong instead of loading quietly altered. Only called on
 * chunks that `isUtf8` refuses, so it is written for clarity, not speed.
 */
export interface InvalidRun {
  /** Offset of the first bad byte in the chunk. */
  byte: number;
  /** Bad bytes in a row from there. */
  length: number;
}

export function invalidUtf8Runs(bytes: Uint8Array): InvalidRun[] {
  const runs: InvalidRun[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.byte + last.length === i) last.length++;
    else runs.push({ byte: i, length: 1 });
    i++;
  }
  return runs;
}

/** The length of the well-formed UTF-8 sequence at i (RFC 3629: no overlongs, surrogates or values past U+10FFFF), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Rejects a chunk reports at most, one per line; the lines past them are summed in one more. */
const MAX_REJECTS = 10;

/**
 * Adds an `encoding` reject for each line of the chunk holding bad bytes, at that line (or, in a
 * JSON document, where lines say nothing, at the byte of its first bad byte).
 */
export function rejectInvalidUtf8(batch: Batch, bytes: Uint8Array, byByte: boolean): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: { line: number; start: number; runs: InvalidRun[] }[] = [];
  let line = 1;
  let counted = 0;
  for (const run of invalidUtf8Runs(bytes)) {
    for (let i = buf.indexOf(10, counted); i >= 0 && i < run.byte; i = buf.indexOf(10, i + 1)) {
      line++;
      counted = i + 1;
    }
    const last = lines[lines.length - 1];
    if (last?.line === line) last.runs.push(run);
    else lines.push({ line, start: counted, runs: [run] });
  }
  const sum = (runs: InvalidRun[]): number => runs.reduce((s, r) => s + r.length, 0);
  for (const [k, { line, start, runs }] of lines.entries()) {
    const first = runs[0]!;
    if (k === MAX_REJECTS) {
      const rest = lines.slice(k).flatMap((l) => l.runs);
      addReject(
        batch,
        'invalid-utf8',
        line,
        { detail: `and ${lines.length - k} more lines with invalid UTF-8 (${sum(rest)} bytes), replaced by U+FFFD` },
        '',
        byByte ? first.byte : null,
      );
      return;
    }
    const hex = [...bytes.subarray(first.byte, first.byte + Math.min(first.length, 4))]
      .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
      .join(' ');
    const lineEnd = buf.indexOf(10, first.byte);
    addReject(
      batch,
      'invalid-utf8',
      line,
      {
        detail:
          `invalid UTF-8 (${sum(runs)} byte${sum(runs) > 1 ? 's' : ''}, the first ${hex}${first.length > 4 ? ' ...' : ''}): replaced by U+FFFD, ` +
          'the record loads with them replaced; a file in another encoding (Windows-1252, Latin-1) should be saved again as UTF-8',
      },
      buf.subarray(start, lineEnd < 0 ? buf.length : lineEnd).toString('utf8'),
      byByte ? first.byte : null,
    );
  }
}
