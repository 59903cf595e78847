import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { createGzip } from 'node:zlib';
import { Piscina } from 'piscina';
import generateBlockBytes, { BLOCK_RECORDS, type BlockTask } from './generate-block.js';
import { BATCH_SEPARATORS, FORMAT_FOOTERS, FORMAT_HEADERS, type GeneratedFormat } from './other-formats.js';
import { WOS_FOOTER, WOS_HEADER, type GeneratorOptions } from './wos-plaintext-generator.js';

export interface CorpusSize {
  /** Stop after this many records... */
  records?: number;
  /** ...or at the end of the block (256 records, about 1 MB) that reaches this many bytes (uncompressed). */
  bytes?: number;
}

/** Built code, as in parse/pool.ts: beside this file in dist/, or the build output when the tests load TypeScript. */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/src/gen/generate-block.js', import.meta.url)
  : new URL('./generate-block.js', import.meta.url);

/** Corpora up to this many blocks are made on the calling thread: a pool would cost more than it saves. */
const IN_THREAD_BLOCKS = 8;

/** Streams a generated WoS plain-text export to a file (gzipped when the name ends in .gz); returns records and bytes. */
export function writeWosPlaintextCorpus(
  path: string,
  options: GeneratorOptions,
  size: CorpusSize,
): Promise<{ records: number; bytes: number }> {
  return writeCorpus(path, 'wos-plaintext', options, size);
}

/**
 * Streams a generated corpus in any format coauth reads (generate-block.ts), its blocks made by
 * a worker per core and written in order; `threads` 0 makes them on this thread.
 */
export async function writeCorpus(
  path: string,
  format: GeneratedFormat,
  options: GeneratorOptions,
  size: CorpusSize,
  threads = availableParallelism(),
): Promise<{ records: number; bytes: number }> {
  const file = createWriteStream(path);
  const gz = path.endsWith('.gz') ? createGzip({ level: 6 }) : null;
  if (gz) gz.pipe(file);
  const out = gz ?? file;
  const write = async (data: string | Uint8Array): Promise<void> => {
    if (!out.write(data)) await once(out, 'drain');
  };

  const maxRecords = size.records ?? Number.POSITIVE_INFINITY;
  const maxBytes = size.bytes ?? Number.POSITIVE_INFINITY;
  const blocks = Math.ceil(maxRecords / BLOCK_RECORDS);
  const task = (block: number): BlockTask => ({
    format,
    options,
    block,
    records: Math.min(BLOCK_RECORDS, maxRecords - block * BLOCK_RECORDS),
  });
  const small = blocks <= IN_THREAD_BLOCKS || maxBytes <= IN_THREAD_BLOCKS * 2 ** 20;
  // A large young generation: making a block leaves much short-lived garbage (faster than the default: bench/README.md, generator).
  const pool =
    threads > 0 && !small
      ? new Piscina<BlockTask, Uint8Array>({
          filename: WORKER_URL.href,
          minThreads: threads,
          maxThreads: threads,
          resourceLimits: { maxYoungGenerationSizeMb: 96 },
        })
      : null;
  // Blocks in flight, oldest first: two per worker keep every worker busy while one is written.
  const inFlight: Promise<Uint8Array>[] = [];
  let next = 0;
  const submit = (): void => {
    if (next >= blocks) return;
    const t = task(next++);
    inFlight.push(pool ? pool.run(t) : Promise.resolve(generateBlockBytes(t)));
  };

  const header = format === 'wos-plaintext' ? WOS_HEADER : FORMAT_HEADERS[format];
  let bytes = Buffer.byteLength(header);
  let records = 0;
  let written = 0;
  let empty = true;
  try {
    await write(header);
    for (let i = 0; i < (pool ? 2 * threads : 1); i++) submit();
    while (inFlight.length > 0 && bytes < maxBytes) {
      const block = await inFlight.shift()!;
      records += task(written++).records;
      submit();
      if (block.length === 0) continue;
      const separator = empty ? '' : BATCH_SEPARATORS[format];
      empty = false;
      if (separator !== '') await write(separator);
      bytes += Buffer.byteLength(separator) + block.length;
      await write(block);
    }
  } finally {
    // Blocks made past the end are dropped (destroying the pool rejects those still running).
    for (const p of inFlight) p.catch(() => undefined);
    await pool?.destroy();
  }
  const footer = format === 'wos-plaintext' ? WOS_FOOTER : FORMAT_FOOTERS[format];
  bytes += Buffer.byteLength(footer);
  out.end(footer);
  await once(file, 'finish');
  return { records, bytes };
}
