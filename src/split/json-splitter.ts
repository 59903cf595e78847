import type { SplitterOptions } from '../contracts/chunking.js';
import type { Piece } from './record-splitter.js';

/**
 * Cuts a JSON document into chunks of whole records without parsing it: a JSON array of records
 * (`[{...}, {...}]`), an OpenAlex API page whose `results` holds them (`{"meta": ...,
 * "results": [...]}`), a WoS API page whose `REC` holds them (`{"Data": {"Records": {"records":
 * {"REC": [...]}}}}`), several such documents one after the other (JSON Lines of pages), or a
 * single record or page (`{...}`, handed on whole). A byte-level state machine (depth, strings, escapes) finds where
 * each record object starts and ends; each chunk is handed on as a JSON array of whole records,
 * so a worker parses it with JSON.parse. A document too large for memory is never held whole.
 *
 * A record whose bytes break JSON's structure (a quote or a brace lost) would put the state
 * machine out of step for the rest of the document: every record after it cut in the wrong
 * place. So inside the records array the machine checks what JSON allows around strings and
 * brackets and between records, and when that fails it drops the record as `unreadable` (one
 * reject, at its byte, without the bytes ever reaching a worker) and finds its feet at
 * the next record start: the bytes every record of the array starts with (learnt from the first
 * one: `{"id":"https://openalex.org/W`, `{"UID":"WOS:`), after a `,`. Without such a signature
 * (fewer than four characters of the first value), it does not check.
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
  /** The bytes every record starts with (null: not learnt, or too weak to resynchronise on). */
  private signature: Buffer | null = null;
  /** The first record's first bytes, while the signature is learnt from them. */
  private signatureBytes: number[] | null = null;
  private signatureLearnt = false;
  /** Where the current record starts in the input, or -1 between records. */
  private recordStart = -1;
  /** The opening byte (`{` or `[`) at each depth, to check that each closing one matches. */
  private readonly openers = new Uint8Array(MAX_DEPTH);
  /** The last byte outside strings that is not whitespace, inside the records array. */
  private prev = 0;
  /** Set while skipping a broken record to the next record start: where it started, its first bytes, why. */
  private broken: { start: number; head: string; reason: string; oversize: boolean } | null = null;

  /** A records array was found (even an empty one): the document is a page or array of records. */
  sawRecordsArray = false;

  constructor(private readonly options: SplitterOptions) {}

  push(buf: Buffer): Piece[] {
    const out: Piece[] = [];
    let segStart = this.inChunk ? 0 : -1;
    let candidateStart = this.candidate ? 0 : -1;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i]!;
      if (this.signatureBytes !== null) this.learnSignature(c);
      if (this.broken !== null) {
        // Blind until the signature starts, after a comma or the bracket of a page's next records array.
        if (c === 123 && (this.prev === 44 || this.prev === 91) && this.startsSignature(buf, i)) {
          out.push(this.skipped(this.consumed + i));
          this.broken = null;
          this.depth = this.arrayDepth;
          this.inString = false;
          this.escape = false;
        } else {
          if (!isSpace(c)) this.prev = c;
          continue;
        }
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (this.capturingKey || this.signatureBytes !== null) {
          // Byte by byte while a key or the signature is being read.
          if (c === 92) this.escape = true;
          else if (c === 34) this.closeString();
          else if (this.capturingKey && this.key.length < 16) this.key += String.fromCharCode(c);
        } else {
          // Most bytes are inside strings: jump to the closing quote (one after an even run of backslashes).
          const close = closingQuote(buf, i);
          if (close < 0) {
            this.escape = backslashesBefore(buf, buf.length, i) % 2 === 1;
            break;
          }
          i = close;
          this.closeString();
        }
        continue;
      }
      if (this.arrayDepth > 0 && !isSpace(c)) {
        // Only bytes that a check is about: strings' ends, brackets, what follows a string, between records.
        const prev = this.prev;
        if (this.signature !== null && (prev === 34 || c === 34 || c === 123 || c === 125 || c === 93 || this.recordStart < 0)) {
          const error = this.checkStructure(c, buf, i);
          if (error) {
            segStart = this.breakRecord(out, buf, i, segStart, error);
            i--; // this byte again, skipping: it may be the next record's start
            continue;
          }
        }
        this.prev = c;
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
          this.sawRecordsArray = true;
          this.prev = 91;
          this.candidate = null;
          candidateStart = -1;
        } else if (c === 123 && this.depth === this.arrayDepth && this.arrayDepth > 0 && !this.arrayClosed) {
          this.recordStart = this.consumed + i;
          if (!this.signatureLearnt) this.signatureBytes = [c];
          if (!this.inChunk) {
            this.inChunk = true;
            this.chunkStart = this.consumed + i;
            segStart = i;
          }
        }
        if (this.depth < MAX_DEPTH) this.openers[this.depth] = c;
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (c === 125 && this.inChunk && this.depth === this.arrayDepth) {
          this.recordStart = -1;
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
    if (this.broken === null && this.recordStart >= 0 && this.consumed + buf.length - this.recordStart > this.options.maxRecordBytes) {
      // A record over the cap is never held whole: the records before it go on, it is skipped to the next record start.
      segStart = this.breakRecord(out, buf, buf.length, segStart, null);
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
    if (this.broken) {
      // No record start after the broken one: it ran to the end (with whatever closed the document).
      out.push(this.skipped(this.consumed));
      this.broken = null;
      return out;
    }
    if (this.inChunk && this.size > 0) out.push(this.emit(Buffer.alloc(0)));
    if (this.arrayDepth > 0 && !this.arrayClosed) {
      out.push({
        kind: 'cut',
        byteOffset: this.consumed,
        reason: 'the JSON document ends before its records array closes: the file is cut short',
      });
    }
    if (this.candidate) {
      // The cut record goes to the parser, which rejects it at its byte, as a cut array's last record.
      out.push(this.chunk(Buffer.concat([Buffer.from('['), ...this.candidate.parts, Buffer.from(']')]), this.candidate.start - 1));
      out.push({ kind: 'cut', byteOffset: this.consumed, reason: 'the JSON document ends inside its last value: the file is cut short' });
      this.candidate = null;
    }
    return out;
  }

  private closeString(): void {
    this.inString = false;
    this.capturingKey = false;
    this.prev = 34;
  }

  /**
   * What JSON allows at a byte c outside strings inside the records array, given the one before
   * it: a closing bracket matches its opening one; a string opens after `{ [ , :` and is followed
   * by `: , } ]`; between records, a `,` or the array's `]` follows a record, and a record (`{`)
   * follows a `,`. A record start inside a record, after a comma, means that record lost a
   * closing brace. Null when c is allowed.
   */
  private checkStructure(c: number, buf: Buffer, i: number): string | null {
    const prev = this.prev;
    if (this.recordStart >= 0) {
      if ((c === 125 || c === 93) && this.depth <= MAX_DEPTH && this.openers[this.depth - 1] !== c - 2)
        return 'a bracket closing a brace, or a brace a bracket';
      if (prev === 34 && c !== 58 && c !== 44 && c !== 125 && c !== 93)
        return 'a string followed by neither `:`, `,`, `}` nor `]`: a quote lost or too many';
      if (c === 34 && prev !== 123 && prev !== 91 && prev !== 44 && prev !== 58)
        return 'a string where JSON expects none: a quote lost or too many';
      if (c === 123 && prev === 44 && this.depth > this.arrayDepth && this.startsSignature(buf, i))
        return 'the next record starts before this one closes: a closing brace lost';
      return null;
    }
    if (this.depth !== this.arrayDepth || this.arrayClosed) return null;
    if (prev === 125 && c !== 44 && c !== 93) return 'a record followed by neither `,` nor `]`: a brace lost';
    if (prev === 44 && c !== 123) return 'a value between records that is not an object: a brace lost';
    return null;
  }

  /**
   * Drops the record being read (or, between records, what follows the last one): the chunk's
   * whole records before it are handed on, and the machine skips to the next record start.
   * Returns the segment start in buf for the open chunk (-1: none open).
   */
  private breakRecord(out: Piece[], buf: Buffer, i: number, segStart: number, reason: string | null): number {
    const start = this.recordStart >= 0 ? this.recordStart : this.consumed + i;
    let head = '';
    if (this.inChunk) {
      const held = Buffer.concat([...this.parts, buf.subarray(segStart, i)]);
      const whole = trimTrailing(held.subarray(0, start - this.chunkStart));
      head = held.subarray(start - this.chunkStart, start - this.chunkStart + 200).toString('utf8');
      this.parts = [];
      this.size = 0;
      this.inChunk = false;
      if (whole.length > 0) out.push(this.chunk(Buffer.concat([Buffer.from('['), whole, Buffer.from(']')]), this.chunkStart - 1));
    }
    if (head === '') head = buf.subarray(i, i + 200).toString('utf8');
    this.broken = { start, head, reason: `record is not valid JSON: ${reason}; skipped to the next record`, oversize: reason === null };
    this.recordStart = -1;
    return -1;
  }

  /** The piece for the record skipped from this.broken.start to `end`: unreadable, or too large (reason null). */
  private skipped(end: number): Piece {
    const b = this.broken!;
    const nBytes = end - b.start;
    return b.oversize
      ? { kind: 'oversize', byteOffset: b.start, nBytes, nLines: 0, head: b.head }
      : { kind: 'unreadable', byteOffset: b.start, nBytes, head: b.head, reason: b.reason };
  }

  /** Whether buf at i holds the signature (one cut by the buffer's end does not count: rare, and only a resynchronisation later). */
  private startsSignature(buf: Buffer, i: number): boolean {
    const sig = this.signature!;
    return i + sig.length <= buf.length && buf.compare(sig, 0, sig.length, i, i + sig.length) === 0;
  }

  /** Collects the first record's first bytes; the signature is `{`, the first key and the first value's leading non-digits. */
  private learnSignature(c: number): void {
    const bytes = this.signatureBytes!;
    bytes.push(c);
    if (bytes.length < 64 && c !== 125) return;
    this.signatureBytes = null;
    this.signatureLearnt = true;
    const m = /^\{\s*"[^"\\]{1,40}"\s*:\s*"?[^"\d,}\]\s{[\\]{4,40}/.exec(Buffer.from(bytes).toString('latin1'));
    this.signature = m ? Buffer.from(m[0], 'latin1') : null;
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

/** The first `"` at or after i in a string not escaped (after an even run of backslashes), or -1. */
function closingQuote(buf: Buffer, i: number): number {
  for (let q = buf.indexOf(34, i); q >= 0; q = buf.indexOf(34, q + 1)) {
    if (backslashesBefore(buf, q, i) % 2 === 0) return q;
  }
  return -1;
}

/** How many backslashes stand right before position end, not looking before from. */
function backslashesBefore(buf: Buffer, end: number, from: number): number {
  let k = end - 1;
  while (k >= from && buf[k] === 92) k--;
  return end - 1 - k;
}

/** Nesting deeper than this is not checked for matching brackets. */
const MAX_DEPTH = 1024;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
