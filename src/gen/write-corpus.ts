import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { WOS_FOOTER, WOS_HEADER, WosPlaintextGenerator, type GeneratorOptions } from './wos-plaintext-generator.js';

export interface CorpusSize {
  /** Stop after this many records... */
  records?: number;
  /** ...or once this many bytes (uncompressed) are written. */
  bytes?: number;
}

/** Streams a generated WoS plain-text export to a file (gzipped when the name ends in .gz); returns records and bytes. */
export async function writeWosPlaintextCorpus(
  path: string,
  options: GeneratorOptions,
  size: CorpusSize,
): Promise<{ records: number; bytes: number }> {
  const file = createWriteStream(path);
  const gz = path.endsWith('.gz') ? createGzip({ level: 6 }) : null;
  if (gz) gz.pipe(file);
  const out = gz ?? file;
  const gen = new WosPlaintextGenerator(options);
  let bytes = 0;
  let records = 0;
  let pending = WOS_HEADER;
  const maxRecords = size.records ?? Number.POSITIVE_INFINITY;
  const maxBytes = size.bytes ?? Number.POSITIVE_INFINITY;
  while (records < maxRecords && bytes < maxBytes) {
    pending += gen.record();
    records++;
    if (pending.length > 1 << 20) {
      bytes += Buffer.byteLength(pending);
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  pending += WOS_FOOTER;
  bytes += Buffer.byteLength(pending);
  out.end(pending);
  await once(file, 'finish');
  return { records, bytes };
}
