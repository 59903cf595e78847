import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWosPlaintext } from '../parse/wos-plaintext.js';
import { BLOCK_RECORDS, generateBlock } from './generate-block.js';
import { convertBatch, FORMAT_FOOTERS, FORMAT_HEADERS } from './other-formats.js';
import { Random } from './random.js';
import { writeCorpus } from './write-corpus.js';
import { WOS_FOOTER, WOS_HEADER, type GeneratorOptions } from './wos-plaintext-generator.js';

/**
 * A baseline and a sequence of update deliveries, as Web of Science and OpenAlex send them: each
 * delivery a folder holding new records, corrected versions of records already delivered (same
 * id; another country in an address, another year, another category) and a deletion list (WoS
 * `.del`, OpenAlex `merged_ids`). Folders and files are named so that path order is delivery
 * order: `000-baseline/`, `001-update/a-new`, `b-corrected`, `c-deleted`.
 */
export type DeliveryFormat = 'wos-plaintext' | 'wos-xml' | 'openalex-jsonl';

export interface DeliveryPlan {
  format: DeliveryFormat;
  baseline: number;
  deliveries: number;
  /** New records in each update. */
  newRecords: number;
  /** Share of the records delivered so far that each update corrects (about 1-2%)... */
  correctedShare: number;
  /** ...and deletes (about 0.1%). */
  deletedShare: number;
  seed: number;
  firstYear?: number;
  lastYear?: number;
}

const EXTENSIONS: Record<DeliveryFormat, string> = { 'wos-plaintext': 'txt', 'wos-xml': 'xml', 'openalex-jsonl': 'jsonl' };

/** One generated corpus: its seed and size; its ids are WOS:<seed % 1000, 3 digits><n, 12 digits>. */
export interface Batch {
  seed: number;
  records: number;
}

export interface DeliveriesWritten {
  files: string[];
  records: number;
  corrected: number;
  deleted: number;
}

export async function writeDeliveries(dir: string, plan: DeliveryPlan): Promise<DeliveriesWritten> {
  const random = new Random(plan.seed);
  const options = (seed: number): GeneratorOptions => ({ seed, firstYear: plan.firstYear ?? 2000, lastYear: plan.lastYear ?? 2024 });
  const out: DeliveriesWritten = { files: [], records: 0, corrected: 0, deleted: 0 };
  const baseline: Batch = { seed: plan.seed % 1000, records: plan.baseline };
  const delivered: Batch[] = [baseline];
  mkdirSync(join(dir, '000-baseline'), { recursive: true });
  const first = join(dir, '000-baseline', `part-000.${EXTENSIONS[plan.format]}`);
  await writeCorpus(first, plan.format, options(baseline.seed), { records: baseline.records }, 0);
  out.files.push(first);
  out.records += baseline.records;
  for (let d = 1; d <= plan.deliveries; d++) {
    const total = delivered.reduce((s, b) => s + b.records, 0);
    const update = await writeUpdate(
      join(dir, `${String(d).padStart(3, '0')}-update`),
      plan.format,
      delivered,
      {
        seed: (plan.seed + d) % 1000,
        newRecords: plan.newRecords,
        corrected: Math.round(total * plan.correctedShare),
        deleted: Math.round(total * plan.deletedShare),
      },
      random,
      options(0),
    );
    out.files.push(...update.files);
    out.records += plan.newRecords;
    out.corrected += update.corrected;
    out.deleted += update.deleted;
    delivered.push({ seed: (plan.seed + d) % 1000, records: plan.newRecords });
  }
  return out;
}

/**
 * One update delivery in `folder`: `newRecords` records of a new seed, `corrected` corrected
 * versions of records of `delivered`, and a deletion list of `deleted` of their ids (picked
 * before the new records join them). `base` gives the generator's years.
 */
