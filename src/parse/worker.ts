/**
 * The piscina worker entry: parses one chunk of bytes into a columnar batch.
 * Workers never touch the database; the batch goes back to the single writer.
 */
import type { Batch } from './batch.js';
import type { FormatName } from './formats.js';
import { parseWosPlaintext } from './wos-plaintext.js';

export interface ParseTask {
  format: FormatName;
  bytes: Uint8Array;
}

export default function parseChunk(task: ParseTask): Batch {
  const text = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength).toString('utf8');
  switch (task.format) {
    case 'wos-plaintext':
      return parseWosPlaintext(text);
  }
}
