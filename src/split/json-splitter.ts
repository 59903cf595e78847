import type { Piece, SplitterOptions } from './record-splitter.js';

/**
 * Cuts a JSON document into chunks of whole records without parsing it: a JSON array of records
 * (`[{...}, {...}]`), an OpenAlex API page whose `results` holds them (`{"meta": ...,
 * "results": [...]}`), a WoS API page whose `REC` holds them (`{"Data": {"Records": {"records":
 * {"REC": [...]}}}}`), several such documents one after the other (JSON Lines of pages), or a
 * single record or page (`{...}`, handed on whole). A byte-level state machine (depth, strings, escapes) finds where
 * each record object starts and ends; each chunk is handed on as a JSON array of whole records,
 * so a worker parses it with JSON.parse. A document too large for memory is never held whole.
 */
export class JsonRecordSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth inside the records array (elements are the objects opened at this depth); 0 until found. */
  private arrayDepth = 0;
  private arrayClosed = false;
  /** The last short string before the records array is found, to recognise its key. */
  private key = '';
  private capturingKey = false;
  private parts: Buffer[] = [];
  private size = 0;
  private inChunk = false;
  /** Bytes pushed before the current buffer, and where the open chunk's first record starts in the input. */
  private consumed = 0;
  private chunkStart = 0;
  /**
   * A top-level object may be a page (its records array is found) or a record alone (a document
   * that is one record, or JSON Lines of RECs or works): its bytes are kept until one or the
   * other is known (capped at maxRecordBytes).
   */
  private candidate: { parts: Buffer[]; size: number; start: number } | null = null;

  constructor(private readonly options: SplitterOptions) {}

  push(buf: Buffer): Piece[] {
    const out: Piece[] = [];
    let segStart = this.inChunk ? 0 : -1;
    let candidateStart = this.candidate ? 0 : -1;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) {
          this.inString = false;
          this.capturingKey = false;
        } else if (this.capturingKey && this.key.length < 16) this.key += String.fromCharCode(c);
        continue;
      }
      if (c === 34) {
        this.inString = true;
        if (this.arrayDepth === 0) {
          this.capturingKey = true;
          this.key = '';
        }
      } else if (c === 123 || c === 91) {
        if (this.depth === 0 && c === 123) {
          this.candidate = { parts: [], size: 0, start: this.consumed + i };
          candidateStart = i;
        }
        if (this.arrayDepth === 0 && c === 91 && (this.depth === 0 || (this.depth === 1 && this.key === 'results') || this.key === 'REC')) {
          this.arrayDepth = this.depth + 1;
          this.candidate = null;
          candidateStart = -1;
        } else if (c === 123 && this.depth === this.arrayDepth && this.arrayDepth > 0 && !this.arrayClosed && !this.inChunk) {
          this.inChunk = true;
          this.chunkStart = this.consumed + i;
          segStart = i;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (c === 125 && this.inChunk && this.depth === this.arrayDepth) {
          const length = this.size + (i + 1 - segStart);
          if (length >= this.options.targetBytes) {
            out.push(this.emit(buf.subarray(segStart, i + 1)));
            segStart = -1;
          }
        } else if (c === 93 && this.arrayDepth > 0 && this.depth === this.arrayDepth - 1 && !this.arrayClosed) {
          this.arrayClosed = true;
          if (this.inChunk) out.push(this.emit(trimTrailing(buf.subarray(segStart, i))));
          segStart = -1;
        }
        if (this.depth === 0 && this.candidate) {
          // A top-level object without a records array: one record (or a page without records).
          const bytes = Buffer.concat([Buffer.from('['), ...this.candidate.parts, buf.subarray(candidateStart, i + 1), Buffer.from(']')]);
          out.push(this.chunk(bytes, this.candidate.start - 1));
          this.candidate = null;
          candidateStart = -1;
        }
        if (this.depth === 0 && this.arrayClosed) {
          // The document ended: another may follow (JSON Lines of API pages whose first line is
          // longer than the sniffed bytes, or pages written one after the other). Look for its records.
          this.arrayDepth = 0;
          this.arrayClosed = false;
        }
      }
    }
    if (this.inChunk && segStart >= 0) {
      const rest = Buffer.from(buf.subarray(segStart));
      this.parts.push(rest);
      this.size += rest.length;
    }
    if (this.candidate && candidateStart >= 0) {
      const rest = Buffer.from(buf.subarray(candidateStart));
      this.candidate.parts.push(rest);
      this.candidate.size += rest.length;
      if (this.candidate.size > this.options.maxRecordBytes) {
        out.push({ kind: 'oversize', byteOffset: this.candidate.start, nBytes: this.candidate.size, nLines: 0, head: '' });
        this.candidate = null;
      }
    }
    this.consumed += buf.length;
    return out;
  }

  end(): Piece[] {
    const out: Piece[] = [];
    if (this.inChunk && this.size > 0) out.push(this.emit(Buffer.alloc(0)));
    if (this.arrayDepth > 0 && !this.arrayClosed) {
      out.push({ kind: 'cut', byteOffset: this.consumed, reason: 'the JSON document ends before its records array closes: the file is cut short' });
    }
    if (this.candidate) {
      // The cut record goes to the parser, which rejects it at its byte, as a cut array's last record.
      out.push(this.chunk(Buffer.concat([Buffer.from('['), ...this.candidate.parts, Buffer.from(']')]), this.candidate.start - 1));
      out.push({ kind: 'cut', byteOffset: this.consumed, reason: 'the JSON document ends inside its last value: the file is cut short' });
      this.candidate = null;
    }
    return out;
  }

  private emit(last: Buffer): Piece {
    const bytes = Buffer.concat([Buffer.from('['), ...this.parts, trimTrailing(last), Buffer.from(']')]);
    this.parts = [];
    this.size = 0;
    this.inChunk = false;
    return this.chunk(bytes, this.chunkStart - 1);
  }

  /** byteOffset: where the chunk's byte 0 would be in the input; the '[' before its first record is not in it. */
  private chunk(bytes: Buffer, byteOffset: number): Piece {
    return { kind: 'chunk', bytes: new Uint8Array(bytes), byteOffset };
  }
}

/** Drops the whitespace and comma after the last whole record. */
function trimTrailing(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 32 || b[end - 1] === 10 || b[end - 1] === 13 || b[end - 1] === 9 || b[end - 1] === 44)) end--;
  return b.subarray(0, end);
}
