import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countrySetSql } from '../src/countries/country-set-sql.js';
import { derivePaperCountries, emptyPaperCountries } from '../src/countries/paper-countries.js';
import { addAddress, emptyBatch } from '../src/parse/batch.js';
import { ingest } from '../src/ingest/ingest.js';
import { openDatabase, queryRows } from '../src/store/database.js';
import { CORPORA, tempDir } from './helpers.js';

describe('paper-country rows derived in the workers', () => {
  it('follow the rules on a hand-made paper: K(p) outside C1, a visiting second address, an author whose first address has no country', () => {
    const b = emptyBatch();
    const add = (pos: number, country: string | null, authors: string[] | null, isCorresponding = false) =>
      addAddress(b, { rec: 0, pos, raw: 'x', organization: null, city: null, country, tail: 'x', authors, isCorresponding });
    add(0, 'US', ['Smith, J', 'Lee, K']);
    add(1, 'DE', ['Smith, J']); // Smith's visiting second address
    add(2, null, ['Wang, L']); // no known country: Wang has no primary country
    add(3, 'CN', ['Wang, L', 'Lee, K']);
    add(4, 'JP', null, true); // corresponding address outside C1
    add(5, 'US', null, true); // a second corresponding address: not K(p)
    add(0, 'FR', ['Roy, A']);
    b.addresses.rec[b.addresses.rec.length - 1] = 1; // a second paper
    const out = emptyPaperCountries();
    derivePaperCountries(b.addresses, out);
    const rows = out.rec.map((rec, i) =>
      [rec, out.country[i], out.n_addresses[i], out.n_authors[i], out.is_corresponding[i], out.n_primary_authors[i]].join(' '),
    );
    expect(rows.sort()).toEqual([
      '0 CN 1 2 false 0',
      '0 DE 1 1 false 0',
      '0 JP 0 0 true 0',
      '0 US 1 2 false 2',
      '1 FR 1 1 false 1',
    ]);
  });

  it('equal the SQL derivation (country-set-sql.ts) on every real export in ../shared/corpora', async () => {
    const db = await openDatabase(join(tempDir(), 'all.duckdb'));
    const formats = ['wos_plaintext', 'wos_tabdelim', 'wos_xml', 'scopus_csv', 'openalex_json'];
    await ingest(db, formats.map((f) => join(CORPORA, f)), { workers: 2 });
    const fromSql = `SELECT * FROM (${countrySetSql('SELECT rec_id, addr_pos, country, authors, is_corresponding FROM addresses')})`;
    const [d] = await queryRows(
      db.connection,
      `SELECT (SELECT count(*) FROM record_countries) AS n,
              (SELECT count(*) FROM (SELECT * FROM record_countries EXCEPT ALL ${fromSql})) AS only_workers,
              (SELECT count(*) FROM (${fromSql} EXCEPT ALL SELECT * FROM record_countries)) AS only_sql,
              (SELECT count(*) FROM record_countries WHERE n_primary_authors > 0) AS n_primary`,
    );
    expect(Number(d!.n)).toBeGreaterThan(20_000);
    expect(Number(d!.n_primary)).toBeGreaterThan(5_000);
    expect(Number(d!.only_workers)).toBe(0);
    expect(Number(d!.only_sql)).toBe(0);
    db.close();
  }, 120_000);
});
