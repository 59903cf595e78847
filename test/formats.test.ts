import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { corpusFiles, CORPORA, tempDir, WOS_PLAINTEXT } from './helpers.js';

/** Rows per file, as ../shared/corpora/SOURCES.md counts them. */
const TAB_ROWS: Record<string, number> = {
  'TimothyStaples__labnetwork__savedrecs.txt': 212,
  'jpruiz84__ScientoPy__wos.txt': 125,
  'jpruiz84__ScientoPy__wos_1_500.txt': 500,
  'jpruiz84__ScientoPy__wos_2026_04_02_4071.txt': 71,
  'jpruiz84__ScientoPy__wos_6500_6525.txt': 25,
  'xzy11239__bibliometrics-project__savedrecs_(40).txt': 50,
};
const SCOPUS_ROWS: Record<string, number> = {
  'NLeSC__litstudy__scopus.csv': 58,
  'NLeSC__litstudy__scopus_v2.csv': 88,
  'amosfigueiredo__pyBibX__scopus.csv': 13,
  'jpruiz84__ScientoPy__scopus.csv': 921,
  'massimoaria__bibliometrix__scopus_sample.csv': 8,
};

async function fresh(name: string): Promise<Database> {
  return openDatabase(join(tempDir(), `${name}.duckdb`));
}

const countriesOf = async (db: Database, uid: string): Promise<string> =>
  (
    await queryRows(
      db.connection,
      `SELECT string_agg(country || CASE WHEN is_corresponding THEN '*' ELSE '' END, ',' ORDER BY country) AS c
       FROM record_countries JOIN records USING (rec_id) WHERE uid = $uid`,
      { uid },
    )
  )[0]!.c as string;

