import { countrySetSql } from '../countries/country-set-sql.js';
import { readStagedSql } from '../contracts/staging.js';

/**
 * Loads a group of staged chunks (of one or more input files) inside the open transaction:
 * records not seen before (first occurrence wins: the smallest rec_id, so the earlier file and
 * the earlier record; what earlier groups loaded is visible inside the transaction), their
 * addresses, the paper-country rows derived from them, duplicates. The transaction makes whole
 * files visible at once (store/writer.ts); a crash before COMMIT leaves none of it.
 *
 * Staged files carry chunk-relative record numbers and lines; temp._chunks maps each chunk to its
 * file, its first rec_id and its first line. $records_files / $addresses_files list the files.
 *
 * The paper-country rows follow countries/country-set-sql.ts.
 */
export const LOAD_CHUNKS_SQL = `
CREATE OR REPLACE TEMP TABLE _uids AS
SELECT c.rec_base + s.chunk_rec AS rec_id, c.file_id, s.source, s.uid, c.line_base + s.chunk_line AS line
FROM ${readStagedSql('records')} s JOIN temp._chunks c USING (chunk);

-- The records already loaded with one of these ids: found by probing records with the group's
-- ids (a hash table of the group's ids, not of every id loaded: a 5 GB file ran DuckDB out of its cap).
CREATE OR REPLACE TEMP TABLE _seen AS
SELECT r.source, r.uid, r.rec_id FROM records r WHERE r.uid IN (SELECT uid FROM temp._uids);

CREATE OR REPLACE TEMP TABLE _keep AS
SELECT min(rec_id) AS rec_id FROM temp._uids u
WHERE NOT EXISTS (SELECT 1 FROM temp._seen r WHERE r.source = u.source AND r.uid = u.uid)
GROUP BY source, uid;

INSERT INTO records
SELECT c.rec_base + s.chunk_rec, s.source, s.uid, s.doi, s.title, s.year, s.early_access_year,
       string_split(s.doc_types, chr(31)), s.pub_type, s.source_title, s.language,
       string_split(s.categories, chr(31)), string_split(s.research_areas, chr(31)),
       string_split(s.keywords, chr(31)), string_split(s.keywords_plus, chr(31)),
       s.abstract, s.times_cited, s.author_links, s.c1_raw, s.rp_raw, c.file_id, c.line_base + s.chunk_line
FROM ${readStagedSql('records')} s JOIN temp._chunks c USING (chunk)
WHERE c.rec_base + s.chunk_rec IN (SELECT rec_id FROM temp._keep);

INSERT INTO duplicates
SELECT u.file_id, u.line, u.source, u.uid, r.rec_id
FROM temp._uids u JOIN (SELECT source, uid, rec_id FROM temp._seen UNION ALL SELECT source, uid, rec_id FROM records WHERE rec_id IN (SELECT rec_id FROM temp._keep)) r
  ON r.source = u.source AND r.uid = u.uid
WHERE r.rec_id <> u.rec_id;

INSERT INTO addresses
SELECT c.rec_base + a.chunk_rec, a.addr_pos, a.raw, a.organization, a.city, a.country, a.country_tail,
       string_split(a.authors, chr(31)), a.is_corresponding
FROM ${readStagedSql('addresses')} a JOIN temp._chunks c USING (chunk)
WHERE c.rec_base + a.chunk_rec IN (SELECT rec_id FROM temp._keep);

INSERT INTO record_countries
${countrySetSql(`SELECT rec_id, addr_pos, country, authors, is_corresponding FROM addresses
  WHERE rec_id IN (SELECT rec_id FROM temp._keep)`)};
`;

export const FILE_ROW_SQL = `
INSERT INTO files
SELECT $file_id, $path, $size, $fingerprint, $format, $status, $n_read,
       (SELECT count(*) FROM records WHERE file_id = $file_id),
       (SELECT count(*) FROM duplicates WHERE file_id = $file_id),
       $n_rejected, $seconds, current_timestamp;
`;

/** Per-connection scratch table: where each staged chunk belongs. TEMP, so a crash leaves nothing behind. */
export const STAGE_SQL = `
CREATE OR REPLACE TEMP TABLE _chunks (chunk INTEGER, file_id INTEGER, rec_base BIGINT, line_base BIGINT);
`;
