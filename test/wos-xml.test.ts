import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
import { CORPORA, corpusFiles, tempDir } from './helpers.js';

const FOLDER = join(CORPORA, 'wos_xml');

/** The <country> values of the XML corpora, by hand (old uppercase and historic names included). */
const ISO: Record<string, string> = {
  'PEOPLES R CHINA': 'CN',
  USA: 'US',
  ITALY: 'IT',
  JAPAN: 'JP',
  GERMANY: 'DE',
  SPAIN: 'ES',
  ENGLAND: 'GB',
  SCOTLAND: 'GB',
  WALES: 'GB',
  FRANCE: 'FR',
  INDIA: 'IN',
  CANADA: 'CA',
  'SOUTH KOREA': 'KR',
  'SAUDI ARABIA': 'SA',
  RUSSIA: 'RU',
  USSR: 'RU',
  'FED REP GER': 'DE',
  'GER DEM REP': 'DE',
  TURKIYE: 'TR',
  TURKEY: 'TR',
  SERBIA: 'RS',
  GREECE: 'GR',
  AUSTRALIA: 'AU',
  PAKISTAN: 'PK',
  ISRAEL: 'IL',
  'CZECH REPUBLIC': 'CZ',
  CZECHOSLOVAKIA: 'CZ',
  SYRIA: 'SY',
  SWITZERLAND: 'CH',
  NETHERLANDS: 'NL',
  BELGIUM: 'BE',
  SUDAN: 'SD',
  'SRI LANKA': 'LK',
  SWEDEN: 'SE',
  PHILIPPINES: 'PH',
  HUNGARY: 'HU',
  FINLAND: 'FI',
  CHILE: 'CL',
  AUSTRIA: 'AT',
  VATICAN: 'VA',
  'SOUTH AFRICA': 'ZA',
  POLAND: 'PL',
  MEXICO: 'MX',
  DENMARK: 'DK',
  CAMEROON: 'CM',
};

/** Each REC's countries read straight from its <address_spec> elements (regular expressions, no XML parser). */
function handCountries(path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rec of readFileSync(path, 'utf8').split(/<\/(?:\w+:)?REC>/)) {
    const uid = /<UID>([^<]+)<\/UID>/.exec(rec)?.[1];
    if (!uid) continue;
    const set = new Set<string>();
    for (const spec of rec.match(/<address_spec[\s\S]*?<\/address_spec>/g) ?? []) {
      const country = /<country>([^<]+)<\/country>/.exec(spec)?.[1]?.toUpperCase();
      const full = /<full_address>([^<]*)<\/full_address>/.exec(spec)?.[1] ?? '';
      if (!country) continue;
      set.add(country === 'PEOPLES R CHINA' && /Hong Kong, Peoples R China$/i.test(full) ? 'HK' : (ISO[country] ?? country));
    }
    if (!out.has(uid)) out.set(uid, [...set].sort().join(','));
  }
  return out;
}

describe('WoS XML (raw dumps, API XML, single records)', () => {
  it('loads every REC of every file and gives each the countries of its address elements', async () => {
    const db = await openDatabase(join(tempDir(), 'xml.duckdb'));
    const s = await ingest(db, [FOLDER], { workers: 2 });
    let total = 0;
    for (const f of s.files) {
      if (f.status !== 'done') throw new Error(`${f.path}: ${f.status}`);
      expect(f.format).toBe('wos-xml');
      const recs = (readFileSync(f.path, 'utf8').match(/<(?:\w+:)?REC[\s>]/g) ?? []).length;
      expect([f.nRead, f.nLoaded + f.nDuplicate, f.nRejected], basename(f.path)).toEqual([recs, recs, 0]);
      total += recs;
    }
    expect(total).toBe(268);
    const ours = new Map(
      (
        await queryRows(
          db.connection,
          `SELECT r.uid, coalesce(string_agg(rc.country, ',' ORDER BY rc.country), '') AS c FROM records r LEFT JOIN record_countries rc USING (rec_id) GROUP BY r.uid`,
        )
      ).map((r) => [r.uid as string, r.c as string]),
    );
    let compared = 0;
    for (const file of corpusFiles(FOLDER)) {
      for (const [uid, countries] of handCountries(file)) {
        expect(ours.get(uid), uid).toBe(countries);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(267);
    // A 2009 record with authors linked to addresses by addr_no: U.S. and Denmark, each author at the right one.
    const links = await queryRows(
      db.connection,
      `SELECT a.country, a.authors FROM addresses a JOIN records r USING (rec_id) WHERE r.uid = 'WOS:000268565100019' AND NOT a.is_corresponding ORDER BY addr_pos`,
    );
    expect(links.map((l) => l.country)).toEqual(expect.arrayContaining(['US', 'DK']));
    expect(links.every((l) => (l.authors as string[]).length > 0)).toBe(true);
    db.close();
  });

  it('rejects a REC never closed as that REC alone, and one not well formed with its line; the others load', async () => {
    const file = join(FOLDER, 'sul-dlss__sul_pub__api_expanded_search_TI_pathological_100rec.xml');
    let text = readFileSync(file, 'utf8');
    const closes = [...text.matchAll(/<\/REC>/g)].map((m) => m.index);
    const opens = [...text.matchAll(/<REC[\s>]/g)].map((m) => m.index);
    const lineOf = (i: number): number => text.slice(0, i).split('\n').length;
    // REC 4 loses its close tag; REC 10 an element's.
    const broken = text.indexOf('</title>', opens[9]);
    text = text.slice(0, broken) + text.slice(broken + '</title>'.length);
    text = text.slice(0, closes[3]) + text.slice(closes[3]! + '</REC>'.length);
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.xml'), text);
    const db = await openDatabase(join(dir, 'broken.duckdb'));
    const s = await ingest(db, [join(dir, 'broken.xml')], { workers: 2, chunkBytes: 16 * 1024 });
    expect(s.files[0]).toMatchObject({ status: 'done', nRead: 100, nLoaded: 98, nRejected: 2 });
    const rejects = await queryRows(db.connection, 'SELECT position, reason FROM rejects ORDER BY reason');
    expect(rejects.map((r) => r.position)).toEqual([`line ${lineOf(opens[3]!)}`, `line ${lineOf(opens[9]!)}`]);
    expect(rejects[0]!.reason).toBe('REC element not closed before the next REC starts');
    expect(rejects[1]!.reason).toMatch(/^REC is not well-formed XML: /);
    db.close();
  });
});
