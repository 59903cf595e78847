/**
 * Serialises the work on the writer's one DuckDB connection (one statement at a time) while
 * letting the caller go on: the next file is read and parsed while the previous one commits.
 */
export class DbQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
