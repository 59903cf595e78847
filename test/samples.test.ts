import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SAMPLES, writeSamples } from '../src/gen/samples.js';
import { parseWosPlaintext } from '../src/parse/wos-plaintext.js';
import { ROOT, tempDir } from './helpers.js';
import { problemKind, problemMessage } from '../src/contracts/problems.js';
import type { Batch } from '../src/contracts/batch.js';

/** The rejects' kinds and messages, as the writer makes them from codes (contracts/problems.ts). */
const kinds = (b: Batch) => b.rejects.code.map(problemKind);
const reasons = (b: Batch) => b.rejects.code.map((c, i) => problemMessage(c, b.rejects.params[i]!));

const read = (path: string): string => {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

describe('bundled samples', () => {
  it('are exactly what the seeded generator writes', async () => {
    const dir = tempDir();
    await writeSamples(dir);
    for (const s of SAMPLES) expect(read(join(dir, s.file)), s.file).toBe(read(join(ROOT, 'samples', s.file)));
  });

  it('parse without rejects, with the mix the generator promises', () => {
    const text = read(join(ROOT, 'samples', SAMPLES[0].file));
    const b = parseWosPlaintext(text);
    expect(b.nRead).toBe(SAMPLES[0].records);
    expect(kinds(b)).toEqual([]);
    const years = b.records.year.filter((y): y is number => y !== null);
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1985);
    expect(Math.min(...years)).toBeLessThan(1990);
    // Old records have no [names] brackets, so no author-address links.
    expect(b.records.has_author_links.filter((x) => !x).length).toBeGreaterThan(100);
    expect(new Set(b.addresses.country).size).toBeGreaterThan(25);
    expect(b.addresses.country.filter((c) => c === null)).toEqual([]);
  });
});
