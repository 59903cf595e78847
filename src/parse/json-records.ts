import { addReject, type Batch } from '../contracts/batch.js';

/**
 * The records of a JSON chunk: a JSON array of whole records, as json-splitter.ts hands them
 * on. When the chunk does not parse whole, it is cut into its top-level objects and each is
 * parsed alone, so that one broken record (or the truncated last one of a cut-off file) is one
 * reject, at its byte, and the chunk's other records load. `byteOf(i)` gives a record's byte
 * offset in the chunk, for the rejects its parser makes.
 */
export class JsonRecords {
  readonly values: unknown[] = [];
  private starts: number[] | null = null;

  constructor(
    private readonly text: string,
    batch: Batch,
  ) {
    try {
      const v: unknown = JSON.parse(text);
      this.values = Array.isArray(v) ? v : [v];
      return;
    } catch {
      // One broken record must not take the chunk's others with it.
    }
    this.starts = [];
    for (const [start, end] of topLevelObjects(text)) {
      const s = text.slice(start, end);
      try {
        this.values.push(JSON.parse(s));
        this.starts.push(start);
      } catch (e) {
        batch.nRead++;
        addReject(batch, 'json', 0, { what: 'record', detail: (e as Error).message }, s, this.bytes(start));
      }
    }
  }

  byteOf(i: number): number {
    this.starts ??= [...topLevelObjects(this.text)].map(([start]) => start);
    return this.bytes(this.starts[i] ?? 0);
  }

  private bytes(chars: number): number {
    return Buffer.byteLength(this.text.slice(0, chars));
  }
}

/** [start, end) of each object directly inside the chunk's array; one left open runs to the end. */
function* topLevelObjects(text: string): Generator<[number, number]> {
  let depth = 0;
  let inString = false;
  let escape = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escape) escape = false;
      else if (c === 92) escape = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && depth === 1) start = i;
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (c === 125 && depth === 1 && start >= 0) {
        yield [start, i + 1];
        start = -1;
      }
    }
  }
  if (start >= 0) yield [start, text.length];
}

/**
 * The values of a JSON Lines chunk, one per non-blank line, with their 1-based line; a line that
 * is not valid JSON is one reject at its line. Sets the batch's line count.
 */
export function forEachJsonLine(text: string, batch: Batch, each: (value: unknown, line: number) => void): void {
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const s = raw.trim();
    if (s === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      batch.nRead++;
      addReject(batch, 'json', line, { what: 'line', detail: (e as Error).message }, s);
      continue;
    }
    each(value, line);
  }
  batch.nLines = text.endsWith('\n') ? line - 1 : line;
}
