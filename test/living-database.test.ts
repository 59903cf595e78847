import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../src/analysis/cube/build-cube.js';
import { checkConfig } from '../src/analysis/cube/config.js';
import { Random } from '../src/gen/random.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { deleteByIds, forgetFiles } from '../src/store/changes.js';
import { CORPORA, tempDir, WOS_PLAINTEXT } from './helpers.js';

/**
 * The database kept current (README, "Versions and deletions"): after any sequence of
 * deliveries, corrections and deletions, the tables equal a fresh ingest of the current
 * versions alone, and the cube brought up to date incrementally equals a full build of them.
 */

interface Rec {
  source: 'wos' | 'openalex';
  uid: string;
  text: string;
}

/** Real WoS records (plain text, PT ... ER) and OpenAlex works (one JSON line each). */
function realRecords(): Rec[] {
  const text = readFileSync(join(WOS_PLAINTEXT, 'slitvinov__python-wos__savedrecs.txt'), 'utf8').replace(/^\uFEFF/, '');
  const wos = text
    .split(/\r?\nER\r?\n/)
    .map((r) => r.slice(r.indexOf('PT ')))
    .filter((r) => /^UT WOS:/m.test(r))
    .slice(0, 160)
    .map((r): Rec => ({ source: 'wos', uid: /^UT (\S+)/m.exec(r)![1]!, text: r.replace(/\r/g, '') + '\nER\n' }));
  const works = ['FMuro__bibliographer__openalex.json', 'UtrechtUniversity__BackToPure__works.json'].flatMap(
    (f) => (JSON.parse(readFileSync(join(CORPORA, 'openalex_json', f), 'utf8')) as { results: { id: string }[] }).results,
  );
  const openalex = works.map((w): Rec => ({ source: 'openalex', uid: w.id.replace('https://openalex.org/', ''), text: JSON.stringify(w) }));
  return [...wos, ...openalex];
}

/** A corrected version: another country in an address, another year, or another category. */
function correct(r: Rec, random: Random): Rec {
  const how = random.pick(['address', 'year', 'category'] as const);
  if (r.source === 'wos') {
    let t = r.text;
    if (how === 'address')
      t = t.replace(/^(C1 .*, )([^,\n]+)\.$/m, (_m, head: string, c: string) => `${head}${c === 'Japan' ? 'Brazil' : 'Japan'}.`);
    if (how === 'year')
      t = /^PY \d{4}$/m.test(t) ? t.replace(/^PY (\d{4})$/m, (_m, y: string) => `PY ${Number(y) - 3}`) : t.replace(/^ER$/m, 'PY 2011\nER');
    if (how === 'category')
      t = /^WC /m.test(t) ? t.replace(/^WC .*$/m, 'WC Ornithology; Zoology') : t.replace(/^ER$/m, 'WC Ornithology\nER');
    return { ...r, text: t };
  }
  const w = JSON.parse(r.text) as {
    publication_year: number;
    authorships: { institutions: { country_code: string | null }[]; countries: string[] }[];
    topics: { display_name: string }[];
  };
  if (how === 'address' && w.authorships[0]) {
    w.authorships[0].institutions = [{ ...(w.authorships[0].institutions[0] ?? {}), country_code: 'JP' }];
    w.authorships[0].countries = ['JP'];
  }
  if (how === 'year') w.publication_year -= 3;
  if (how === 'category') w.topics = [{ ...(w.topics[0] ?? {}), display_name: 'Bird Ecology' }];
  return { ...r, text: JSON.stringify(w) };
}

const CONFIG = checkConfig({
  topics: [{ name: 'cells', query: 'cell*' }],
  periods: [{ from: 2005, to: 2014 }],
  windows: [3],
});

