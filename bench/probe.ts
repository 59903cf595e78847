/**
 * One measurement, run in its own process so that its peak RSS is its own:
 *   node dist/bench/probe.js <kind> <file> [workers]
 * prints one JSON line: { seconds, bytes, records?, maxRssMB, cpu? (an ingest's CPU by stage) }.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { ParserPool } from '../src/parse/pool.js';
import type { StageCpu } from '../src/contracts/stage-cpu.js';
import { readStagedSql, stagedFile, type ChunkSummary } from '../src/contracts/staging.js';
import { DEFAULT_SPLITTER_OPTIONS } from '../src/contracts/chunking.js';
import { RecordSplitter, wosPlaintextBoundary, wosXmlBoundary } from '../src/split/record-splitter.js';
import { Writer } from '../src/store/writer.js';
import { sniffFormat } from '../src/sources/open-input.js';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { INGEST_MEMORY_LIMIT } from '../src/ingest/ingest.js';

const [kind, file, workersArg] = process.argv.slice(2);
if (!kind || !file)
  throw new TypeError(
    'usage: probe.js <ingest|ingest-no-countries|ingest-cube|load|append|parse-pool|newline-scan|duckdb-read> <file> [workers]',
  );
const bytes = statSync(file).size;
const started = performance.now();
let records: number | undefined;
let cpu: StageCpu | undefined;
/** What a probe reports beyond the common fields. */
let extra: Record<string, number> = {};
/** Where the timed part starts when it is not the whole probe (load: after the parse). */
let loadStarted: number | undefined;

if (kind === 'newline-scan') {
  // The floor any reader pays: read every byte and find every line end.
  let n = 0;
  for await (const buf of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) n++;
  }
  records = n;
} else if (kind === 'duckdb-read') {
  // DuckDB reading the same bytes as lines (its CSV reader with a delimiter that never occurs).
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const r = await c.runAndReadAll(
    `SELECT count(*) FROM read_csv($f, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '',
      header = false, auto_detect = false, max_line_size = 100000000, strict_mode = false)`,
    { f: file },
  );
  records = Number(r.getRows()[0]![0]);
} else if (kind === 'ingest' || kind === 'ingest-no-countries' || kind === 'ingest-cube') {
  const dbPath = join(tmpdir(), `coauth-bench-${process.pid}.duckdb`);
  rmSync(dbPath, { force: true });
  const db = await openDatabase(dbPath);
  try {
    const s = await ingest(db, [file], { workers: Number(workersArg ?? 2), countryRules: kind !== 'ingest-no-countries' });
    records = s.nRead;
    cpu = s.cpu;
    if (kind === 'ingest-cube') {
      // The same database on to its cube, under the cube's 4 GB budget: the whole job in one run.
      const ingestSeconds = (performance.now() - started) / 1000;
      await db.connection.run("SET memory_limit = '4GB'");
      const t = performance.now();
      await buildCube(db.connection, checkConfig({}));
      await db.connection.run('CHECKPOINT');
      extra = { ingestSeconds, cubeSeconds: (performance.now() - t) / 1000, dbMB: statSync(dbPath).size / 1e6 };
    }
  } finally {
    db.close();
    removeDatabase(dbPath);
  }
} else if (kind === 'load' || kind === 'append') {
  // DuckDB's load alone: the file parsed and staged first (untimed), then the writer loads and
  // commits the staged chunks with every core given to DuckDB, as ingest does once parsing is done.
  // append: DuckDB's own floor under that load, the same staged rows copied as they are into two
  // bare tables and committed, none of the load's SQL (versions, lists, countries).
  const dbPath = join(tmpdir(), `coauth-bench-${process.pid}.duckdb`);
  rmSync(dbPath, { force: true });
  const db = await openDatabase(dbPath, { memoryLimit: INGEST_MEMORY_LIMIT });
  try {
    const writer = await Writer.open(db.connection, `${dbPath}.stage`);
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(1 << 16);
    const n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const format = sniffFormat(head.subarray(0, n)).format;
    if (format !== 'wos-xml' && format !== 'wos-plaintext')
      throw new TypeError(`load probe: WoS plain text or XML only, ${file} is ${format}`);
    const summaries = await stageFile(format, writer.stageRoot, () => writer.nextChunkNumber());
    loadStarted = performance.now();
    if (kind === 'append')
      records = await appendStaged(
        db.connection,
        summaries.map(({ s }) => s.chunk),
        writer.stageRoot,
      );
    else {
      const handle = writer.beginFile({ path: file, size: bytes, fingerprint: 'bench', format });
      for (const { s, byteOffset } of summaries) handle.addChunk(s, byteOffset);
      const { committed } = handle.finish('done');
      await writer.close();
      records = (await committed).nRead;
    }
  } finally {
    db.close();
    removeDatabase(dbPath);
  }
} else if (kind === 'parse-pool') {
  // The worker pool alone (split, parse, staged files written), no DuckDB: how the parse scales
  // with workers when the cores are free for it.
  const stageDir = mkdtempSync(join(tmpdir(), 'coauth-bench-stage-'));
  let chunk = 0;
  const summaries = await stageFile('wos-plaintext', stageDir, () => chunk++);
  records = summaries.reduce((n, c) => n + c.s.nRead, 0);
  rmSync(stageDir, { recursive: true, force: true });
} else {
  throw new TypeError(`unknown probe ${kind}`);
}

