import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { parseWosPlaintext } from '../parse/wos-plaintext.js';
import { BATCH_SEPARATORS, convertBatch, FORMAT_FOOTERS, FORMAT_HEADERS, type GeneratedFormat } from './other-formats.js';
import { WOS_FOOTER, WOS_HEADER, WosPlaintextGenerator, type GeneratorOptions } from './wos-plaintext-generator.js';

export interface CorpusSize {
  /** Stop after this many records... */
  records?: number;
  /** ...or once this many bytes (uncompressed) are written. */
  bytes?: number;
}

/** Streams a generated WoS plain-text export to a file (gzipped when the name ends in .gz); returns records and bytes. */
export function writeWosPlaintextCorpus(path: string, options: GeneratorOptions, size: CorpusSize): Promise<{ records: number; bytes: number }> {
  return writeCorpus(path, 'wos-plaintext', options, size);
}

/**
 * Streams a generated corpus in any format coauth reads: plain text as generated, the other
 * formats made from it record for record (other-formats.ts), so they carry the same papers.
 */
export async function writeCorpus(
  path: string,
  format: GeneratedFormat,
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
  const plain = format === 'wos-plaintext';
  let pending = plain ? WOS_HEADER : FORMAT_HEADERS[format];
  let block = '';
  const maxRecords = size.records ?? Number.POSITIVE_INFINITY;
  const maxBytes = size.bytes ?? Number.POSITIVE_INFINITY;
  let firstBatch = true;
  const flushBlock = (): void => {
    const text = plain ? block : convertBatch(parseWosPlaintext(block), format);
    block = '';
    if (text === '') return;
    pending += (firstBatch ? '' : BATCH_SEPARATORS[format]) + text;
    firstBatch = false;
  };
  while (records < maxRecords && bytes + pending.length < maxBytes) {
    block += gen.record();
    records++;
    if (block.length > 1 << 20) flushBlock();
    if (pending.length > 1 << 20) {
      bytes += Buffer.byteLength(pending);
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  flushBlock();
  pending += plain ? WOS_FOOTER : FORMAT_FOOTERS[format];
  bytes += Buffer.byteLength(pending);
  out.end(pending);
  await once(file, 'finish');
  return { records, bytes };
}