/** Rows compared between the living database and the fresh one, by record id, never by rec_id. */
const COMPARED: Record<string, string> = {
  records: 'SELECT * EXCLUDE (rec_id, file_id, line) FROM {db}.records',
  addresses: 'SELECT r.source, r.uid, a.* EXCLUDE (rec_id) FROM {db}.addresses a JOIN {db}.records r USING (rec_id)',
  record_countries: 'SELECT r.source, r.uid, c.* EXCLUDE (rec_id) FROM {db}.record_countries c JOIN {db}.records r USING (rec_id)',
  cross_source:
    'SELECT r.uid, k.uid FROM {db}.cross_source_duplicates d JOIN {db}.records r USING (rec_id) JOIN {db}.records k ON k.rec_id = d.kept_rec_id',
  record_fields: 'SELECT r.uid, f.field FROM {db}.record_fields f JOIN {db}.records r USING (rec_id)',
  // Fractional counts are sums of doubles: summed in another order, they may differ in the last bits.
  cube_countries:
    'SELECT * REPLACE (round(papers_fractional, 9) AS papers_fractional, round(mcp_ratio, 9) AS mcp_ratio) FROM {db}.cube_countries',
  cube_links: 'SELECT * REPLACE (round(papers_fractional, 9) AS papers_fractional) FROM {db}.cube_links',
  cube_corresponding_partners: 'SELECT * FROM {db}.cube_corresponding_partners',
  cube_coverage: 'SELECT * FROM {db}.cube_coverage',
  cube_periods: 'SELECT * FROM {db}.cube_periods',
};

/** Differences between the living database and a fresh ingest of `current`, per table. */
async function differences(living: Database, current: Rec[], keepLatest: boolean): Promise<Record<string, number>> {
  const dir = tempDir();
  const fresh = await openDatabase(join(dir, `fresh-${Math.random().toString(36).slice(2)}.duckdb`));
  const wos = current.filter((r) => r.source === 'wos');
  const works = current.filter((r) => r.source === 'openalex');
  const files: string[] = [];
  if (wos.length > 0) {
    files.push(join(dir, 'fresh-a.txt'));
    writeFileSync(files[0]!, 'FN Clarivate Analytics Web of Science\nVR 1.0\n' + wos.map((r) => r.text).join('\n') + '\nEF\n');
  }
  if (works.length > 0) {
    files.push(join(dir, 'fresh-b.jsonl'));
    writeFileSync(files[files.length - 1]!, works.map((r) => r.text).join('\n') + '\n');
  }
  await ingest(fresh, files, { workers: 1, keepLatest });
  // In pieces of a few records: a fresh build sums its pieces' rows.
  await buildCube(fresh.connection, CONFIG, { pieceRecords: 37 });
  const path = fresh.path;
  fresh.close();
  await living.connection.run(`ATTACH '${path}' AS fresh (READ_ONLY)`);
  const out: Record<string, number> = {};
  try {
    for (const [name, sql] of Object.entries(COMPARED)) {
      const [a, b] = [sql.replaceAll('{db}', 'main'), sql.replaceAll('{db}', 'fresh')];
      const [d] = await queryRows(
        living.connection,
        `SELECT (SELECT count(*) FROM (${a} EXCEPT ALL ${b})) + (SELECT count(*) FROM (${b} EXCEPT ALL ${a})) AS n`,
      );
      out[name] = Number(d!.n);
    }
  } finally {
    await living.connection.run('DETACH fresh');
  }
  return out;
}

/**
 * Random nights over real records: each delivery holds new records, corrected versions of some
 * delivered ones (deleted ones among them: a re-delivery), WoS and OpenAlex deletion lists,
 * ingested in path order (records before deletions). The model applies the same order.
 */
