import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { writeDeliveries, type DeliveryFormat } from '../src/gen/deliveries.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
import { tempDir } from './helpers.js';

/**
 * Generated deliveries (src/gen/deliveries.ts) in the three formats of full dumps, each update
 * ingested as it arrives: the records are what the deliveries say is current, and the cube kept
 * up to date night after night equals a full build.
 */
const CONFIG = checkConfig({ topics: [{ name: 'quantum', query: 'quantum*' }], periods: [{ from: 2010, to: 2019 }], windows: [4] });

/** The ids a delivery file names, in file order. */
function idsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.del')) return [...text.matchAll(/^WOS,(\w+)/gm)].map((m) => `WOS:${m[1]}`);
  if (path.endsWith('merged_ids.csv')) return [...text.matchAll(/^\d{4}-\d\d-\d\d,(W\d+)/gm)].map((m) => m[1]!);
  if (path.endsWith('.jsonl')) return [...text.matchAll(/"id":"https:\/\/openalex\.org\/(W\d+)"/g)].map((m) => m[1]!);
  return [...text.matchAll(/^UT (WOS:\w+)$|<UID>(WOS:\w+)<\/UID>/gm)].map((m) => (m[1] ?? m[2])!);
}

describe('generated deliveries', () => {
  it.each<DeliveryFormat>(['wos-plaintext', 'wos-xml', 'openalex-jsonl'])(
    '%s: baseline, three updates with corrections and deletions, the cube followed night by night',
    async (format) => {
      const dir = tempDir();
      const written = await writeDeliveries(join(dir, 'd'), {
        format,
        baseline: 1200,
        deliveries: 3,
        newRecords: 150,
        correctedShare: 0.02,
        deletedShare: 0.004,
        seed: 17,
      });
      expect(written.corrected).toBeGreaterThanOrEqual(24 * 3);
      expect(written.deleted).toBeGreaterThanOrEqual(4 * 3);
      const db = await openDatabase(join(dir, 'l.duckdb'));
      const current = new Set<string>();
      let replaced = 0;
      let deleted = 0;
      for (const folder of ['000-baseline', '001-update', '002-update', '003-update']) {
        const files = written.files.filter((f) => f.includes(`/${folder}/`));
        const s = await ingest(db, files, { workers: 1 });
        expect(
          s.files.every((f) => f.status === 'done'),
          JSON.stringify(s.files),
        ).toBe(true);
        for (const f of files) {
          for (const id of idsOf(f)) {
            if (/\.del$|merged_ids/.test(f)) deleted += current.delete(id) ? 1 : 0;
            else if (current.has(id)) replaced++;
            else current.add(id);
          }
        }
        await buildCube(db.connection, CONFIG);
      }
      const [counts] = await queryRows(
        db.connection,
        `SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM record_versions WHERE status = 'replaced') AS replaced,
              (SELECT count(*) FROM record_versions WHERE status = 'deleted') AS deleted`,
      );
      expect(counts).toEqual({ records: current.size, replaced, deleted });
      expect(replaced).toBeGreaterThan(50);
      // The cube kept up to date equals a full build.
      const views = ['cube_countries', 'cube_links', 'cube_corresponding_partners', 'cube_coverage'];
      const snapshot = async () =>
        Promise.all(
          views.map(async (v) =>
            (await queryRows(db.connection, `SELECT * FROM ${v} ORDER BY ALL`)).map((r) =>
              JSON.stringify(r, (_k, x) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x)),
            ),
          ),
        );
      const incremental = await snapshot();
      await buildCube(db.connection, CONFIG, { full: true });
      expect(incremental).toEqual(await snapshot());
      db.close();
    },
  );
});
