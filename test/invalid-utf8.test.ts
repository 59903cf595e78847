import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { invalidUtf8Runs } from '../src/parse/invalid-utf8.js';

describe('invalid UTF-8 runs', () => {
  it('finds the bad bytes of RFC 3629 cases: stray continuation, overlong, surrogate, past U+10FFFF, cut sequence', () => {
    const cases: [number[], [number, number][]][] = [
      [[0x61, 0xc3, 0xa9, 0x62], []],
      [[0x61, 0xe9, 0x62], [[1, 1]]],
      [[0x80, 0x81], [[0, 2]]],
      [[0xc0, 0x80, 0x61], [[0, 2]]],
      [[0xe0, 0x80, 0x80], [[0, 3]]],
      [[0xed, 0xa0, 0x80], [[0, 3]]],
      [[0xf4, 0x90, 0x80, 0x80], [[0, 4]]],
      [[0xf0, 0x9f, 0x98, 0x80, 0x61], []],
      [[0x61, 0xe2, 0x82], [[1, 2]]],
    ];
    for (const [bytes, runs] of cases) {
      expect(
        invalidUtf8Runs(Uint8Array.from(bytes)).map((r) => [r.byte, r.length]),
        bytes.join(' '),
      ).toEqual(runs);
    }
  });

  it('agrees with Node on whether random bytes are UTF-8', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    let invalid = 0;
    for (let k = 0; k < 3000; k++) {
      // Mostly ASCII and valid multi-byte sequences, with a few random high bytes.
      const bytes = Buffer.from(
        Array.from({ length: 1 + (next() % 12) }, () => (next() % 8 === 0 ? 0x80 + (next() % 0x80) : 0x20 + (next() % 0x5f))).map((c) => c),
      );
      const text = Buffer.concat([bytes, Buffer.from('é€😀')]);
      const found = invalidUtf8Runs(text).length > 0;
      expect(found, text.toString('hex')).toBe(!isUtf8(text));
      if (found) invalid++;
    }
    expect(invalid).toBeGreaterThan(500);
  });
});