describe('WoS tab-delimited and Scopus CSV exports', () => {
  it.each([
    ['wos_tabdelim', TAB_ROWS, 'wos-tabdelim'],
    ['scopus_csv', SCOPUS_ROWS, 'scopus-csv'],
  ] as const)('loads every row of every %s file, the format sniffed from the content', async (folder, rows, format) => {
    const db = await fresh(folder);
    const s = await ingest(db, [join(CORPORA, folder)], { workers: 2 });
    const files = corpusFiles(join(CORPORA, folder));
    expect(s.files).toHaveLength(files.length);
    for (const f of s.files) {
      if (f.status !== 'done') throw new Error(`${f.path}: ${f.status}`);
      const name = basename(f.path);
      expect(f.format, name).toBe(format);
      expect(f.nRead, name).toBe(rows[name]);
      expect(f.nLoaded + f.nDuplicate + f.nRejected, name).toBe(rows[name]);
      expect(f.nRejected, name).toBe(0);
    }
    // Every address finds its country (the few left are addresses without one).
    const [u] = await queryRows(db.connection, 'SELECT count(*) FILTER (WHERE country IS NULL) / count(*) AS share FROM addresses');
    expect(u!.share as number).toBeLessThan(0.005);
    db.close();
  });

  it('reads the Scopus spellings and keeps Hong Kong, Macao and Taiwan apart (named records)', async () => {
    const db = await fresh('scopus-edge');
    await ingest(db, [resolve(CORPORA, '../reference/bibliometrix/inputs/edgecases_scopus.csv')], { workers: 1 });
    expect(await countriesOf(db, '2-s2.0-00000000000')).toBe('RU,US*'); // United States + Russian Federation
    expect(await countriesOf(db, '2-s2.0-00000000002')).toBe('TR,VN*'); // Viet Nam + Türkiye + Turkey
    expect(await countriesOf(db, '2-s2.0-00000000003')).toBe('CN,HK,MO,TW*');
    expect(await countriesOf(db, '2-s2.0-00000000004')).toBe('CZ,GB*,KR'); // Czechia
    expect(await countriesOf(db, '2-s2.0-00000000005')).toBe('GE,US*'); // Georgia Tech (GA) and Tbilisi
    expect(await countriesOf(db, '2-s2.0-00000000006')).toBe('FR,IT'); // no correspondence address
    expect(await countriesOf(db, '2-s2.0-00000000007')).toBe('AE*,BA,BN,PS'); // Bosnia and Herzegovina, Brunei Darussalam, Palestine
    expect(await countriesOf(db, '2-s2.0-00000000009')).toBe('JP*'); // no affiliations: the corresponding address
    db.close();
  });

  it('gives the same paper the same row from plain text and from tab-delimited, UTF-8 or UTF-16', async () => {
    // A real plain-text export, written out as WoS writes tab-delimited files.
    const source = join(WOS_PLAINTEXT, 'massimoaria__bibliometrix__bibliometric_in_management.txt');
    const tags = ['PT', 'AU', 'AF', 'TI', 'SO', 'LA', 'DT', 'DE', 'ID', 'AB', 'C1', 'RP', 'WC', 'SC', 'PY', 'EA', 'EY', 'DI', 'TC', 'UT'];
    const rows = [tags.join('\t') + '\t'];
    for (const rec of readFileSync(source, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\nER\n/)) {
      const fields = new Map<string, string[]>();
      let tag = '';
      for (const line of rec.split('\n')) {
        if (/^[A-Z][A-Z0-9] /.test(line)) fields.set((tag = line.slice(0, 2)), [line.slice(3)]);
        else if (line.startsWith('   ') && tag) fields.get(tag)!.push(line.slice(3));
      }
      if (!fields.has('UT')) continue;
      const cell = (t: string) => {
        const v = fields.get(t) ?? [];
        if (t === 'C1') return v.map((a) => a.replace(/\.$/, '')).join('; ');
        return ['AU', 'AF'].includes(t) ? v.join('; ') : v.join(' ');
      };
      rows.push(tags.map(cell).join('\t') + '\t');
    }
    const dir = tempDir();
    writeFileSync(join(dir, 'savedrecs_utf8.txt'), '\uFEFF' + rows.join('\r\n') + '\r\n');
    writeFileSync(
      join(dir, 'savedrecs_win.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.join('\r\n') + '\r\n', 'utf16le')]),
    );

    const rowsOf = async (db: Database) =>
      new Map(
        (
          await queryRows(
            db.connection,
            `SELECT uid, year, doc_types, (SELECT string_agg(country || CASE WHEN is_corresponding THEN '*' ELSE '' END, ',' ORDER BY country)
                                           FROM record_countries rc WHERE rc.rec_id = r.rec_id) AS countries
             FROM records r`,
          )
        ).map((r) => [r.uid, JSON.stringify([r.year, r.doc_types, r.countries])]),
      );
    const plain = await fresh('plain');
    await ingest(plain, [source], { workers: 1 });
    const expected = await rowsOf(plain);
    plain.close();
    expect(expected.size).toBe(241);
    for (const f of ['savedrecs_utf8.txt', 'savedrecs_win.txt']) {
      const db = await fresh(f);
      const s = await ingest(db, [join(dir, f)], { workers: 2 });
      expect(s.files[0]).toMatchObject({ status: 'done', format: 'wos-tabdelim', nRead: 241, nLoaded: 241 });
      expect(await rowsOf(db), f).toEqual(expected);
      db.close();
    }
  });

  it('rejects a tab-delimited row with the wrong number of cells, naming its line, and loads the rest', async () => {
    const dir = tempDir();
    const file = join(CORPORA, 'wos_tabdelim/xzy11239__bibliometrics-project__savedrecs_(40).txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[5] = lines[5]!.split('\t').slice(0, 20).join('\t');
    writeFileSync(join(dir, 'cut.txt'), lines.join('\n'));
    const db = await fresh('cut');
    const s = await ingest(db, [join(dir, 'cut.txt')], { workers: 1 });
    expect(s.files[0]).toMatchObject({ nRead: 50, nLoaded: 49, nRejected: 1 });
    const [r] = await queryRows(db.connection, 'SELECT position, reason FROM rejects');
    expect(r).toEqual({ position: 'line 6', reason: 'row has 20 cells where the header has 71' });
    db.close();
  });

  it('rejects a Scopus row with a stray quote as that row alone, and loads every row after it', async () => {
    // Followed strictly, one stray quote turns every later row inside out: the splitter found no
    // row end for 16 MB and the rest of the file was lost as one oversize record.
    const dir = tempDir();
    const file = join(CORPORA, 'scopus_csv/jpruiz84__ScientoPy__scopus.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[10]).toMatch(/^"[^"]+","[^"]{5}/);
    lines[10] = lines[10]!.replace(/^("[^"]+",")([^"]{5})/, '$1$2"'); // a quote after the title's fifth character
    writeFileSync(join(dir, 'stray.csv'), lines.join('\n'));
    const db = await fresh('stray');
    const s = await ingest(db, [join(dir, 'stray.csv')], { workers: 2, chunkBytes: 64 * 1024 });
    expect(s.files[0]).toMatchObject({ status: 'done', nRead: 921, nLoaded: 920, nRejected: 1 });
    const [r] = await queryRows(db.connection, 'SELECT position, reason, excerpt FROM rejects');
    expect(r!.position).toBe('line 11');
    expect(r!.reason).toMatch(/^CSV row not readable \(text after a closing quote\)/);
    expect(r!.excerpt).toBe(lines[10]!.slice(0, 300) + '...');
    db.close();
  });
});
