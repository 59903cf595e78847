import { countrySetSql } from '../countries/country-set-sql.js';
import { readStagedSql } from '../contracts/staging.js';
import { END_VERSIONS_SQL } from './end-versions-sql.js';

/**
 * Loads a group of staged chunks (of one or more input files) inside the open transaction.
 * What earlier groups loaded is visible inside the transaction, so a group sees every earlier file.
 *
 * Versions (README, "Versions and deletions"): within a file, the first record with an id is a
 * version and any repeat a duplicate. A version from a later file (ingest order: file_id) replaces
 * the current record with that id when $keep_latest; otherwise (--keep first) it is a duplicate
 * and the first loaded stays. A replaced record leaves records, addresses and record_countries in
 * this transaction (the last two once, before its commit: ORPHANS_SQL), and record_versions says
 * when and by which file.
 *
 * Staged files carry chunk-relative record numbers and lines; temp._chunks maps each chunk to its
 * file, its first rec_id and its first line. $records_files / $addresses_files list the files.
 * The paper-country rows follow countries/country-set-sql.ts.
 */
export const LOAD_CHUNKS_SQL = `
CREATE OR REPLACE TEMP TABLE _uids AS
SELECT c.rec_base + s.chunk_rec AS rec_id, c.file_id, s.source, s.uid, c.line_base + s.chunk_line AS line, s.year
FROM ${readStagedSql('records')} s JOIN temp._chunks c USING (chunk);

-- The current records with one of these ids: found by probing records with the group's ids (a
-- hash table of the group's ids, not of every id loaded: a 5 GB file ran DuckDB out of its cap).
CREATE OR REPLACE TEMP TABLE _seen AS
SELECT r.source, r.uid, r.rec_id, r.file_id, r.line, r.year FROM records r WHERE r.uid IN (SELECT uid FROM temp._uids);

-- The first of each id in each file, unless that file loaded it in an earlier group.
CREATE OR REPLACE TEMP TABLE _firsts AS
SELECT min(rec_id) AS rec_id, source, uid, file_id FROM temp._uids u
WHERE NOT EXISTS (SELECT 1 FROM temp._seen s WHERE s.source = u.source AND s.uid = u.uid AND s.file_id = u.file_id)
GROUP BY source, uid, file_id;

-- The versions this group loads: every file's first (latest kept), or only the first ever (first kept).
CREATE OR REPLACE TEMP TABLE _versions AS
SELECT f.rec_id, f.source, f.uid FROM temp._firsts f
WHERE $keep_latest
   OR (NOT EXISTS (SELECT 1 FROM temp._seen s WHERE s.source = f.source AND s.uid = f.uid)
       AND f.rec_id = (SELECT min(g.rec_id) FROM temp._firsts g WHERE g.source = f.source AND g.uid = f.uid));

-- The version of each id that is current after this group: the latest.
CREATE OR REPLACE TEMP TABLE _keep AS
SELECT max(rec_id) AS rec_id, source, uid FROM temp._versions GROUP BY source, uid;

-- Current records that a version of this group replaces.
CREATE OR REPLACE TEMP TABLE _replaced AS
SELECT s.rec_id, k.rec_id AS by_rec_id FROM temp._seen s JOIN temp._keep k USING (source, uid);

CREATE OR REPLACE TEMP TABLE _ended AS
SELECT s.source, s.uid, s.rec_id, s.file_id, s.line, s.year, 'replaced' AS status, u.file_id AS by_file
FROM temp._replaced r JOIN temp._seen s USING (rec_id) JOIN temp._uids u ON u.rec_id = r.by_rec_id;
${END_VERSIONS_SQL}
DELETE FROM records WHERE rec_id IN (SELECT rec_id FROM temp._replaced);
INSERT INTO temp._orphans SELECT rec_id FROM temp._replaced;

-- A version replaced within this group was never current: it ends as it is loaded.
INSERT INTO record_versions
SELECT u.source, u.uid, u.rec_id, u.file_id, u.line, u.year,
       CASE WHEN k.rec_id IS NULL THEN 'replaced' ELSE 'current' END,
       CASE WHEN k.rec_id IS NULL THEN current_timestamp END,
       CASE WHEN k.rec_id IS NULL THEN (SELECT file_id FROM temp._uids l JOIN temp._keep m USING (rec_id) WHERE m.source = u.source AND m.uid = u.uid) END,
       NULL
FROM temp._versions v JOIN temp._uids u USING (rec_id) LEFT JOIN temp._keep k USING (rec_id);

INSERT INTO records
SELECT c.rec_base + s.chunk_rec, s.source, s.uid, s.doi, s.title, s.year, s.early_access_year,
       string_split(s.doc_types, chr(31)), s.pub_type, s.source_title, s.language,
       string_split(s.categories, chr(31)), string_split(s.research_areas, chr(31)),
       string_split(s.keywords, chr(31)), string_split(s.keywords_plus, chr(31)),
       s.abstract, s.times_cited, s.author_links, s.c1_raw, s.rp_raw, c.file_id, c.line_base + s.chunk_line
FROM ${readStagedSql('records')} s JOIN temp._chunks c USING (chunk)
WHERE c.rec_base + s.chunk_rec IN (SELECT rec_id FROM temp._keep);

-- Every record read that is not a version, with the record current for its id.
INSERT INTO duplicates
SELECT u.file_id, u.line, u.source, u.uid, coalesce(k.rec_id, s.rec_id)
FROM temp._uids u LEFT JOIN temp._keep k USING (source, uid) LEFT JOIN temp._seen s USING (source, uid)
WHERE u.rec_id NOT IN (SELECT rec_id FROM temp._versions);

INSERT INTO addresses
SELECT c.rec_base + a.chunk_rec, a.addr_pos, a.raw, a.organization, a.city, a.country, a.country_tail,
       string_split(a.authors, chr(31)), a.is_corresponding
FROM ${readStagedSql('addresses')} a JOIN temp._chunks c USING (chunk)
WHERE c.rec_base + a.chunk_rec IN (SELECT rec_id FROM temp._keep);

INSERT INTO record_countries
${countrySetSql(`SELECT rec_id, addr_pos, country, authors, is_corresponding FROM addresses
  WHERE rec_id IN (SELECT rec_id FROM temp._keep)`)};
`;