const seconds = (performance.now() - (loadStarted ?? started)) / 1000;
process.stdout.write(JSON.stringify({ seconds, bytes, records, maxRssMB: process.resourceUsage().maxRSS / 1024, cpu, ...extra }) + '\n');

/** Copies the staged chunks into a bare table of each kind in one transaction; returns the records. */
async function appendStaged(connection: DuckDBConnection, chunks: number[], stageDir: string): Promise<number> {
  await connection.run('BEGIN TRANSACTION');
  for (const kind of ['records', 'addresses'] as const) {
    const files = listValue(chunks.map((chunk) => stagedFile(stageDir, chunk, kind)));
    await connection.run(
      `CREATE TABLE raw_${kind} AS SELECT * FROM ${readStagedSql(kind)}`,
      { [`${kind}_files`]: files },
      { [`${kind}_files`]: LIST(VARCHAR) },
    );
  }
  await connection.run('COMMIT');
  return Number((await connection.runAndReadAll('SELECT count(*) FROM raw_records')).getRows()[0]![0]);
}

/** A probe's database and what DuckDB and the writer keep beside it; a failed probe leaves none either (a 5 GB run's is several GB). */
function removeDatabase(dbPath: string): void {
  for (const f of [dbPath, `${dbPath}.wal`, `${dbPath}.tmp`, `${dbPath}.stage`]) rmSync(f, { recursive: true, force: true });
}

/**
 * The file split, parsed and staged by a worker pool of `workersArg` threads (two by default),
 * a bounded number of chunks in flight: each chunk's summary and where it starts in the file.
 */
async function stageFile(
  format: 'wos-plaintext' | 'wos-xml',
  stageDir: string,
  nextChunk: () => number,
): Promise<{ s: ChunkSummary; byteOffset: number }[]> {
  const pool = new ParserPool(Number(workersArg ?? 2));
  const splitter = new RecordSplitter(format === 'wos-xml' ? wosXmlBoundary : wosPlaintextBoundary, DEFAULT_SPLITTER_OPTIONS);
  const summaries: { s: ChunkSummary; byteOffset: number }[] = [];
  const inFlight: Promise<void>[] = [];
  const submit = async (pieces: ReturnType<RecordSplitter['push']>) => {
    for (const p of pieces) {
      if (p.kind !== 'chunk') continue;
      const chunk = { s: null as unknown as ChunkSummary, byteOffset: p.byteOffset };
      summaries.push(chunk);
      const task = {
        format,
        bytes: p.bytes,
        stageDir,
        chunk: nextChunk(),
        maxRecordBytes: DEFAULT_SPLITTER_OPTIONS.maxRecordBytes,
        countries: true,
      };
      inFlight.push(pool.parse(task).then((s) => void (chunk.s = s)));
      while (inFlight.length >= pool.threads * 2) await inFlight.shift();
    }
  };
  for await (const buf of createReadStream(file!, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) await submit(splitter.push(buf));
  await submit(splitter.end());
  await Promise.all(inFlight);
  await pool.close();
  return summaries;
}
