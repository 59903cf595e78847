import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { JsonRecordSplitter } from '../src/split/json-splitter.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { recsOf } from './api-json-reference.js';
import { breakJsonRecord, CORPORA, corpusFiles, tempDir } from './helpers.js';

const page = (recs: unknown[] | unknown) => ({
  QueryResult: { QueryID: 1, RecordsSearched: 1000, RecordsFound: Array.isArray(recs) ? recs.length : 1 },
  Data: { Records: { records: recs === '' ? '' : { REC: recs } } },
});

async function rowsOf(db: Database): Promise<Map<string, string>> {
  const rows = await queryRows(
    db.connection,
    `SELECT r.uid, to_json({year: r.year, types: r.doc_types, title: r.title, so: r.source_title, doi: r.doi, la: r.language,
            wc: r.categories, sc: r.research_areas, de: r.keywords, id: r.keywords_plus, ab: r.abstract, tc: r.times_cited,
            links: r.author_links, c1: r.c1_raw, rp: r.rp_raw,
            addresses: (SELECT list([a.raw, a.country, array_to_string(a.authors, ';')] ORDER BY a.addr_pos) FROM addresses a WHERE a.rec_id = r.rec_id),
            countries: (SELECT list(rc.country || CASE WHEN rc.is_corresponding THEN '*' ELSE '' END ORDER BY rc.country)
                        FROM record_countries rc WHERE rc.rec_id = r.rec_id)})::VARCHAR AS row
     FROM records r`,
  );
  return new Map(rows.map((r) => [r.uid as string, r.row as string]));
}

