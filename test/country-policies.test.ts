import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryRows } from '../src/analysis/corresponding-countries.js';
import { countryMatrix } from '../src/analysis/country-matrix.js';
import { DEFAULT_POLICY, type CountryPolicy } from '../src/analysis/country-policy.js';
import { ALL_PAPERS } from '../src/analysis/selection.js';
import { unmatchedTails } from '../src/analysis/unmatched.js';
import { CAUSES, compareWithCompat } from '../src/compat/bibliometrix/compare.js';
import { compatDocuments } from '../src/compat/bibliometrix/documents.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows, type Database } from '../src/store/database.js';
import { CORPORA, tempDir, WOS_PLAINTEXT } from './helpers.js';

let db: Database;
beforeAll(async () => {
  db = await openDatabase(join(tempDir(), 'policies.duckdb'));
  await ingest(db, [WOS_PLAINTEXT], { workers: 2, keepLatest: false }); // overlapping exports merged, first kept
});
afterAll(() => db.close());

const papersOf = async (policy: CountryPolicy, code: string): Promise<number> =>
  (await countryRows(db.connection, ALL_PAPERS, policy)).find((r) => r.country === code)?.papers ?? 0;

const countWith = async (codes: string[]): Promise<number> =>
  (
    await queryRows(
      db.connection,
      `SELECT count(DISTINCT rec_id) AS n FROM record_countries WHERE list_contains($codes::VARCHAR[], country)`,
      { codes: `[${codes.join(',')}]` },
    )
  )[0]!.n as number;

