import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWosPlaintextCorpus } from './write-corpus.js';

/**
 * The bundled samples (`npm run samples` rewrites them; a test checks they are what this
 * script makes): two WoS plain-text exports, one gzipped, over 1985-2024.
 */
export const SAMPLES = [
  { file: 'wos_savedrecs_1.txt', seed: 101, records: 1000, firstYear: 1985, lastYear: 2024 },
  { file: 'wos_savedrecs_2.txt.gz', seed: 202, records: 1000, firstYear: 2010, lastYear: 2024 },
] as const;

export async function writeSamples(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const s of SAMPLES) {
    await writeWosPlaintextCorpus(
      join(dir, s.file),
      { seed: s.seed, firstYear: s.firstYear, lastYear: s.lastYear },
      { records: s.records },
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'samples';
  await writeSamples(dir);
  process.stdout.write(`wrote ${SAMPLES.map((s) => s.file).join(', ')} to ${dir}/\n`);
}