/** A file's row: loaded counts the versions it brought, current or since replaced. */
export const FILE_ROW_SQL = `
INSERT INTO files (file_id, path, size, fingerprint, format, status, n_read, n_loaded, n_duplicate, n_rejected, seconds, loaded_at, n_deleted, n_not_found)
SELECT $file_id, $path, $size, $fingerprint, $format, $status, $n_read, $n_loaded, $n_duplicate,
       $n_rejected, $seconds, current_timestamp, $n_deleted, $n_not_found;
`;

/**
 * Per-connection scratch tables: where each staged chunk belongs; the replaced records whose
 * addresses and country rows are still to go. TEMP, so a crash leaves nothing behind.
 */
export const STAGE_SQL = `
CREATE OR REPLACE TEMP TABLE _chunks (chunk INTEGER, file_id INTEGER, rec_base BIGINT, line_base BIGINT);
CREATE OR REPLACE TEMP TABLE _orphans (rec_id BIGINT);
`;

/**
 * Before a commit: the addresses and country rows of the records the transaction replaced, in
 * one delete per table. Each delete scans its table, and the replaced records are spread over
 * all of it, so a delete per group of chunks cost as many scans as groups.
 */
export const ORPHANS_SQL = `
DELETE FROM record_countries WHERE rec_id IN (SELECT rec_id FROM temp._orphans);
DELETE FROM addresses WHERE rec_id IN (SELECT rec_id FROM temp._orphans);
DELETE FROM temp._orphans;
`;
