import { addReject, type Batch } from '../contracts/batch.js';

/** C0 controls but tab, line feed and carriage return, and DEL: never text in a bibliographic record (0x1F is also the list separator). */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
/** Rejects a chunk records for them, at most; the rest are removed all the same. */
const MAX_REJECTS = 10;

/**
 * Removes control bytes from a chunk's text before it is parsed, so that no table or output
 * carries them, with an `encoding` reject for each line that held some (its line, or its byte in
 * JSON documents, where lines say nothing). A chunk without any is returned as it is.
 */
export function removeControlBytes(text: string, batch: Batch, byByte: boolean): string {
  if (!CONTROL.test(text)) return text;
  let line = 1;
  let lineStart = 0;
  let rejects = 0;
  let pending = null as { line: number; byte: number; count: number; first: string; excerpt: string } | null;
  const flush = () => {
    if (pending && rejects++ < MAX_REJECTS) {
      addReject(
        batch,
        'control-bytes',
        pending.line,
        { count: pending.count, first: pending.first },
        pending.excerpt,
        byByte ? pending.byte : null,
      );
    }
    pending = null;
  };
  for (const m of text.matchAll(CONTROLS)) {
    for (let i = text.indexOf('\n', lineStart); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    if (pending?.line !== line) {
      flush();
      const end = text.indexOf('\n', m.index);
      pending = {
        line,
        byte: Buffer.byteLength(text.slice(0, m.index)),
        count: 0,
        first: `0x${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
        excerpt: text.slice(lineStart, Math.min(end < 0 ? text.length : end, lineStart + 300)).replace(CONTROLS, ''),
      };
    }
    pending!.count++;
  }
  flush();
  return text.replace(CONTROLS, '');
}
