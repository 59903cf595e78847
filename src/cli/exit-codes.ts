import type { IngestSummary } from '../ingest/ingest.js';

/**
 * Exit codes a nightly job can act on (README, "Exit codes"). Files and rejects are judged
 * after what did load is committed.
 */
export const EXIT = {
  /** Every file done (or skipped as done before). */
  ok: 0,
  /** Anything else that went wrong: an error message says what. */
  error: 1,
  /** A wrong option, job key or argument: nothing was done. */
  usage: 2,
  /** Some file partial, failed or unsupported: it is retried on the next run (`coauth files`). */
  notLoaded: 3,
  /** More records rejected than --max-reject-rate allows. */
  tooManyRejects: 4,
  /** Another coauth process holds the database (a run in progress). */
  busy: 5,
  /** A report asked for what has no paper (a field, a country, a code that names none); --allow-empty makes it 0. */
  emptyAnswer: 6,
} as const;

/** The exit code an ingest's outcome calls for. */
export function ingestExitCode(summary: IngestSummary, maxRejectRate: number): number {
  if (summary.files.some((f) => f.status === 'partial' || f.status === 'failed' || f.status === 'unsupported')) return EXIT.notLoaded;
  if (summary.nRead > 0 && summary.nRejected / summary.nRead > maxRejectRate) return EXIT.tooManyRejects;
  return EXIT.ok;
}
