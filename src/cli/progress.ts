import type { Progress } from '../ingest/ingest.js';
import { shortenMiddle } from '../text/shorten.js';

/**
 * What an ingest prints on stderr while it runs. On a terminal: a one-line bar with the records
 * and bytes read so far, the rate, the time left and the current file. Without a terminal (cron,
 * a log): lines only, a progress line whenever nothing was printed for HEARTBEAT_MS, so that a
 * log never goes silent on a long run.
 */
const HEARTBEAT_MS = Number(process.env.COAUTH_HEARTBEAT_MS ?? 5000);

export class ProgressBar {
  private lastDraw = 0;
  private lastLine = performance.now();
  private shown = false;
  private latest: Progress | null = null;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.timer = this.enabled ? null : setInterval(() => this.heartbeat(), Math.min(1000, HEARTBEAT_MS));
    this.timer?.unref();
  }

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(p: Progress): void {
    this.latest = p;
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = Math.max(40, (this.stream.columns ?? 100) - 1);
    const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const bar = `[${'#'.repeat(Math.round(frac * 20)).padEnd(20, '.')}] ${(frac * 100).toFixed(0).padStart(3)}%`;
    const head = `${bar}  ${this.figures(p)}  `;
    this.stream.write(`\r${head}${shortenMiddle(baseName(p.file), Math.max(10, width - head.length))}\x1b[K`);
    this.shown = true;
  }

  /** A line above the bar (or in the log). */
  line(text: string): void {
    this.clear();
    this.stream.write(text + '\n');
    this.lastLine = performance.now();
  }

  /** Clears the bar so that the next message starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
  }

  private heartbeat(): void {
    if (this.latest === null || performance.now() - this.lastLine < HEARTBEAT_MS) return;
    const p = this.latest;
    this.line(`... ${this.figures(p)}, ${p.bytesDone >= p.bytesTotal ? 'every file read, loading and committing' : `reading ${p.file}`}`);
  }

  /** "1,234 records  120.5 of 500.0 MB  45.2 MB/s  9 s left" */
  private figures(p: Progress): string {
    const secs = (performance.now() - this.started) / 1000;
    const rate = secs > 0 ? p.bytesDone / secs : 0;
    const left = rate > 0 ? (p.bytesTotal - p.bytesDone) / rate : NaN;
    return (
      `${p.records.toLocaleString('en-US')} records  ${(p.bytesDone / 1e6).toFixed(1)} of ${(p.bytesTotal / 1e6).toFixed(1)} MB  ` +
      `${(rate / 1e6).toFixed(1)} MB/s  ${Number.isFinite(left) ? `${duration(left)} left` : ''}`
    ).trimEnd();
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/**
 * "committed: 3 of 30 files visible": one line per commit, however many files it made visible
 * (their promises settle together; the line waits for the last of them).
 */
export class CommitLines {
  private done = 0;
  private pending = false;

  constructor(private readonly print: (text: string) => void) {}

  committed(_index: number, total: number): void {
    this.done++;
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.print(`committed: ${this.done} of ${total} files visible`);
    });
  }
}
