import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Batch } from './batch.js';
import type { ParseTask } from './worker.js';

/**
 * The worker pool. The worker is always the compiled dist/parse/worker.js: the same relative
 * path works from dist/parse/pool.js and from src/parse/pool.ts (tests run after `npm run build`).
 */
const WORKER_URL = new URL('../../dist/parse/worker.js', import.meta.url);

export class ParserPool {
  private readonly pool: Piscina<ParseTask, Batch>;
  readonly threads: number;

  constructor(threads = defaultThreads()) {
    if (!Number.isInteger(threads) || threads < 1) throw new TypeError(`workers must be a whole number >= 1, got ${threads}`);
    this.threads = threads;
    this.pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }

  parse(task: ParseTask): Promise<Batch> {
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
