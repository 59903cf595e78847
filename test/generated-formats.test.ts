import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFormat } from '../src/gen/other-formats.js';
import { writeCorpus } from '../src/gen/write-corpus.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
import { recsOf } from './api-json-reference.js';
import { tempDir } from './helpers.js';

/** Per paper (keyed by the digits of its id): year, document types and countries (* = corresponding). */
async function rowsOf(format: GeneratedFormat, dir: string): Promise<Map<string, string>> {
  const file = join(dir, `corpus.${format}`);
  await writeCorpus(file, format, { seed: 5, firstYear: 1985, lastYear: 2024 }, { records: 400 });
  const db = await openDatabase(join(dir, `${format}.duckdb`));
  const s = await ingest(db, [file], { workers: 2 });
  expect(s.files[0], format).toMatchObject({ status: 'done', format, nRead: 400, nLoaded: 400 });
  const rows = await queryRows(
    db.connection,
    `SELECT regexp_replace(uid, '^(WOS:|2-s2\\.0-)', '') AS id, year, doc_types[1] AS dt,
            (SELECT string_agg(country || CASE WHEN is_corresponding THEN '*' ELSE '' END, ',' ORDER BY country)
             FROM record_countries rc WHERE rc.rec_id = r.rec_id) AS countries
     FROM records r`,
  );
  db.close();
  return new Map(rows.map((r) => [r.id as string, JSON.stringify([r.year, r.dt, r.countries])]));
}

describe('the same generated papers in every format', () => {
  it('give the same year, document type and countries from WoS plain text, tab-delimited, XML, API JSON and Scopus CSV', async () => {
    const dir = tempDir();
    const plain = await rowsOf('wos-plaintext', dir);
    expect(plain.size).toBe(400);
    for (const format of ['wos-tabdelim', 'wos-xml', 'wos-json', 'scopus-csv'] as const)
      expect(await rowsOf(format, dir), format).toEqual(plain);
  });
});

describe('the generated API JSON', () => {
  it('is the generated XML converted by the rules of the API (read with xmldom, not the reader of coauth), cited references included', async () => {
    const dir = tempDir();
    const spec = { seed: 5, firstYear: 1985, lastYear: 2024 };
    await writeCorpus(join(dir, 'corpus.xml'), 'wos-xml', spec, { records: 300 });
    await writeCorpus(join(dir, 'corpus.json'), 'wos-json', spec, { records: 300 });
    const fromXml = recsOf(join(dir, 'corpus.xml'));
    expect(fromXml).toHaveLength(300);
    expect(JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')).Data.Records.records.REC).toEqual(fromXml);
    // The calibrated RECs carry cited references; their JSON does too.
    expect(fromXml.filter((r) => JSON.stringify(r).includes('"reference"')).length).toBeGreaterThan(60);
  });
});

describe('the generator', () => {
  it('writes the same corpus for a seed on any number of threads, blocks in order and complete', async () => {
    const dir = tempDir();
    for (const format of ['wos-plaintext', 'wos-json'] as const) {
      // 2,600 records: 11 blocks, enough for the worker pool (more than 8), the last one partial.
      const texts = [];
      for (const threads of [0, 1, 2]) {
        const file = join(dir, `${format}-${threads}`);
        const r = await writeCorpus(file, format, { seed: 9, firstYear: 1990, lastYear: 2024 }, { records: 2600 }, threads);
        expect(r.records).toBe(2600);
        texts.push(readFileSync(file, 'utf8'));
        expect(Buffer.byteLength(texts.at(-1)!), format).toBe(r.bytes);
      }
      expect(texts[1], format).toBe(texts[0]);
      expect(texts[2], format).toBe(texts[0]);
      if (format === 'wos-json') expect(JSON.parse(texts[0]!).Data.Records.records.REC).toHaveLength(2600);
      else {
        const uts = [...texts[0]!.matchAll(/^UT WOS:(\d+)$/gm)].map((m) => Number(m[1]!.slice(3)));
        expect(uts).toEqual(Array.from({ length: 2600 }, (_, i) => i + 1));
      }
    }
  });
});
