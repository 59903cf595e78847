import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneratedFormat } from '../src/gen/other-formats.js';
import { writeCorpus } from '../src/gen/write-corpus.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
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
    for (const format of ['wos-tabdelim', 'wos-xml', 'wos-json', 'scopus-csv'] as const) expect(await rowsOf(format, dir), format).toEqual(plain);
  });
});
