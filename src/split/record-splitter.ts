import { DEFAULT_SPLITTER_OPTIONS, type SplitterOptions } from '../contracts/chunking.js';
import { scanCsvRow, skipEmptyLines } from '../contracts/csv-row.js';

/**
 * Cuts a byte stream into chunks that end at record boundaries, without decoding it (CSV is read
 * as latin1, a character a byte), so that workers can parse chunks independently. Runs on the
 * main thread: it only searches bytes.
 *
 * A chunk owns its ArrayBuffer (offset 0), so it can be transferred to a worker without a copy.
 * A record longer than maxRecordBytes is never buffered whole: its bytes are dropped up to the
 * next boundary and reported as an `oversize` piece, so the writer can reject it with its line.
 */
export type Piece =
  /** byteOffset: where the chunk's first byte is in the (decompressed) input, for reject positions. */
  | { kind: 'chunk'; bytes: Uint8Array; byteOffset: number }
  | { kind: 'oversize'; byteOffset: number; nBytes: number; nLines: number; head: string }
  /** A record whose bytes break the format's structure, skipped up to the next record (JSON documents). */
  | { kind: 'unreadable'; byteOffset: number; nBytes: number; head: string; reason: string }
  /** The input ended inside the document's structure (a JSON records array never closed): it was cut short. */
  | { kind: 'cut'; byteOffset: number; reason: string };

/** Where records end in a format's bytes: the index just past the last / the first boundary in buf, or -1. */
export interface BoundaryFinder {
  last(buf: Buffer): number;
  first(buf: Buffer): number;
}

export class RecordSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** Bytes of the stream already handed out (as chunks or dropped). */
  private offset = 0;
  /** Set while dropping an oversize record: its start and what was dropped so far. */
  private dropping: { byteOffset: number; nBytes: number; nLines: number; head: string } | null = null;

  constructor(
    private readonly findBoundary: BoundaryFinder,
    private readonly options: SplitterOptions = DEFAULT_SPLITTER_OPTIONS,
  ) {}

  push(data: Buffer): Piece[] {
    this.parts.push(data);
    this.size += data.length;
    if (this.dropping === null && this.size < this.options.targetBytes) return [];
    const out: Piece[] = [];
    const buf = this.take();
    if (this.dropping) {
      const cut = this.findBoundary.first(buf);
      if (cut < 0) {
        // Keep a few bytes: a boundary may straddle this buffer and the next one.
        const keepTail = Math.min(4, buf.length);
        this.drop(buf, buf.length - keepTail);
        this.keep(buf.subarray(buf.length - keepTail));
        return out;
      }
      this.drop(buf, cut);
      out.push({ kind: 'oversize', ...this.dropping });
      this.dropping = null;
      this.keep(buf.subarray(cut));
      return out;
    }
    const cut = this.findBoundary.last(buf);
    if (cut > 0) {
      out.push(this.chunk(buf, cut));
      this.keep(buf.subarray(cut));
    } else if (buf.length > this.options.maxRecordBytes) {
      this.dropping = { byteOffset: this.offset, nBytes: 0, nLines: 0, head: buf.subarray(0, 200).toString('utf8') };
      this.drop(buf, buf.length - 4);
      this.keep(buf.subarray(buf.length - 4));
    } else {
      this.keep(buf);
    }
    return out;
  }

  /** The rest of the stream: a last chunk (possibly a truncated record) or the end of an oversize one. */
  end(): Piece[] {
    const buf = this.take();
    if (this.dropping) {
      this.drop(buf, buf.length);
      const piece: Piece = { kind: 'oversize', ...this.dropping };
      this.dropping = null;
      return [piece];
    }
    return buf.length > 0 ? [this.chunk(buf, buf.length)] : [];
  }

  private take(): Buffer {
    const buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return buf;
  }

  private keep(rest: Buffer): void {
    if (rest.length === 0) return;
    // Copy so the big buffer can be transferred to a worker while the remainder stays here.
    this.parts = [Buffer.from(rest)];
    this.size = rest.length;
  }

  private chunk(buf: Buffer, length: number): Piece {
    let bytes: Uint8Array;
    if (buf.byteOffset === 0 && buf.buffer.byteLength === buf.length && length === buf.length) bytes = buf;
    else bytes = new Uint8Array(buf.subarray(0, length));
    const piece: Piece = { kind: 'chunk', bytes, byteOffset: this.offset };
    this.offset += length;
    return piece;
  }

  private drop(buf: Buffer, length: number): void {
    const d = this.dropping!;
    d.nBytes += length;
    for (let i = buf.indexOf(10); i >= 0 && i < length; i = buf.indexOf(10, i + 1)) d.nLines++;
    this.offset += length;
  }
}

