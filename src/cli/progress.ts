import type { Progress } from '../ingest/ingest.js';

/** A one-line progress bar on a terminal (stderr); nothing when stderr is not a TTY. */
export class ProgressBar {
  private last = 0;
  private shown = false;
  private readonly started = performance.now();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(p: Progress): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const width = 30;
    const filled = Math.round(frac * width);
    const secs = (now - this.started) / 1000;
    const mbs = secs > 0 ? p.bytesDone / 1e6 / secs : 0;
    const name = p.file.split(/[\\/]/).pop() ?? '';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${p.records} records  ${mbs.toFixed(1)} MB/s  ${name}`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 120) - 1).padEnd(Math.min(119, (this.stream.columns ?? 120) - 1))}`);
    this.shown = true;
  }

  /** Clears the bar so that the next message starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
