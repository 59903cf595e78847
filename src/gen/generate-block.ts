import { parseWosPlaintext } from '../parse/wos-plaintext.js';
import { convertBatch, type GeneratedFormat } from './other-formats.js';
import { WosPlaintextGenerator, type GeneratorOptions } from './wos-plaintext-generator.js';

/**
 * A corpus is made of blocks of BLOCK_RECORDS records, each drawn from a random stream of its
 * own (seeded by the corpus seed and the block's number), so blocks can be made on any thread,
 * in any order, and the corpus is the same for a seed on every machine and thread count.
 */
export const BLOCK_RECORDS = 256;

export interface BlockTask {
  format: GeneratedFormat;
  options: GeneratorOptions;
  block: number;
  /** BLOCK_RECORDS, or fewer in the last block of a corpus of a given number of records. */
  records: number;
}

/** murmur3's finaliser over the seed and the block number: independent streams for neighbouring blocks. */
function blockSeed(seed: number, block: number): number {
  let h = (Math.imul(seed, 0x9e3779b1) ^ Math.imul(block + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One block's text: plain text as generated, the other formats made from it record for record. */
export function generateBlock(task: BlockTask): string {
  const gen = new WosPlaintextGenerator(task.options, {
    first: task.block * BLOCK_RECORDS,
    seed: blockSeed(task.options.seed, task.block),
  });
  let text = '';
  for (let i = 0; i < task.records; i++) text += gen.record();
  return task.format === 'wos-plaintext' ? text : convertBatch(parseWosPlaintext(text), task.format);
}

/** The worker's entry (piscina): the block as UTF-8 bytes, so the writing thread only writes. */
export default function generateBlockBytes(task: BlockTask): Uint8Array {
  return Buffer.from(generateBlock(task));
}
