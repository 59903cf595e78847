import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { JsonRecordSplitter } from '../src/split/json-splitter.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { breakJsonRecord, CORPORA, corpusFiles, tempDir } from './helpers.js';

const FOLDER = join(CORPORA, 'openalex_json');
const WORKS: Record<string, number> = {
  'FMuro__bibliographer__openalex.json': 65, // API page {meta, results[]}
  'UtrechtUniversity__BackToPure__all_responses.json': 9, // JSON array
  'UtrechtUniversity__BackToPure__openalex.json': 1, // a single work
  'UtrechtUniversity__BackToPure__works.json': 25, // API page with group_by
};

const tableOf = async (db: Database) =>
  (
    await queryRows(
      db.connection,
      `SELECT r.uid, r.year, r.doc_types, (SELECT string_agg(country || CASE WHEN is_corresponding THEN '*' ELSE '' END, ',' ORDER BY country)
                                            FROM record_countries rc WHERE rc.rec_id = r.rec_id) AS countries
       FROM records r ORDER BY uid`,
    )
  ).map((r) => JSON.stringify(r));

describe('OpenAlex works', () => {
  it('loads every work of every shape: API pages, arrays, a single work', async () => {
    const db = await openDatabase(join(tempDir(), 'oa.duckdb'));
    const s = await ingest(db, [FOLDER], { workers: 2 });
    for (const f of s.files) {
      if (f.status !== 'done') throw new Error(`${f.path}: ${f.status}`);
      expect(f.format).toBe('openalex-json');
      expect([f.nRead, f.nLoaded, f.nRejected], basename(f.path)).toEqual([WORKS[basename(f.path)], WORKS[basename(f.path)], 0]);
    }
    // W1526927233: eleven countries from the authorships' institutions.
    const [r] = await queryRows(
      db.connection,
      `SELECT string_agg(country, ',' ORDER BY country) AS c FROM record_countries JOIN records USING (rec_id) WHERE uid = 'W1526927233'`,
    );
    expect(r!.c).toBe('AU,CA,DK,FR,GB,IT,NL,NZ,PH,US,ZA');
    const [u] = await queryRows(db.connection, 'SELECT count(*) FILTER (WHERE country IS NULL) / count(*) AS share FROM addresses');
    expect(u!.share as number).toBeLessThan(0.005);
    db.close();
  });

  it('cuts a JSON document into many chunks of whole works and loads the same rows as from one chunk', async () => {
    const file = join(FOLDER, 'FMuro__bibliographer__openalex.json');
    const bytes = readFileSync(file);
    // The splitter alone: every chunk is a JSON array of whole works, 65 in all, whatever the read size.
    for (const step of [1 << 10, 7777, 1 << 20]) {
      const splitter = new JsonRecordSplitter({ targetBytes: 32 * 1024, maxRecordBytes: 64 << 20 });
      const pieces = [];
      for (let i = 0; i < bytes.length; i += step) pieces.push(...splitter.push(bytes.subarray(i, i + step)));
      pieces.push(...splitter.end());
      const works = pieces.flatMap((p) => (p.kind === 'chunk' ? (JSON.parse(Buffer.from(p.bytes).toString('utf8')) as unknown[]) : []));
      expect(works).toHaveLength(65);
      expect(pieces.length).toBeGreaterThan(step < 1 << 20 ? 10 : 1);
    }
    // Three pages one after the other (JSON Lines of pages, or pages appended to one file): every page's works.
    const compact = JSON.stringify(JSON.parse(bytes.toString('utf8')));
    const pages = Buffer.from(`${compact}\n${compact}\n${compact}\n`);
    const splitter = new JsonRecordSplitter({ targetBytes: 32 * 1024, maxRecordBytes: 64 << 20 });
    const pieces = [];
    for (let i = 0; i < pages.length; i += 7777) pieces.push(...splitter.push(pages.subarray(i, i + 7777)));
    pieces.push(...splitter.end());
    expect(pieces.every((p) => p.kind === 'chunk')).toBe(true);
    expect(
      pieces.flatMap((p) => (p.kind === 'chunk' ? (JSON.parse(Buffer.from(p.bytes).toString('utf8')) as unknown[]) : [])),
    ).toHaveLength(195);
    const one = await openDatabase(join(tempDir(), 'one.duckdb'));
    await ingest(one, [file], { workers: 1 });
    const many = await openDatabase(join(tempDir(), 'many.duckdb'));
    await ingest(many, [file], { workers: 2, chunkBytes: 16 * 1024 });
    expect(await tableOf(many)).toEqual(await tableOf(one));
    one.close();
    many.close();
  });

  it('reads JSON Lines (snapshot style), and rejects a broken line with its number', async () => {
    const works = corpusFiles(FOLDER).flatMap((f) => {
      const d = JSON.parse(readFileSync(f, 'utf8')) as unknown;
      return Array.isArray(d) ? d : ((d as { results?: unknown[] }).results ?? [d]);
    });
    const lines = works.map((w) => JSON.stringify(w));
    lines.splice(3, 0, '{"id": "https://openalex.org/W1", "broken": ');
    const dir = tempDir();
    writeFileSync(join(dir, 'part_000.jsonl'), lines.join('\n') + '\n');
    const db = await openDatabase(join(tempDir(), 'jsonl.duckdb'));
    const s = await ingest(db, [join(dir, 'part_000.jsonl')], { workers: 2, chunkBytes: 64 * 1024 });
    expect(s.files[0]).toMatchObject({ status: 'done', format: 'openalex-jsonl', nRead: 101, nLoaded: 100, nRejected: 1 });
    const [r] = await queryRows(db.connection, 'SELECT position, reason FROM rejects');
    expect(r!.position).toBe('line 4');
    expect(r!.reason).toMatch(/^line is not valid JSON/);
    const fromDocuments = await openDatabase(join(tempDir(), 'docs.duckdb'));
    await ingest(fromDocuments, [FOLDER], { workers: 2 });
    expect(await tableOf(db)).toEqual(await tableOf(fromDocuments));
    db.close();
    fromDocuments.close();
  });

  it('skips a work whose bytes break the JSON structure, alone, and loads every other work, pretty-printed or compact', async () => {
    // Followed strictly, one lost quote or brace put the splitter out of step for the rest of the
    // document (measured: 13 of 65 works loaded, or 564 "works" read from 65).
    const file = join(FOLDER, 'FMuro__bibliographer__openalex.json');
    const pretty = readFileSync(file, 'utf8');
    const clean = await openDatabase(join(tempDir(), 'clean.duckdb'));
    await ingest(clean, [file], { workers: 1 });
    const cleanRows = await tableOf(clean);
    clean.close();
    const dir = tempDir();
    for (const [name, text] of [
      ['pretty', pretty],
      ['compact', JSON.stringify(JSON.parse(pretty))],
    ] as const) {
      const at = [...text.matchAll(/\{\s*"id":\s*"https:\/\/openalex\.org\/W/g)][10]!.index;
      const uid = /W\d+/.exec(text.slice(at))![0];
      for (const how of ['quote', 'open', 'close', 'brackets'] as const) {
        const path = join(dir, `${name}-${how}.json`);
        writeFileSync(path, breakJsonRecord(text, at, how));
        const db = await openDatabase(join(dir, `${name}-${how}.duckdb`));
        const s = await ingest(db, [path], { workers: 2, chunkBytes: 16 * 1024 });
        const what = `${name}, ${how}`;
        expect(s.files[0], what).toMatchObject({ status: 'done', nRead: how === 'open' ? 66 : 65, nLoaded: 64 });
        const positions = (await queryRows(db.connection, 'SELECT position FROM rejects')).map((r) =>
          Number(/\d+/.exec(r.position as string)![0]),
        );
        expect(Math.min(...positions), what).toBe(Buffer.byteLength(text.slice(0, at)));
        expect(await tableOf(db), what).toEqual(cleanRows.filter((r) => !r.includes(`"${uid}"`)));
        db.close();
      }
    }
  });
});
