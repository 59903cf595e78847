import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FormatName } from '../contracts/formats.js';
import { looksLikeDeletionList } from './deletion-list.js';

export interface OpenedInput {
  stream: AsyncIterable<Buffer>;
  /** Bytes of the file read so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
}

/** Opens a file as a byte stream, gunzipping when its first bytes say gzip (whatever its name). */
export async function openInput(path: string): Promise<OpenedInput> {
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const bytesRead = (): number => raw.bytesRead;
  // Each stage passes its errors on (pipe() does not), so a truncated .gz ends the read with an error.
  const stages: Readable[] = [raw];
  if (head[0] === 0x1f && head[1] === 0x8b) stages.push(createGunzip({ chunkSize: 1 << 20 }));
  stages.push(new Utf16ToUtf8());
  for (let i = 1; i < stages.length; i++) {
    const [from, to] = [stages[i - 1]!, stages[i]! as Transform];
    from.on('error', (e) => to.destroy(e));
    from.pipe(to);
  }
  return { stream: stages[stages.length - 1]!, bytesRead };
}

/**
 * The format from the first bytes of the (decompressed) content, not from the file name.
 * WoS plain text and tab-delimited and Scopus CSV are read; other formats are recognised to say so clearly.
 */
export function sniffFormat(first: Buffer): { format: FormatName | null; description: string } {
  let text = first.subarray(0, 4096).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^(FN|VR|PT) /.test(firstLine)) return { format: 'wos-plaintext', description: 'WoS plain text' };
  if (looksLikeDeletionList(text)) return { format: 'deletion-list', description: 'deletion list' };
  if (/^PT\t/.test(firstLine)) return { format: 'wos-tabdelim', description: 'WoS tab-delimited' };
  if (/^\s*</.test(text)) {
    return /<(?:[\w-]+:)?REC[\s>]/.test(text) ? { format: 'wos-xml', description: 'WoS XML' } : { format: null, description: 'XML' };
  }
  if (/^\s*[[{]/.test(text)) {
    // JSON Lines: a record or page ends a line and the next line starts another (they are long: look further).
    const more = first.subarray(0, 1 << 20).toString('utf8');
    const lines = /^\s*\{/.test(more) && /\}\r?\n\{/.test(more);
    if (/"(?:REC|static_data|QueryResult)"\s*:|"UID"\s*:\s*"WOS:/.test(text)) {
      return lines ? { format: 'wos-jsonl', description: 'WoS API JSON Lines' } : { format: 'wos-json', description: 'WoS API JSON' };
    }
    if (!/"authorships"|openalex\.org\/W/.test(text)) return { format: null, description: 'JSON (not OpenAlex works)' };
    if (lines) return { format: 'openalex-jsonl', description: 'OpenAlex JSON Lines' };
    return { format: 'openalex-json', description: 'OpenAlex JSON' };
  }
  if (/(^|,)"?EID"?(,|$)/.test(firstLine) && /(^|,)"?Authors"?(,|$)/.test(firstLine)) {
    return { format: 'scopus-csv', description: 'Scopus CSV' };
  }
  if (/(^|,)"?(Authors|Author full names)"?(,|$)/.test(firstLine)) return { format: null, description: 'CSV without an EID column' };
  if (/^"?Lens ID"?,/.test(firstLine))
    return { format: null, description: 'Lens CSV, which has no author affiliations to read countries from' };
  return { format: null, description: 'unknown' };
}

/**
 * Everything downstream reads UTF-8: a UTF-16LE stream with its BOM (WoS "Tab-delimited (Win)")
 * is re-encoded here, other streams pass through untouched.
 */
class Utf16ToUtf8 extends Transform {
  private mode: 'unknown' | 'utf16' | 'pass' = 'unknown';
  private readonly decoder = new TextDecoder('utf-16le');

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    if (this.mode === 'unknown') this.mode = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16' : 'pass';
    if (this.mode === 'pass') return done(null, chunk);
    done(null, Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
  }

  override _flush(done: (e?: Error | null, data?: Buffer) => void): void {
    done(null, this.mode === 'utf16' ? Buffer.from(this.decoder.decode(), 'utf8') : undefined);
  }
}
