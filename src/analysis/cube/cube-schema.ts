/**
 * The co-authorship cube: every measure of DESIGN.md ("Definitions") for every field x period,
 * on both bases (`all`: C(p), every author address; `primary`: P(p), each author's first
 * address). A period is a single year ('2017', kind 'year'), a period ('2015-2019', kind
 * 'period') or a rolling window ('2011-2015', kind 'window'). Papers count in the year of
 * publication, else of early access. README.md, "The cube", documents every column.
 */
export const CUBE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS record_fields (rec_id BIGINT NOT NULL, field VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS cube_periods (period VARCHAR NOT NULL, kind VARCHAR NOT NULL, year_from INTEGER NOT NULL, year_to INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cube_countries (
  basis VARCHAR NOT NULL, field VARCHAR NOT NULL, period VARCHAR NOT NULL, country VARCHAR NOT NULL,
  papers BIGINT NOT NULL,            -- papers with the country (whole counting; the matrix diagonal)
  papers_fractional DOUBLE NOT NULL, -- sum of 1/|C(p)|
  articles BIGINT NOT NULL,          -- papers whose corresponding country K(p) is the country
  scp BIGINT NOT NULL,               -- of those, single-country papers
  mcp BIGINT NOT NULL,               -- of those, multi-country papers
  mcp_ratio DOUBLE                   -- mcp / articles
);
CREATE TABLE IF NOT EXISTS cube_links (
  basis VARCHAR NOT NULL, field VARCHAR NOT NULL, period VARCHAR NOT NULL,
  country_a VARCHAR NOT NULL, country_b VARCHAR NOT NULL, -- country_a < country_b
  papers BIGINT NOT NULL,            -- W(a, b): papers with both (full counting)
  papers_fractional DOUBLE NOT NULL  -- each paper gives 1/(|C(p)| - 1) to each of its links
);
CREATE TABLE IF NOT EXISTS cube_corresponding_partners (
  basis VARCHAR NOT NULL, field VARCHAR NOT NULL, period VARCHAR NOT NULL,
  country VARCHAR NOT NULL, partner VARCHAR NOT NULL,
  papers BIGINT NOT NULL                 -- papers with K(p) = country and partner in C(p)
);
CREATE TABLE IF NOT EXISTS cube_coverage (
  basis VARCHAR NOT NULL, field VARCHAR NOT NULL, period VARCHAR NOT NULL, -- period 'unknown': no year
  papers BIGINT NOT NULL,
  country_unknown BIGINT NOT NULL,       -- papers without any known country
  corresponding_unknown BIGINT NOT NULL, -- papers without a known corresponding country
  international BIGINT NOT NULL          -- papers with two countries or more
);
-- Partner shares, by corresponding country and by participation (both orientations of each link).
CREATE OR REPLACE VIEW cube_partners AS
WITH l AS (
  SELECT basis, field, period, country_a AS country, country_b AS partner, papers FROM cube_links
  UNION ALL
  SELECT basis, field, period, country_b, country_a, papers FROM cube_links
)
SELECT basis, field, period, country, partner,
       coalesce(k.papers, 0) AS papers_corresponding,              -- K(p) = country, partner in C(p)
       coalesce(k.papers, 0) / nullif(c.articles, 0) AS share_corresponding,
       coalesce(l.papers, 0) AS papers_participation,              -- both in C(p) (= W)
       coalesce(l.papers, 0) / nullif(c.papers, 0) AS share_participation
FROM l FULL OUTER JOIN cube_corresponding_partners k USING (basis, field, period, country, partner)
JOIN cube_countries c USING (basis, field, period, country);
CREATE TABLE IF NOT EXISTS cube_state (config VARCHAR NOT NULL, max_rec_id BIGINT NOT NULL, built_at TIMESTAMP NOT NULL);
-- The records cross_source_duplicates left out when the cube was last built.
CREATE TABLE IF NOT EXISTS cube_left_out (rec_id BIGINT NOT NULL);
CREATE OR REPLACE VIEW cube_links_normalised AS
SELECT l.*, a.papers AS papers_a, b.papers AS papers_b,
       l.papers / (a.papers * b.papers) AS association,
       l.papers / least(a.papers, b.papers) AS inclusion,
       l.papers / (a.papers + b.papers - l.papers) AS jaccard,
       l.papers / sqrt(a.papers * b.papers) AS salton,
       (l.papers / sqrt(a.papers * b.papers)) ^ 2 AS equivalence
FROM cube_links l
JOIN cube_countries a ON a.basis = l.basis AND a.field = l.field AND a.period = l.period AND a.country = l.country_a
JOIN cube_countries b ON b.basis = l.basis AND b.field = l.field AND b.period = l.period AND b.country = l.country_b;
`;

export const CUBE_TABLES = ['cube_countries', 'cube_links', 'cube_corresponding_partners', 'cube_coverage'] as const;
