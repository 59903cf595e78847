/**
 * The cube benchmark, in its own process: N synthetic papers generated in DuckDB with realistic
 * shapes (75% single-country, a heavy tail up to 15 countries, Zipf-like country sizes, 30 years,
 * 1-2 of 40 categories each, and 7% with a visiting affiliation that only basis `all` counts, as
 * in the real corpora), then the naive self-join baseline and the whole cube timed on them, and
 * the incremental build after a new year's papers arrive. DuckDB runs under the cube's memory
 * budget (4 GB); the peak of its temporary files is sampled while the build runs. Past 10 M papers
 * the baselines (the naive join, the untimed build that gives it record_fields, the rows written
 * again) are left out: the scale runs measure the build alone.
 *   node dist/bench/cube-probe.js <papers> [memory cap, default 4GB]
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCube, pieceRecords } from '../src/analysis/cube/build-cube.js';
import { LINK_ROWS_SQL } from '../src/analysis/cube/cube-sql.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { CUBE_MEASURE_TABLES } from '../src/analysis/cube/cube-schema.js';
import { openDatabase } from '../src/store/database.js';

const papers = Number(process.argv[2] ?? 1_000_000);
const withBaselines = papers <= 10_000_000;
// A database file with DuckDB capped at the cube's budget, as a server would run it.
const dbPath = join(tmpdir(), `coauth-cube-bench-${process.pid}.duckdb`);
rmSync(dbPath, { force: true });
const db = await openDatabase(dbPath, { memoryLimit: process.argv[3] ?? '4GB' });

/** Bytes in DuckDB's temporary directory (beside the database) now. */
const tempBytes = (): number => {
  try {
    return readdirSync(`${dbPath}.tmp`).reduce((sum, f) => sum + statSync(join(`${dbPath}.tmp`, f)).size, 0);
  } catch {
    return 0;
  }
};
const c = db.connection;
await c.run('SELECT setseed(0.42)');

/** Papers first..last (rec_ids), with their countries; `year` is SQL for each paper's year. */
async function addPapers(first: number, last: number, year: string): Promise<void> {
  await c.run(`
INSERT INTO records (rec_id, source, uid, year, doc_types, categories, research_areas, author_links, file_id, line)
SELECT i, 'wos', 'SYN:' || i, ${year}, ['Article'],
       list_distinct(['Category ' || floor(random() * 40)::INT, 'Category ' || floor(random() * 40)::INT]),
       ['Area ' || floor(random() * 10)::INT], true, 1, i
FROM range(${first}, ${last + 1}) t(i)`);
  await c.run(`
INSERT INTO record_countries
WITH p AS (
  SELECT i AS rec_id, CASE WHEN r < 0.75 THEN 1 WHEN r < 0.92 THEN 2 WHEN r < 0.97 THEN 3 WHEN r < 0.99 THEN 4
                           ELSE 5 + floor(random() * 11)::INT END AS k
  FROM (SELECT i, random() AS r FROM range(${first}, ${last + 1}) t(i))
),
draws AS (
  SELECT rec_id, j, 'C' || lpad(floor(150 * random() ^ 3)::INT::VARCHAR, 3, '0') AS country, visiting
  FROM (SELECT *, random() < 0.3 AS visiting FROM p) p, range(p.k) t(j)
)
SELECT rec_id, country, 1, 1, j = min(j) OVER w,
       -- a visiting second affiliation: the paper's last country is no author's first address
       CASE WHEN visiting AND j = max(j) OVER w AND j > min(j) OVER w THEN 0 ELSE 1 END
FROM (SELECT rec_id, country, min(j) AS j, any_value(visiting) AS visiting FROM draws GROUP BY ALL)
WINDOW w AS (PARTITION BY rec_id)`);
}

// In slices of 5 M papers, so that the generator's window over each paper's countries stays within the cap at any size.
for (let first = 1; first <= papers; first += 5_000_000) {
  await addPapers(first, Math.min(first + 4_999_999, papers), '1995 + floor(random() * 30)::INT');
}
const rows = Number((await c.runAndReadAll('SELECT count(*) FROM record_countries')).getRows()[0]![0]);

// record_fields as the cube makes them (one run of the cube, not timed, fills it).
const config = checkConfig({ periods: [{ from: 2015, to: 2019 }] });
if (withBaselines) await buildCube(c, config, { full: true });

