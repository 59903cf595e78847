/**
 * The tables users query with `coauth sql` (names fixed by DESIGN.md; README.md documents them).
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS files (
  file_id INTEGER PRIMARY KEY,
  path VARCHAR NOT NULL,
  size BIGINT NOT NULL,
  fingerprint VARCHAR NOT NULL,
  format VARCHAR,
  status VARCHAR NOT NULL,          -- done | partial | failed | retried | forgotten (README, "Files")
  n_read BIGINT NOT NULL,
  n_loaded BIGINT NOT NULL,
  n_duplicate BIGINT NOT NULL,
  n_rejected BIGINT NOT NULL,
  seconds DOUBLE,
  loaded_at TIMESTAMP DEFAULT current_timestamp,
  n_deleted BIGINT,                 -- current records this file's deletion list removed
  n_not_found BIGINT                -- ids it listed that no current record had
);
CREATE TABLE IF NOT EXISTS records (
  rec_id BIGINT NOT NULL,          -- numbered by the writer, unique (no primary-key index: it would sit in memory and check nothing the writer does not guarantee)
  source VARCHAR NOT NULL,          -- wos | scopus | openalex
  uid VARCHAR NOT NULL,             -- WOS:000452897000120, Scopus EID, OpenAlex W-id
  doi VARCHAR,
  title VARCHAR,
  year INTEGER,                     -- publication year, else early-access year
  early_access_year INTEGER,
  doc_types VARCHAR[],
  pub_type VARCHAR,
  source_title VARCHAR,
  language VARCHAR,
  categories VARCHAR[],
  research_areas VARCHAR[],
  keywords VARCHAR[],
  keywords_plus VARCHAR[],
  abstract VARCHAR,
  times_cited INTEGER,
  author_links BOOLEAN,             -- every author address names its authors
  c1_raw VARCHAR,                   -- author addresses as written (C1), for --compat bibliometrix
  rp_raw VARCHAR,                   -- corresponding addresses as written (RP)
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL              -- line of the record's first line in its file
);
CREATE TABLE IF NOT EXISTS addresses (
  rec_id BIGINT NOT NULL,
  addr_pos INTEGER NOT NULL,        -- author addresses first (C1 order), then corresponding ones
  raw VARCHAR NOT NULL,
  organization VARCHAR,
  city VARCHAR,
  country VARCHAR,                  -- ISO 3166-1 alpha-2, NULL when no rule matched
  country_tail VARCHAR,             -- the address end the country was read from
  authors VARCHAR[],
  is_corresponding BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS record_countries (
  rec_id BIGINT NOT NULL,
  country VARCHAR NOT NULL,
  n_addresses INTEGER NOT NULL,     -- author addresses in this country (0: only the corresponding address is)
  n_authors INTEGER NOT NULL,       -- distinct authors linked to those addresses
  is_corresponding BOOLEAN NOT NULL, -- country = K(p)
  n_primary_authors INTEGER NOT NULL -- authors whose first listed address is in this country (P(p))
);
-- P(p), the primary-affiliation countries: where the author-address links are missing, C(p).
CREATE OR REPLACE VIEW record_primary_countries AS
SELECT rc.rec_id, rc.country, rc.is_corresponding, NOT coalesce(r.author_links, false) AS from_all_addresses
FROM record_countries rc JOIN records r USING (rec_id)
WHERE rc.n_primary_authors > 0 OR NOT coalesce(r.author_links, false);
CREATE TABLE IF NOT EXISTS duplicates (
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  uid VARCHAR NOT NULL,
  kept_rec_id BIGINT NOT NULL
);
-- Records also loaded from a more preferred source (same DOI): left out of every analysis (store/cross-source.ts).
CREATE TABLE IF NOT EXISTS cross_source_duplicates (
  rec_id BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  doi VARCHAR NOT NULL,             -- lower-cased
  kept_rec_id BIGINT NOT NULL,
  kept_source VARCHAR NOT NULL
);
-- The source order of the last ingest that gave one (ingest --prefer); wos, scopus, openalex until then.
CREATE TABLE IF NOT EXISTS source_preference (sources VARCHAR[] NOT NULL);
-- Every version of every record ever loaded: where it came from, whether it is current, when it
-- ended. records, addresses and record_countries hold the current versions only (store/versions.ts).
CREATE SEQUENCE IF NOT EXISTS version_end_seq;
CREATE TABLE IF NOT EXISTS record_versions (
  source VARCHAR NOT NULL,
  uid VARCHAR NOT NULL,
  rec_id BIGINT NOT NULL,
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,             -- the record's first line in its file
  year INTEGER,                     -- as loaded: the cube takes an ended version out of this year's cells
  status VARCHAR NOT NULL,          -- current | replaced | deleted | forgotten
  ended_at TIMESTAMP,
  ended_by_file INTEGER,            -- the file whose newer version or deletion list ended it (NULL: coauth delete or forget)
  ended_seq BIGINT                  -- order of endings, so the cube knows which it has not yet followed
);
-- A database made before versions were kept: its records are their own current versions.
INSERT INTO record_versions
SELECT source, uid, rec_id, file_id, line, year, 'current', NULL, NULL, NULL FROM records
WHERE NOT EXISTS (SELECT 1 FROM record_versions);
CREATE TABLE IF NOT EXISTS rejects (
  file_id INTEGER NOT NULL,
  position VARCHAR NOT NULL,        -- 'line N' or 'byte N'
  kind VARCHAR NOT NULL,            -- record | line | file | encoding
  reason VARCHAR NOT NULL,
  excerpt VARCHAR,
  code VARCHAR                      -- the problem's code (src/contracts/problems.ts): grammar, c1-unterminated, too-large, ...
);
`;

/**
 * Columns added since the first databases were made, added to an older database when it is
 * opened. Without DEFAULT and checkpointed at once: DuckDB 1.5 could not replay an
 * `ADD COLUMN ... DEFAULT` from its write-ahead log after a crash.
 */
export const ADDED_COLUMNS: readonly [table: string, column: string, type: string][] = [
  ['files', 'n_deleted', 'BIGINT'],
  ['files', 'n_not_found', 'BIGINT'],
  ['cube_state', 'max_ended_seq', 'BIGINT'],
  ['rejects', 'code', 'VARCHAR'],
];