export async function writeUpdate(
  folder: string,
  format: DeliveryFormat,
  delivered: readonly Batch[],
  sizes: { seed: number; newRecords: number; corrected: number; deleted: number },
  random: Random,
  base: GeneratorOptions,
): Promise<{ files: string[]; corrected: number; deleted: number }> {
  mkdirSync(folder, { recursive: true });
  const ext = EXTENSIONS[format];
  const options = (seed: number): GeneratorOptions => ({ ...base, seed });
  const corrected = correctedText(format, delivered, sizes.corrected, random, options);
  const deleted = new Set<string>();
  while (deleted.size < sizes.deleted) {
    const b = random.pick(delivered);
    deleted.add(uidOf(b.seed, random.int(0, b.records - 1)));
  }
  const files = [
    join(folder, `a-new.${ext}`),
    join(folder, `b-corrected.${ext}`),
    join(folder, format === 'openalex-jsonl' ? 'c-merged_ids.csv' : 'c-deleted.del'),
  ];
  await writeCorpus(files[0]!, format, options(sizes.seed), { records: sizes.newRecords }, 0);
  writeFileSync(files[1]!, corrected.text);
  const ids = [...deleted];
  writeFileSync(
    files[2]!,
    format === 'openalex-jsonl'
      ? 'merge_date,id,merge_into_id\n' + ids.map((u) => `2024-06-01,W${u.replace(/\D/g, '')},W1`).join('\n') + '\n'
      : ids.map((u) => `WOS,${u.slice(4)},2024-06-01`).join('\n') + '\n',
  );
  return { files, corrected: corrected.records, deleted: ids.length };
}

export function uidOf(seed: number, n: number): string {
  return `WOS:${String(seed % 1000).padStart(3, '0')}${String(n).padStart(12, '0')}`;
}

/**
 * Corrected versions of about `count` delivered records, in whole blocks picked at random (a
 * record is made again from its block's seed, then changed): the text of a file in `format`.
 */
function correctedText(
  format: DeliveryFormat,
  delivered: readonly Batch[],
  count: number,
  random: Random,
  options: (seed: number) => GeneratorOptions,
): { text: string; records: number } {
  let plain = '';
  let records = 0;
  const seen = new Set<string>();
  while (records < count) {
    const b = random.pick(delivered);
    const block = random.int(0, Math.ceil(b.records / BLOCK_RECORDS) - 1);
    if (seen.has(`${b.seed} ${block}`)) continue;
    seen.add(`${b.seed} ${block}`);
    const text = generateBlock({
      format: 'wos-plaintext',
      options: options(b.seed),
      block,
      records: Math.min(BLOCK_RECORDS, b.records - block * BLOCK_RECORDS),
    });
    for (const rec of text.split(/(?<=\nER\n\n)/)) {
      if (records >= count || rec.trim() === '' || random.next() < 0.5) continue;
      plain += correct(rec, random);
      records++;
    }
  }
  const body =
    format === 'wos-plaintext'
      ? WOS_HEADER + plain + WOS_FOOTER + '\n'
      : FORMAT_HEADERS[format] + convertBatch(parseWosPlaintext(plain), format) + FORMAT_FOOTERS[format];
  return { text: body, records };
}

/** A record changed as corrections change them: another country in its first address, another year, or another category. */
function correct(rec: string, random: Random): string {
  switch (random.int(0, 2)) {
    case 0: {
      const country = random.pick(['Japan', 'Brazil', 'Germany', 'Peoples R China', 'Australia', 'India', 'South Africa']);
      return rec.replace(/^(C1 .*, )([^,\n]+)\.$/m, (_m, head: string) => `${head}${country}.`);
    }
    case 1:
      return /^PY \d{4}$/m.test(rec)
        ? rec.replace(/^PY (\d{4})$/m, (_m, y: string) => `PY ${Number(y) - 1}`)
        : rec.replace(/^UT /m, 'PY 2019\nUT ');
    default:
      return rec.replace(/^WC .*(\n {3}.*)*$/m, `WC ${random.pick(['Ornithology', 'Oceanography', 'Robotics', 'Mycology'])}`);
  }
}
