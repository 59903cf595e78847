import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { FormatName } from '../parse/formats.js';

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
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    raw.on('error', (e) => gunzip.destroy(e));
    return { stream: raw.pipe(gunzip), bytesRead };
  }
  return { stream: raw, bytesRead };
}

/**
 * The format from the first bytes of the (decompressed) content, not from the file name.
 * Only WoS plain text is read so far; other formats are recognised to say so clearly.
 */
export function sniffFormat(first: Buffer): { format: FormatName | null; description: string } {
  let text = first.subarray(0, 4096).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (first[0] === 0xff && first[1] === 0xfe) return { format: null, description: 'UTF-16 text (WoS tab-delimited "Win" export?)' };
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^(FN|VR|PT) /.test(firstLine)) return { format: 'wos-plaintext', description: 'WoS plain text' };
  if (/^PT\t|\tUT\r?$|^PT\tAU\t/.test(firstLine)) return { format: null, description: 'WoS tab-delimited' };
  if (/^\s*</.test(text)) return { format: null, description: 'XML' };
  if (/^\s*[[{]/.test(text)) return { format: null, description: 'JSON' };
  if (/(^|,)"?(Authors|EID|Author full names)"?(,|$)/.test(firstLine)) return { format: null, description: 'Scopus CSV' };
  return { format: null, description: 'unknown' };
}