describe('WoS Expanded API JSON', () => {
  it('gives every REC of the real XML corpora the same row as the XML does, pages cut into chunks while streaming', async () => {
    const dir = join(tempDir(), 'wos_json');
    mkdirSync(dir);
    let recs = 0;
    for (const file of corpusFiles(join(CORPORA, 'wos_xml'))) {
      const r = recsOf(file);
      recs += r.length;
      // A page with one REC holds it as an object, as the API writes it.
      writeFileSync(join(dir, basename(file).replace(/\.xml$/, '.json')), JSON.stringify(page(r.length === 1 ? r[0] : r), null, 2));
    }
    expect(recs).toBe(268);
    writeFileSync(join(dir, 'empty_page.json'), JSON.stringify(page('')));

    // The splitter finds Data.Records.records.REC and cuts it into chunks of whole RECs, whatever the read sizes.
    const bytes = readFileSync(join(dir, 'sul-dlss__sul_pub__api_expanded_search_TI_pathological_100rec.json'));
    for (const step of [1000, 1 << 20]) {
      const splitter = new JsonRecordSplitter({ targetBytes: 32 * 1024, maxRecordBytes: 64 << 20 });
      const pieces = [];
      for (let i = 0; i < bytes.length; i += step) pieces.push(...splitter.push(bytes.subarray(i, i + step)));
      pieces.push(...splitter.end());
      const chunks = pieces.map((p) =>
        p.kind === 'chunk' ? (JSON.parse(Buffer.from(p.bytes).toString('utf8')) as { UID: string }[]) : [],
      );
      expect(chunks.length).toBeGreaterThan(5);
      expect(chunks.flat().map((r) => r.UID.slice(0, 4))).toEqual(Array(100).fill('WOS:'));
    }

    const xml = await openDatabase(join(tempDir(), 'xml.duckdb'));
    await ingest(xml, [join(CORPORA, 'wos_xml')], { workers: 2 });
    const json = await openDatabase(join(tempDir(), 'json.duckdb'));
    // Small chunks, so that pages are cut into several chunks of RECs.
    const s = await ingest(json, [dir], { workers: 2, chunkBytes: 64 * 1024 });
    for (const f of s.files) {
      expect(f.status, f.path).toBe('done');
      expect(f.format, f.path).toBe('wos-json');
    }
    const total = s.files.reduce((n, f) => n + (f.status === 'done' ? f.nRead : 0), 0);
    const loaded = s.files.reduce((n, f) => n + (f.status === 'done' ? f.nLoaded + f.nDuplicate : 0), 0);
    expect([total, loaded]).toEqual([268, 268]);

    const [fromXml, fromJson] = [await rowsOf(xml), await rowsOf(json)];
    expect(fromJson.size).toBe(267);
    expect([...fromJson.keys()].sort()).toEqual([...fromXml.keys()].sort());
    for (const [uid, row] of fromXml) expect(fromJson.get(uid), uid).toBe(row);
    // Spot check: a 2009 record, U.S. and Denmark, authors linked by addr_no.
    expect(fromJson.get('WOS:000268565100019')).toMatch(/"countries":\[[^\]]*"DK[*]?"[^\]]*"US[*]?"/);
    xml.close();
    json.close();
  }, 120_000);

  it('rejects a broken REC at its byte and loads the others; a page cut short is loaded as far as it goes and marked partial', async () => {
    const dir = join(tempDir(), 'bad_json');
    mkdirSync(dir);
    const recs = recsOf(join(CORPORA, 'wos_xml/sul-dlss__sul_pub__api_expanded_id_2rec.xml'));
    expect(recs).toHaveLength(2);
    const [a, b] = recs.map((r) => JSON.stringify(r));
    // A REC with a missing value in the middle of the page: invalid JSON, for that REC only.
    const broken = '{"UID": "WOS:BROKEN", "static_data": {"summary": }}';
    const middle = `{"Data": {"Records": {"records": {"REC": [\n${a},\n${broken},\n${b}\n]}}}}`;
    writeFileSync(join(dir, 'middle.json'), middle);
    // A page cut inside its second REC.
    const cut = `{"Data": {"Records": {"records": {"REC": [\n${a},\n${b.slice(0, 200)}`;
    writeFileSync(join(dir, 'cut.json'), cut);
    const db = await openDatabase(join(tempDir(), 'bad.duckdb'));
    const s = await ingest(db, [join(dir, 'middle.json'), join(dir, 'cut.json')], { workers: 1, chunkBytes: 1 << 20 });
    const counts = Object.fromEntries(
      s.files.map((f) => [
        basename(f.path),
        f.status === 'done' || f.status === 'partial' ? [f.status, f.nRead, f.nLoaded + f.nDuplicate, f.nRejected] : f.status,
      ]),
    );
    expect(counts).toEqual({ 'middle.json': ['done', 3, 2, 1], 'cut.json': ['partial', 2, 1, 1] });
    const rejects = await queryRows(
      db.connection,
      'SELECT f.path, r.kind, r.position, r.reason FROM rejects r JOIN files f USING (file_id) ORDER BY f.path DESC, r.kind',
    );
    expect(rejects.map((r) => [basename(r.path as string), r.kind, r.position])).toEqual([
      ['middle.json', 'record', `byte ${Buffer.byteLength(middle.slice(0, middle.indexOf('{"UID": "WOS:BROKEN"')))}`],
      ['cut.json', 'file', `byte ${Buffer.byteLength(cut)}`],
      ['cut.json', 'record', `byte ${Buffer.byteLength(cut.slice(0, cut.lastIndexOf(b.slice(0, 200))))}`],
    ]);
    expect(rejects[0]!.reason).toMatch(/not valid JSON/);
    expect(rejects[1]!.reason).toMatch(/cut short/);
    db.close();
  });
  it('skips a REC whose bytes break the JSON structure, alone, and loads every other REC of the page', async () => {
    const recs = recsOf(join(CORPORA, 'wos_xml/sul-dlss__sul_pub__api_expanded_search_TI_pathological_100rec.xml'));
    const text = JSON.stringify(page(recs));
    const dir = tempDir();
    writeFileSync(join(dir, 'clean.json'), text);
    const clean = await openDatabase(join(dir, 'clean.duckdb'));
    await ingest(clean, [join(dir, 'clean.json')], { workers: 1 });
    const cleanRows = await rowsOf(clean);
    clean.close();
    // REC 41 (its first key is an attribute of the XML's REC, as the API writes them).
    const at = text.indexOf(JSON.stringify(recs[40]));
    const uid = (recs[40] as { UID: string }).UID;
    for (const how of ['quote', 'open', 'close', 'brackets'] as const) {
      writeFileSync(join(dir, `${how}.json`), breakJsonRecord(text, at, how));
      const db = await openDatabase(join(dir, `${how}.duckdb`));
      const s = await ingest(db, [join(dir, `${how}.json`)], { workers: 2, chunkBytes: 64 * 1024 });
      expect(s.files[0], how).toMatchObject({ status: 'done', nRead: how === 'open' ? 101 : 100, nLoaded: 99 });
      const positions = (await queryRows(db.connection, 'SELECT position FROM rejects')).map((r) =>
        Number(/\d+/.exec(r.position as string)![0]),
      );
      expect(Math.min(...positions), how).toBe(at);
      const rows = await rowsOf(db);
      expect(rows.has(uid), how).toBe(false);
      expect([...rows].sort(), how).toEqual([...cleanRows].filter(([u]) => u !== uid).sort());
      db.close();
    }
  });

  it('reads JSON Lines of API pages (pages of 25 RECs, then RECs alone) as the XML gives them, a broken line rejected at its line', async () => {
    const recs = corpusFiles(join(CORPORA, 'wos_xml')).flatMap(recsOf);
    expect(recs).toHaveLength(268);
    const lines: string[] = [];
    for (let i = 0; i < 200; i += 25) lines.push(JSON.stringify(page(recs.slice(i, i + 25))));
    lines.push('{"Data": {"Records": {"records": {"REC": [ broken');
    for (const r of recs.slice(200)) lines.push(JSON.stringify(r));
    const dir = join(tempDir(), 'jsonl');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pages.jsonl'), lines.join('\n') + '\n');

    const json = await openDatabase(join(tempDir(), 'jsonl.duckdb'));
    // Small chunks, so that the lines are cut into several chunks.
    const s = await ingest(json, [dir], { workers: 2, chunkBytes: 64 * 1024 });
    const f = s.files[0]!;
    expect(f.status === 'done' && [f.format, f.nRead, f.nLoaded + f.nDuplicate, f.nRejected]).toEqual(['wos-jsonl', 269, 268, 1]);
    const rejects = await queryRows(json.connection, 'SELECT position, reason FROM rejects');
    expect(rejects.map((r) => r.position)).toEqual(['line 9']);
    expect(rejects[0]!.reason).toMatch(/not valid JSON/);
    // Records carry the line of their page.
    const lineOf = await queryRows(json.connection, 'SELECT line FROM records WHERE uid = $uid', {
      uid: (recs[210] as { UID: string }).UID,
    });
    expect(lineOf).toEqual([{ line: 20 }]);

    // Pages longer than the bytes the format is sniffed from are read as a JSON document: the
    // splitter goes on to the next page when one ends (it used to stop after the first).
    const clean = join(tempDir(), 'pages-as-document.json');
    writeFileSync(clean, lines.filter((l) => !l.includes('broken')).join('\n') + '\n');
    const doc = await openDatabase(join(tempDir(), 'doc.duckdb'));
    const d = (await ingest(doc, [clean], { format: 'wos-json', chunkBytes: 64 * 1024 })).files[0]!;
    expect(d.status === 'done' && [d.format, d.nRead, d.nLoaded + d.nDuplicate, d.nRejected]).toEqual(['wos-json', 268, 268, 0]);
    expect(await rowsOf(doc)).toEqual(await rowsOf(json));
    // The same file cut inside its last REC: the RECs before it load as newer versions (one UID is
    // twice in the file: its repeat is a duplicate), the cut one is a reject, the file partial.
    const text = readFileSync(clean, 'utf8');
    writeFileSync(clean, text.slice(0, text.length - 500));
    const c = (await ingest(doc, [clean], { format: 'wos-json', chunkBytes: 64 * 1024 })).files[0]!;
    expect(c.status !== 'skipped' && c.status !== 'unsupported' && [c.status, c.nRead, c.nLoaded, c.nDuplicate, c.nRejected]).toEqual([
      'partial',
      268,
      266,
      1,
      1,
    ]);
    expect(c.status === 'partial' && c.nReplaced).toBe(266);
    doc.close();

    const xml = await openDatabase(join(tempDir(), 'xml2.duckdb'));
    await ingest(xml, [join(CORPORA, 'wos_xml')], { workers: 2 });
    const [fromXml, fromJson] = [await rowsOf(xml), await rowsOf(json)];
    expect(fromJson.size).toBe(267);
    for (const [uid, row] of fromXml) expect(fromJson.get(uid), uid).toBe(row);
    xml.close();
    json.close();
  }, 120_000);
});