async function night(seed: number, keepLatest: boolean): Promise<void> {
  const random = new Random(seed);
  // Both sources in every delivery: the pool shuffled by the seed.
  const pool = realRecords()
    .map((r) => [random.next(), r] as const)
    .sort((x, y) => x[0] - y[0])
    .map(([, r]) => r);
  const dir = tempDir();
  const living = await openDatabase(join(dir, 'living.duckdb'));
  const current = new Map<string, Rec>();
  const delivered = new Map<string, Rec>();
  let next = 0;
  try {
    for (let d = 0; d < 4; d++) {
      const batch: Rec[] = [];
      for (let i = 0; i < (d === 0 ? 120 : 25) && next < pool.length; i++) batch.push(pool[next++]!);
      const known = [...delivered.values()];
      for (let i = 0; i < (d === 0 ? 0 : 15); i++) {
        const r = random.pick(known);
        if (!batch.some((b) => b.uid === r.uid)) batch.push(correct(delivered.get(r.uid)!, random));
      }
      const live = [...current.values()];
      const deletions =
        d === 0
          ? []
          : Array.from({ length: 6 }, () => random.pick(live)).filter((r, i, all) => all.findIndex((x) => x.uid === r.uid) === i);
      // WoS deletion lines as the .del files write them; OpenAlex as merged_ids rows.
      const name = (k: string) => join(dir, `delivery-${d}-${k}`);
      const write = (k: string, lines: string[], head = '', tail = '') =>
        lines.length > 0 && writeFileSync(name(k), head + lines.join('\n') + '\n' + tail);
      write(
        '1.txt',
        batch.filter((r) => r.source === 'wos').map((r) => r.text),
        'FN Clarivate Analytics Web of Science\nVR 1.0\n',
        'EF\n',
      );
      write(
        '2.jsonl',
        batch.filter((r) => r.source === 'openalex').map((r) => r.text),
      );
      write(
        '3.del',
        deletions.filter((r) => r.source === 'wos').map((r) => `WOS,${r.uid.slice(4)},2024-01-01`),
      );
      write(
        '4-merged_ids.csv',
        deletions.filter((r) => r.source === 'openalex').map((r) => `2024-01-01,${r.uid},W1`),
        'merge_date,id,merge_into_id\n',
      );
      const summary = await ingest(living, [dir], { workers: 1, keepLatest });
      for (const f of summary.files) if (f.status !== 'skipped' && f.status !== 'done') throw new Error(`${f.path}: ${f.status}`);

      for (const source of ['wos', 'openalex'] as const) {
        for (const r of batch.filter((b) => b.source === source)) {
          if (keepLatest || !current.has(r.uid)) current.set(r.uid, r);
          delivered.set(r.uid, r);
        }
      }
      for (const r of deletions) current.delete(r.uid);
      expect(summary.nDeleted, `delivery ${d}`).toBe(deletions.length);

      // Changes kept beside the stored rows over several deliveries, or folded into them.
      const compact = random.chance(0.3);
      const build = await buildCube(living.connection, CONFIG, { compact });
      expect(build.compacted.length, `delivery ${d}`).toBe(compact && !build.full ? 4 : 0);
      const diff = await differences(living, [...current.values()], keepLatest);
      expect(diff, `seed ${seed}, delivery ${d}`).toEqual(Object.fromEntries(Object.keys(COMPARED).map((k) => [k, 0])));
      const [v] = await queryRows(
        living.connection,
        `SELECT count(*) FILTER (WHERE status = 'current') AS current, (SELECT count(*) FROM records) AS records FROM record_versions`,
      );
      expect(v).toEqual({ current: current.size, records: current.size });
    }
  } finally {
    living.close();
  }
}

