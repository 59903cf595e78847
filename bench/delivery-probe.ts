/**
 * A weekly delivery applied to a database of N papers, in its own process (DESIGN.md's budget:
 * 50,000 new, 20,000 corrected, 2,000 deleted records, cube included, in at most 60 s at 10 M
 * papers and at most 1.5x the time at 1 M). The N papers are made in DuckDB as the cube probe
 * makes them, with ids the generator's corrections and deletions name (gen/deliveries.ts); the
 * delivery is real WoS plain text and a .del list, ingested and followed by the incremental cube.
 *   node dist/bench/delivery-probe.js <papers> [new corrected deleted]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCube, COMPACT_SHARE } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { CUBE_MEASURE_TABLES } from '../src/analysis/cube/cube-schema.js';
import { writeUpdate } from '../src/gen/deliveries.js';
import { Random } from '../src/gen/random.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase } from '../src/store/database.js';

const papers = Number(process.argv[2] ?? 1_000_000);
const [newRecords, corrected, deleted] = process.argv.slice(3, 6).map(Number) as [number?, number?, number?];
const sizes = { seed: 2, newRecords: newRecords ?? 50_000, corrected: corrected ?? 20_000, deleted: deleted ?? 2_000 };
const dbPath = join(tmpdir(), `coauth-delivery-bench-${process.pid}.duckdb`);
const folder = join(tmpdir(), `coauth-delivery-bench-${process.pid}`);
for (const p of [dbPath, `${dbPath}.wal`, folder]) rmSync(p, { recursive: true, force: true });
const db = await openDatabase(dbPath, { memoryLimit: '3GB' });
const c = db.connection;
await c.run('SELECT setseed(0.42)');

// The baseline: records with the ids of generator seed 1 (WOS:001 + 12 digits), their countries
// (Zipf-like, 75% single-country), one address per country, current versions of file 1.
let t = performance.now();
await c.run(`INSERT INTO files (file_id, path, size, fingerprint, format, status, n_read, n_loaded, n_duplicate, n_rejected)
             VALUES (1, 'baseline', 0, 'baseline', 'wos-plaintext', 'done', ${papers}, ${papers}, 0, 0)`);
await c.run(`
INSERT INTO records (rec_id, source, uid, year, doc_types, categories, research_areas, author_links, file_id, line)
SELECT i + 1, 'wos', 'WOS:001' || lpad(i::VARCHAR, 12, '0'), 1995 + floor(random() * 30)::INT, ['Article'],
       list_distinct(['Category ' || floor(random() * 40)::INT, 'Category ' || floor(random() * 40)::INT]),
       ['Area ' || floor(random() * 10)::INT], true, 1, i
FROM range(0, ${papers}) t(i)`);
await c.run(`
INSERT INTO record_countries
SELECT rec_id, country, 1, 1, j = 0, 1 FROM (
  SELECT rec_id, 'C' || lpad(floor(150 * random() ^ 3)::INT::VARCHAR, 3, '0') AS country, j
  FROM (SELECT i + 1 AS rec_id, CASE WHEN random() < 0.75 THEN 1 WHEN random() < 0.7 THEN 2 ELSE 3 + floor(random() * 5)::INT END AS k
        FROM range(0, ${papers}) t(i)), range(k) t(j)
) QUALIFY row_number() OVER (PARTITION BY rec_id, country ORDER BY j) = 1`);
await c.run(
  `INSERT INTO addresses SELECT rec_id, row_number() OVER (PARTITION BY rec_id), 'Univ X, ' || country, 'Univ X', NULL, country, country, NULL, is_corresponding FROM record_countries`,
);
await c.run(`INSERT INTO record_versions SELECT source, uid, rec_id, file_id, line, year, 'current', NULL, NULL, NULL FROM records`);
await c.run('CHECKPOINT');
const config = checkConfig({ periods: [{ from: 2015, to: 2019 }] });
await buildCube(c, config, { full: true });
const setupSeconds = (performance.now() - t) / 1000;

const update = await writeUpdate(folder, 'wos-plaintext', [{ seed: 1, records: papers }], sizes, new Random(7), {
  seed: 0,
  firstYear: 1995,
  lastYear: 2024,
});
t = performance.now();
const s = await ingest(db, [folder], { workers: 2 });
const ingestSeconds = (performance.now() - t) / 1000;
t = performance.now();
const cube = await buildCube(c, config);
const cubeSeconds = (performance.now() - t) / 1000;
if (cube.full) throw new Error('expected an incremental cube build');
// The compaction a build runs on a table once its changes reach COMPACT_SHARE of its stored
// rows, forced here after the delivery. With deliveries like this one, a table's changes reach
// the share after k = ceil(share x stored / change) of them, and the next build compacts it: once
// every k + 1 deliveries. Its cost per delivery is each table's compaction over its k + 1.
const rowCounts = (
  await c.runAndReadAll(
    `SELECT ${CUBE_MEASURE_TABLES.map((m) => `(SELECT count(*) FROM cube_store.${m}_changes), (SELECT count(*) FROM cube_store.${m})`).join(', ')}`,
  )
)
  .getRows()[0]!
  .map(Number);
t = performance.now();
const compaction = await buildCube(c, config, { compact: true });
const compactSeconds = (performance.now() - t) / 1000;
const compactPerDelivery = CUBE_MEASURE_TABLES.reduce((sum, m, i) => {
  const [changed, stored] = [rowCounts[2 * i]!, rowCounts[2 * i + 1]!];
  return changed === 0 ? sum : sum + compaction.steps[m] / (Math.ceil((COMPACT_SHARE * stored) / changed) + 1);
}, 0);
db.close();
for (const p of [dbPath, `${dbPath}.wal`, folder]) rmSync(p, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    papers,
    setupSeconds,
    newRecords: s.nLoaded - s.nReplaced,
    replaced: s.nReplaced,
    deleted: s.nDeleted,
    corrected: update.corrected,
    ingestSeconds,
    cubeSeconds,
    cells: cube.cells,
    seconds: ingestSeconds + cubeSeconds,
    compactSeconds,
    compactPerDelivery,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
