import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { DEFAULT_SPLITTER_OPTIONS } from '../contracts/chunking.js';
import type { ChunkSummary, ParseTask } from '../contracts/staging.js';
import { UsageError } from '../contracts/usage-error.js';

/**
 * The worker pool. Workers run compiled JavaScript: beside this file in dist/, and from the
 * build output when this module is loaded as TypeScript by the tests (`npm test` builds first).
 */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/src/parse/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

export class ParserPool {
  private readonly pool: Piscina<ParseTask, ChunkSummary>;
  readonly threads: number;

  /**
   * Worker heaps are capped so that V8 collects instead of growing (peak RSS is a budget: three
   * isolates by default heuristics took half of it beside DuckDB; bench/README.md): a small young
   * generation, and an old generation that still holds the largest record allowed, parsed.
   */
  constructor(threads = defaultThreads(), maxRecordBytes = DEFAULT_SPLITTER_OPTIONS.maxRecordBytes) {
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`workers must be a whole number >= 1, got ${threads}`);
    this.threads = threads;
    const resourceLimits = {
      maxOldGenerationSizeMb: Math.max(256, Math.ceil((12 * maxRecordBytes) / 2 ** 20)),
      maxYoungGenerationSizeMb: 16,
    };
    this.pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, resourceLimits });
  }

  parse(task: ParseTask): Promise<ChunkSummary> {
    const buf = task.bytes.buffer;
    // Transfer the chunk's memory when the chunk owns all of it; otherwise it is copied.
    const transfer = task.bytes.byteOffset === 0 && task.bytes.byteLength === buf.byteLength;
    return this.pool.run(task, transfer ? { transferList: [buf as ArrayBuffer] } : {});
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