describe('a database kept current', () => {
  it('equals a fresh build of the current versions after every delivery (latest kept), tables and cube', async () => {
    for (const seed of [1, 2]) await night(seed, true);
  });

  it('equals a fresh build when the first version is kept (--keep first): corrections are duplicates, deletions still delete', async () => {
    await night(3, false);
  });

  it('moves a paper between matrix cells when its address is corrected, and takes it out when deleted', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'cells.duckdb'));
    const [rec] = realRecords().filter(
      (r) => r.source === 'wos' && /^C1 .*USA\.$/m.test(r.text) && !/Japan/.test(r.text) && /^PY \d{4}$/m.test(r.text),
    );
    const year = /^PY (\d{4})$/m.exec(rec!.text)![1]!;
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const papers = async (country: string) =>
      Number(
        (
          await queryRows(
            db.connection,
            `SELECT coalesce(sum(papers), 0) AS n FROM cube_countries WHERE basis = 'all' AND field = 'all' AND period = $y AND country = $c`,
            { y: year, c: country },
          )
        )[0]!.n,
      );
    await ingest(db, [write('a.txt', `FN x\nVR 1.0\n${rec!.text}EF\n`)], { workers: 1 });
    await buildCube(db.connection, CONFIG);
    const [usBefore, jpBefore] = [await papers('US'), await papers('JP')];
    expect(jpBefore).toBe(0);
    // Every USA address of the paper now in Japan: the paper leaves the U.S. cell for Japan's.
    const moved = rec!.text.replace(/USA\.$/gm, 'Japan.').replace(/USA\.(?=;|\n)/g, 'Japan.');
    await ingest(db, [write('b.txt', `FN x\nVR 1.0\n${moved}EF\n`)], { workers: 1 });
    const inc = await buildCube(db.connection, CONFIG);
    expect(inc.full).toBe(false);
    expect([await papers('US'), await papers('JP')]).toEqual([usBefore - 1, 1]);
    const out = await deleteByIds(db.connection, [
      { source: 'wos', uid: rec!.uid },
      { source: 'wos', uid: 'WOS:000000000000000' },
    ]);
    expect(out).toEqual({ deleted: 1, notFound: [{ source: 'wos', uid: 'WOS:000000000000000' }] });
    await buildCube(db.connection, CONFIG);
    expect(await papers('JP')).toBe(0);
    const [v] = await queryRows(db.connection, `SELECT list(status ORDER BY rec_id) AS s FROM record_versions WHERE uid = $u`, {
      u: rec!.uid,
    });
    expect(v!.s).toEqual(['replaced', 'deleted']);
    db.close();
  });

  it('retries a failed file until it loads, and forget takes a file back out', async () => {
    const dir = tempDir();
    const db = await openDatabase(join(dir, 'retry.duckdb'));
    const path = join(dir, 'delivery.txt');
    const [a, b] = realRecords().filter((r) => r.source === 'wos');
    writeFileSync(path, 'this is not an export\n');
    const first = await ingest(db, [path], { workers: 1 });
    expect(first.files[0]!.status).toBe('unsupported');
    const [reject] = await queryRows(db.connection, `SELECT kind, reason FROM rejects`);
    expect(reject!.kind).toBe('file');
    expect(String(reject!.reason)).toMatch(/no record found reading the file as wos-plaintext.*--format|format not supported/);
    // The same bytes again: tried again, failed again (never skipped as done).
    expect((await ingest(db, [path], { workers: 1 })).files[0]!.status).not.toBe('skipped');
    writeFileSync(path, `FN x\nVR 1.0\n${a!.text}${b!.text}EF\n`);
    const fixed = await ingest(db, [path], { workers: 1 });
    expect(fixed.files[0]).toMatchObject({ status: 'done', nLoaded: 2 });
    const statuses = await queryRows(db.connection, `SELECT status FROM files ORDER BY file_id`);
    expect(statuses.map((s) => s.status)).toEqual(['retried', 'retried', 'done']);
    expect((await ingest(db, [path], { workers: 1 })).files[0]!.status).toBe('skipped');

    const { forgotten } = await forgetFiles(db.connection, ['delivery.txt']);
    expect(forgotten.map((f) => f.records)).toEqual([2]);
    expect((await queryRows(db.connection, 'SELECT count(*) AS n FROM records'))[0]!.n).toBe(0);
    // Forgotten, so the same content loads again.
    expect((await ingest(db, [path], { workers: 1 })).files[0]).toMatchObject({ status: 'done', nLoaded: 2 });
    db.close();
  });
});
