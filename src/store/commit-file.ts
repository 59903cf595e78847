/**
 * One transaction that makes a staged file visible: records not seen before (first occurrence
 * wins, within the file and across files), their addresses, the paper-country rows derived from
 * them, duplicates, rejects, and the `files` row. A crash before COMMIT leaves none of it.
 *
 * C(p) = countries of the author addresses, plus K(p) (the first corresponding address with a
 * known country). K(p) joins C(p) because the corresponding author is an author: WoS dropped the
 * reprint address from C1 before 1998, and records without C1 have only RP. README.md, "Countries".
 */
export const COMMIT_FILE_SQL = `
CREATE OR REPLACE TEMP TABLE _keep AS
SELECT min(rec_id) AS rec_id FROM temp._stage_records s
WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.source = s.source AND r.uid = s.uid)
GROUP BY source, uid;

INSERT INTO records
SELECT rec_id, source, uid, doi, title, year, early_access_year,
       string_split(doc_types, chr(31)), pub_type, source_title, language,
       string_split(categories, chr(31)), string_split(research_areas, chr(31)),
       string_split(keywords, chr(31)), string_split(keywords_plus, chr(31)),
       abstract, times_cited, author_links, file_id, line
FROM temp._stage_records
WHERE rec_id IN (SELECT rec_id FROM temp._keep);

INSERT INTO duplicates
SELECT s.file_id, s.line, s.source, s.uid, r.rec_id
FROM temp._stage_records s JOIN records r ON r.source = s.source AND r.uid = s.uid
WHERE r.rec_id <> s.rec_id;

INSERT INTO addresses
SELECT a.rec_id, a.addr_pos, a.raw, a.organization, a.city, a.country, a.country_tail,
       string_split(a.authors, chr(31)), a.is_corresponding
FROM temp._stage_addresses a
WHERE a.rec_id IN (SELECT rec_id FROM temp._keep);

INSERT INTO record_countries
WITH a AS (
  SELECT * FROM addresses
  WHERE rec_id IN (SELECT rec_id FROM records WHERE file_id = $file_id) AND country IS NOT NULL
),
k AS (
  SELECT rec_id, arg_min(country, addr_pos) AS country FROM a WHERE is_corresponding GROUP BY rec_id
),
c AS (
  SELECT rec_id, country, count(*) AS n_addresses,
         len(list_distinct(flatten(list(coalesce(authors, []))))) AS n_authors
  FROM a WHERE NOT is_corresponding GROUP BY rec_id, country
)
SELECT rec_id, country, coalesce(c.n_addresses, 0), coalesce(c.n_authors, 0), k.rec_id IS NOT NULL
FROM c FULL OUTER JOIN k USING (rec_id, country);

INSERT INTO rejects SELECT * FROM temp._stage_rejects;
`;

export const FILE_ROW_SQL = `
INSERT INTO files
SELECT $file_id, $path, $size, $fingerprint, $format, $status, $n_read,
       (SELECT count(*) FROM records WHERE file_id = $file_id),
       (SELECT count(*) FROM duplicates WHERE file_id = $file_id),
       $n_rejected, $seconds, current_timestamp;
`;

export const CLEAR_STAGE_SQL = `
DELETE FROM temp._stage_records; DELETE FROM temp._stage_addresses; DELETE FROM temp._stage_rejects;
`;
