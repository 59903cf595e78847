import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ChunkSummary, ParseTask } from './worker.js';

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

  constructor(threads = defaultThreads()) {
    if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`workers must be a whole number >= 1, got ${threads}`);
    this.threads = threads;
    this.pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
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
