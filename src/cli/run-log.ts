import { appendFileSync } from 'node:fs';

/**
 * The nightly job's log: JSON Lines appended to the file the job names, one object a line
 * (`event`: start, file, step, warning, error, summary), each with its time. Without a file, nothing.
 */
export class RunLog {
  constructor(private readonly path: string | undefined) {}

  write(event: string, fields: Record<string, unknown>): void {
    if (this.path === undefined) return;
    appendFileSync(this.path, JSON.stringify({ time: new Date().toISOString(), event, ...fields }) + '\n');
  }
}