let t = performance.now();
if (withBaselines)
  await c.run(`
CREATE OR REPLACE TEMP TABLE naive AS
SELECT f.field, r.year, a.country AS a, b.country AS b, count(*) AS n
FROM record_countries a JOIN record_countries b ON a.rec_id = b.rec_id AND a.country < b.country
JOIN record_fields f ON f.rec_id = a.rec_id JOIN records r ON r.rec_id = a.rec_id
GROUP BY ALL`);
const naive = (performance.now() - t) / 1000;

// The process's peak before the timed build (generating the papers, the baselines), to tell the build's own apart.
const beforeBuildRssMB = process.resourceUsage().maxRSS / 1024;
let peakTempBytes = 0;
const sampler = setInterval(() => (peakTempBytes = Math.max(peakTempBytes, tempBytes())), 250);
t = performance.now();
const build = await buildCube(c, config, { full: true });
const cube = (performance.now() - t) / 1000;
clearInterval(sampler);
const buildRssMB = process.resourceUsage().maxRSS / 1024;
const dbBytes = statSync(dbPath).size;
// What the link matrices alone take: the papers and their fields, the signatures, the links.
const linksSeconds = build.steps.fields + build.steps.signatures + build.steps.links;

// A floor for any build that stores what this one does: the cube's rows written once more, in
// one transaction into tables of the same columns (links alone, then every measure table).
const copySeconds = async (tables: readonly string[]): Promise<number> => {
  const started = performance.now();
  await c.run('BEGIN TRANSACTION');
  for (const table of tables) await c.run(`CREATE TABLE copy_${table} AS SELECT * FROM cube_store.${table}`);
  await c.run('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  for (const table of tables) await c.run(`DROP TABLE copy_${table}`);
  return seconds;
};
const linkRows = Number((await c.runAndReadAll('SELECT count(*) FROM cube_store.links')).getRows()[0]![0]);
// And for the links, the other floor: their join and grouping alone, on the build's own
// signatures (still in this connection), the rows counted and written nowhere.
// Only where the build took one piece: the signatures left in the connection are the last piece's.
const onePiece = papers <= (await pieceRecords(c));
t = performance.now();
if (onePiece) await c.run(`SELECT count(*) FROM (${LINK_ROWS_SQL})`);
const groupLinksSeconds = onePiece ? (performance.now() - t) / 1000 : null;
const writeLinksSeconds = withBaselines ? await copySeconds(['links']) : null;
const writeCubeSeconds = withBaselines ? await copySeconds(CUBE_MEASURE_TABLES) : null;

// The two agree on the link counts (basis 'all', single years).
const [diff] = withBaselines
  ? (
      await c.runAndReadAll(`
  SELECT count(*) FROM naive n FULL OUTER JOIN (SELECT * FROM cube_links WHERE basis = 'all' AND period NOT LIKE '%-%') l
    ON l.field = n.field AND l.period = n.year::VARCHAR AND l.country_a = n.a AND l.country_b = n.b
  WHERE l.papers IS DISTINCT FROM n.n`)
    ).getRows()[0]!
  : [0];

// The nightly case: a new year's papers (a thirtieth of the corpus) arrive; the cube is brought up to date.
const nightly = Math.round(papers / 30);
await addPapers(papers + 1, papers + nightly, '2025');
t = performance.now();
const inc = await buildCube(c, config);
const incrementalSeconds = (performance.now() - t) / 1000;
if (inc.full || inc.newPapers !== nightly)
  throw new Error(`expected an incremental build over ${nightly} papers, got ${JSON.stringify(inc)}`);
db.close();
for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
process.stdout.write(
  JSON.stringify({
    papers,
    rows,
    naiveSeconds: withBaselines ? naive : null,
    cubeSeconds: cube,
    steps: build.steps,
    linksSeconds,
    linkRows,
    groupLinksSeconds,
    writeLinksSeconds,
    writeCubeSeconds,
    mismatches: Number(diff),
    nightlyPapers: nightly,
    incrementalSeconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    beforeBuildRssMB,
    buildRssMB,
    peakTempMB: peakTempBytes / 1e6,
    dbMB: dbBytes / 1e6,
  }) + '\n',
);