/** WoS plain text: a record ends with a line that is exactly `ER`. */
export const wosPlaintextBoundary: BoundaryFinder = {
  last(buf) {
    for (let i = buf.lastIndexOf('\nER'); i >= 0; i = i > 0 ? buf.lastIndexOf('\nER', i - 1) : -1) {
      const end = lineEndAfter(buf, i + 3);
      if (end > 0) return end;
    }
    return -1;
  },
  first(buf) {
    for (let i = buf.indexOf('\nER'); i >= 0; i = buf.indexOf('\nER', i + 1)) {
      const end = lineEndAfter(buf, i + 3);
      if (end > 0) return end;
    }
    return -1;
  },
};

/** The index past a line end starting at j, or -1 when the line goes on. */
function lineEndAfter(buf: Buffer, j: number): number {
  if (buf[j] === 10) return j + 1;
  if (buf[j] === 13 && buf[j + 1] === 10) return j + 2;
  return -1;
}

/** One record per line (WoS tab-delimited): a boundary after every line feed. */
export const lineBoundary: BoundaryFinder = {
  last(buf) {
    const i = buf.lastIndexOf(10);
    return i < 0 ? -1 : i + 1;
  },
  first(buf) {
    const i = buf.indexOf(10);
    return i < 0 ? -1 : i + 1;
  },
};

/**
 * CSV with quoted cells that may hold line breaks (Scopus): a boundary at a row's end, as the
 * parser reads rows (csv-row.ts; an unreadable row ends with its first line). Buffers start at a
 * boundary. Read as latin1, whose characters are the bytes, so positions are byte offsets.
 */
export const csvBoundary: BoundaryFinder = {
  last(buf) {
    const text = buf.toString('latin1');
    let last = -1;
    for (let pos = 0; ;) {
      pos = skipEmptyLines(text, pos).pos;
      const row = pos < text.length ? scanCsvRow(text, pos, false, null) : null;
      if (row === null) return last;
      pos = last = row.end;
    }
  },
  first(buf) {
    // Only after an oversize row, so the buffer may start anywhere in a row: the first row end read from here.
    const text = buf.toString('latin1');
    const pos = skipEmptyLines(text, 0).pos;
    return pos < text.length ? (scanCsvRow(text, pos, false, null)?.end ?? -1) : -1;
  },
};

/** WoS XML: a record ends with `</REC>` (or `</prefix:REC>`). */
export const wosXmlBoundary: BoundaryFinder = {
  last(buf) {
    for (let i = buf.lastIndexOf('REC>'); i >= 0; i = i > 0 ? buf.lastIndexOf('REC>', i - 1) : -1) {
      if (isCloseTag(buf, i)) return i + 4;
    }
    return -1;
  },
  first(buf) {
    for (let i = buf.indexOf('REC>'); i >= 0; i = buf.indexOf('REC>', i + 1)) {
      if (isCloseTag(buf, i)) return i + 4;
    }
    return -1;
  },
};

/** `</` right before, or `</prefix:`. */
function isCloseTag(buf: Buffer, i: number): boolean {
  let j = i - 1;
  if (buf[j] === 58) {
    j--;
    while (j > 0 && /[\w-]/.test(String.fromCharCode(buf[j]!))) j--;
  }
  return buf[j] === 47 && buf[j - 1] === 60;
}