describe('primary-affiliation countries P(p) on the real WoS corpora', () => {
  it('equal an independent count: each linked author counts at the country of the first address that names them', async () => {
    const rows = await queryRows(
      db.connection,
      `SELECT a.rec_id, a.addr_pos, a.country, a.authors FROM addresses a JOIN records r USING (rec_id)
       WHERE r.author_links AND NOT a.is_corresponding ORDER BY a.rec_id, a.addr_pos`,
    );
    const expected = new Map<number, Set<string>>();
    const seen = new Map<number, Set<string>>();
    for (const r of rows) {
      const rec = r.rec_id as number;
      const authorsSeen = seen.get(rec) ?? seen.set(rec, new Set()).get(rec)!;
      const set = expected.get(rec) ?? expected.set(rec, new Set()).get(rec)!;
      for (const author of (r.authors as string[] | null) ?? []) {
        if (authorsSeen.has(author)) continue;
        authorsSeen.add(author);
        if (r.country !== null) set.add(r.country as string);
      }
    }
    const stored = await queryRows(
      db.connection,
      `SELECT rec_id, list(country ORDER BY country) AS countries FROM record_primary_countries
       WHERE NOT from_all_addresses GROUP BY rec_id`,
    );
    const actual = new Map(stored.map((r) => [r.rec_id as number, (r.countries as string[]).join(',')]));
    let compared = 0;
    for (const [rec, set] of expected) {
      if (set.size === 0) continue;
      expect(actual.get(rec), `rec ${rec}`).toBe([...set].sort().join(','));
      compared++;
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('tell visiting second affiliations from collaboration on named papers', async () => {
    const primary = async (uid: string) =>
      (
        await queryRows(
          db.connection,
          `SELECT string_agg(country, ',' ORDER BY country) AS c FROM record_primary_countries JOIN records USING (rec_id) WHERE uid = $uid`,
          { uid },
        )
      )[0]!.c;
    // Perc, Matjaz: Slovenia first, Taiwan and Austria as further affiliations; Iran and the U.S. are other authors'.
    expect(await primary('WOS:000614615100001')).toBe('IR,SI,US');
    // Ten U.S. authors; Spain and Panama only as second affiliations: not robustly international.
    expect(await primary('WOS:001033506400001')).toBe('US');
  });

  it('make 514 of the 3,607 international papers domestic on the primary basis', async () => {
    const [r] = await queryRows(
      db.connection,
      `WITH c AS (SELECT rec_id, count(*) n FROM record_countries GROUP BY 1),
            p AS (SELECT rec_id, count(*) n FROM record_primary_countries GROUP BY 1)
       SELECT count(*) FILTER (WHERE c.n >= 2) AS intl, count(*) FILTER (WHERE c.n >= 2 AND coalesce(p.n, 0) < 2) AS visiting
       FROM c LEFT JOIN p USING (rec_id)`,
    );
    expect(r).toEqual({ intl: 3607, visiting: 514 });
    const all = await countryRows(db.connection, ALL_PAPERS);
    const primary = await countryRows(db.connection, ALL_PAPERS, { ...DEFAULT_POLICY, basis: 'primary' });
    const mcp = (rows: typeof all) => rows.reduce((s, r) => s + r.mcp, 0);
    const articles = (rows: typeof all) => rows.reduce((s, r) => s + r.articles, 0);
    expect(articles(primary)).toBe(articles(all)); // every paper keeps its corresponding country
    expect(mcp(primary)).toBeLessThan(mcp(all));
  });
});

describe('region and UK policies', () => {
  it('fold Taiwan into China (bibliometrix) or Hong Kong and Macao into China (merge-china)', async () => {
    expect(await papersOf({ ...DEFAULT_POLICY, regions: 'bibliometrix' }, 'CN')).toBe(await countWith(['CN', 'TW']));
    expect(await papersOf({ ...DEFAULT_POLICY, regions: 'bibliometrix' }, 'TW')).toBe(0);
    expect(await papersOf({ ...DEFAULT_POLICY, regions: 'merge-china' }, 'CN')).toBe(await countWith(['CN', 'HK', 'MO']));
    expect(await papersOf({ ...DEFAULT_POLICY, regions: 'merge-china' }, 'TW')).toBe(await countWith(['TW']));
  });

  it('keep England, Scotland, Wales and Northern Ireland apart with --uk-nations, so England-Scotland papers become international', async () => {
    const policy = { ...DEFAULT_POLICY, ukNations: true };
    const [eng] = await queryRows(
      db.connection,
      `SELECT count(DISTINCT rec_id) AS n FROM addresses WHERE country = 'GB' AND country_tail = 'ENGLAND'`,
    );
    expect(await papersOf(policy, 'GB-ENG')).toBe(eng!.n);
    const m = await countryMatrix(db.connection, ALL_PAPERS, policy);
    expect(m.countries).toContain('GB-SCT');
    expect(m.countries).not.toContain('GB');
    const i = m.countries.indexOf('GB-ENG');
    const j = m.countries.indexOf('GB-SCT');
    expect(m.counts[i]![j]!).toBeGreaterThan(0);
    expect(await papersOf(DEFAULT_POLICY, 'GB')).toBe(await countWith(['GB']));
  });

  it('finds a country for every address of the real WoS exports (unmatched share under 0.5%)', async () => {
    const u = await unmatchedTails(db.connection, ALL_PAPERS);
    expect(u.addresses).toBe(55_264);
    expect(u.unmatched / u.addresses).toBeLessThan(0.005);
    expect(u.rows).toEqual([]);
  });
});

describe('bibliometrix compatibility on all real WoS exports', () => {
  it('runs on 13,590 papers and finds AU_CO wherever a paper has addresses bibliometrix can read', async () => {
    const docs = await compatDocuments(db.connection, ALL_PAPERS);
    expect(docs).toHaveLength(13_590);
    const [withAddresses] = await queryRows(
      db.connection,
      `SELECT count(*) AS n FROM records WHERE c1_raw IS NOT NULL OR rp_raw IS NOT NULL`,
    );
    const found = docs.filter((d) => d.auCo !== null).length;
    expect(found / (withAddresses!.n as number)).toBeGreaterThan(0.98);
    const { causes } = await compareWithCompat(db.connection, ALL_PAPERS, docs);
    const count = (c: string) => causes.find((x) => x.cause === c)!.papers;
    // Taiwan papers: every one differs, since bibliometrix files Taiwan under China.
    expect(count(CAUSES.taiwan)).toBe(await countWith(['TW']));
    expect(count(CAUSES.occurrences)).toBeGreaterThan(5000);
  });

  it('says why on the edge cases, paper by paper', async () => {
    const edge = await openDatabase(join(tempDir(), 'edge.duckdb'));
    await ingest(edge, [resolve(CORPORA, '../reference/bibliometrix/inputs/edgecases_wos.txt')], { workers: 1 });
    const docs = await compatDocuments(edge.connection, ALL_PAPERS);
    const { papers } = await compareWithCompat(edge.connection, ALL_PAPERS, docs);
    edge.close();
    const causesOf = (n: number) => papers.find((p) => p.uid === `WOS:${String(n).padStart(15, '0')}`)?.causes ?? '';
    expect(causesOf(1)).toContain(CAUSES.taiwan); // T01 Taiwan only
    expect(causesOf(4)).toContain(CAUSES.hongKongMacao); // T04 "Hong Kong, Peoples R China"
    expect(causesOf(5)).toContain(CAUSES.notMatched); // T05 Macau
    expect(causesOf(10)).toContain(CAUSES.substring); // T10 Papua N Guinea -> GUINEA
    expect(causesOf(13)).toContain(CAUSES.correspondingDiffers); // T13 RP Spain then Brazil -> BRAZIL
    expect(causesOf(14)).toBe(''); // T14 no RP, first address Italy: neither has a corresponding country
    expect(causesOf(21)).toContain(CAUSES.correspondingMissing); // T21 RP in Palestine, not in the dictionary
  });
});
