import { MAPPED_CODES } from '../country-policy.js';
import { currentRowsSql, MEASURE_COLUMNS, STORE_TABLE_COLUMNS, type MeasureTable } from './cube-schema.js';

/**
 * The cube's SQL, statement texts only: what each step runs. Which steps run, in which order and
 * with which parameters is the plan's (cube-plan.ts); running them is build-cube.ts's. The
 * working tables are listed in CONTEXT.md beside this file.
 */

/** The records the configuration's document types and languages keep. */
export const TYPED = `(len($include_types) = 0 OR list_has_any(list_transform(coalesce(doc_types, []), x -> lower(x)), $include_types))
  AND NOT list_has_any(list_transform(coalesce(doc_types, []), x -> lower(x)), $exclude_types)
  AND (len($languages) = 0 OR list_contains($languages, lower(language)))`;

/** The records of _new_papers, read from records by the same conditions (a semi-join with _new_papers took a second per 10 M records). */
const NEW_RECORDS = `rec_id > $after AND ${TYPED}`;

/**
 * An incremental build's papers: those the configuration keeps (document types, languages), with
 * their year, of the records new or changed since the last build; those another source holds too
 * (cross_source_duplicates) are left out. _new_papers: records loaded since the last build (their
 * fields are computed whether left out or not, in case the preference changes); _status_changed:
 * records left out now but not at the last build, or the other way round; _ended_records: records
 * that a newer version, a deletion or a forget has ended since the last build (record_versions).
 * The build adds what _coming papers count (new, or no longer left out) and takes out what
 * _leaving ones counted at the last build, as the last build stored it (cube_store.papers).
 * (A full build takes its papers a piece at a time: cube-full-sql.ts.)
 */
export const PAPERS_SQL = `
CREATE OR REPLACE TEMP TABLE _status_changed AS
(SELECT rec_id FROM cross_source_duplicates EXCEPT SELECT rec_id FROM cube_left_out)
UNION
(SELECT rec_id FROM cube_left_out EXCEPT SELECT rec_id FROM cross_source_duplicates);
-- Only the records a build can count anew: the new and the changed (rec_id > $after skips the
-- stored row groups by their zone maps; not in one OR with the changed, which would scan them).
CREATE OR REPLACE TEMP TABLE _typed_papers AS
SELECT rec_id, year FROM records WHERE rec_id > $after AND ${TYPED}
UNION ALL
SELECT rec_id, year FROM records WHERE rec_id <= $after AND rec_id IN (SELECT rec_id FROM _status_changed) AND ${TYPED};
CREATE OR REPLACE TEMP TABLE _kept_papers AS SELECT * FROM _typed_papers WHERE rec_id NOT IN (SELECT rec_id FROM cross_source_duplicates);
CREATE OR REPLACE TEMP TABLE _new_papers AS SELECT rec_id, year FROM _typed_papers WHERE rec_id > $after;
CREATE OR REPLACE TEMP TABLE _ended_records AS SELECT rec_id, year FROM record_versions WHERE ended_seq > $after_seq AND rec_id <= $after;
CREATE OR REPLACE TEMP TABLE _coming AS SELECT rec_id, year FROM _kept_papers;
CREATE OR REPLACE TEMP TABLE _leaving AS
SELECT rec_id FROM _ended_records UNION SELECT rec_id FROM _status_changed WHERE rec_id IN (SELECT rec_id FROM cross_source_duplicates);
-- The stored rows of the records ended or whose status changed, read once: what the leaving
-- ones counted, and the fields of all of them.
CREATE OR REPLACE TEMP TABLE _stored_papers AS
SELECT * FROM cube_store.papers WHERE rec_id IN (SELECT rec_id FROM _ended_records UNION ALL SELECT rec_id FROM _status_changed);
`;

/**
 * An incremental build's years with papers after it: those whose papers in field `all` (basis
 * all), stored, changed and changed by this build, add up to more than none. Read from the
 * coverage rows, which hold a row a field and year, not from the papers.
 */
export const COUNTED_YEARS_SQL = `
CREATE OR REPLACE TEMP TABLE _counted_years AS
WITH papers AS (
  SELECT basis, field_id, year_from, year_to, papers FROM cube_store.coverage
  UNION ALL SELECT basis, field_id, year_from, year_to, papers FROM cube_store.coverage_changes
  UNION ALL SELECT 0, fid, year, year, n FROM _signature_counts
)
SELECT year_from AS year FROM papers
WHERE basis = 0 AND year_from = year_to AND field_id = (SELECT field_id FROM _field_ids WHERE field = 'all')
GROUP BY year_from HAVING sum(papers) > 0;
`;

/** A list without repeats: list_distinct only where there can be one (it cost seconds at 10 M records: bench/results/2026-12-02-vm-cube-probe-10M.json). */
const distinct = (list: string): string => `CASE WHEN len(${list}) < 2 THEN ${list} ELSE list_distinct(${list}) END`;

/** The new records of one piece of a build: those between $lo and $hi (an incremental build is one piece). */
const PIECE_RECORDS = `${NEW_RECORDS} AND rec_id BETWEEN $lo AND $hi`;

/**
 * Numbers what the new records bring, in the dictionaries as they will be after the build (_field_ids,
 * _country_ids: on a full build they start empty): fields (`all`, the topics, categories and research
 * areas seen) and country codes (every code a row can carry: those stored, and those a policy
 * maps to). Numbers, once given, stay: the cube's rows hold them.
 */
export const DICTIONARIES_SQL = `
CREATE OR REPLACE TEMP TABLE _field_ids AS SELECT * FROM cube_store.fields WHERE NOT $full;
INSERT INTO _field_ids
SELECT (SELECT coalesce(max(field_id), 0) FROM _field_ids) + row_number() OVER (ORDER BY field), field FROM (
  SELECT unnest($field_names) AS field
  UNION SELECT 'WC: ' || c FROM (SELECT unnest(categories) AS c FROM records WHERE $categories AND ${NEW_RECORDS})
  UNION SELECT 'SC: ' || c FROM (SELECT unnest(research_areas) AS c FROM records WHERE $categories AND ${NEW_RECORDS})
  EXCEPT SELECT field FROM _field_ids
);
CREATE OR REPLACE TEMP TABLE _country_ids AS SELECT * FROM cube_store.country_codes WHERE NOT $full;
INSERT INTO _country_ids
SELECT (SELECT coalesce(max(country_id), 0) FROM _country_ids) + row_number() OVER (ORDER BY country), country FROM (
  SELECT country FROM addresses WHERE rec_id > $after AND country IS NOT NULL
  UNION SELECT country FROM record_countries WHERE rec_id > $after
  UNION SELECT unnest([${MAPPED_CODES.map((c) => `'${c}'`).join(', ')}])
  EXCEPT SELECT country FROM _country_ids
);
`;

/** The fields of each new record of the piece (_new_record_fields; the topics' rows are added by TOPIC_SQL). */
export const RECORD_FIELDS_SQL = `
CREATE OR REPLACE TEMP TABLE _new_record_fields AS
SELECT rec_id, (SELECT field_id FROM _field_ids WHERE field = 'all') AS field_id FROM _new_papers;
INSERT INTO _new_record_fields
SELECT rec_id, field_id FROM (
  SELECT rec_id, 'WC: ' || c AS field FROM (SELECT rec_id, unnest(${distinct('categories')}) AS c FROM records WHERE $categories AND ${PIECE_RECORDS})
  UNION ALL
  SELECT rec_id, 'SC: ' || c FROM (SELECT rec_id, unnest(${distinct('research_areas')}) AS c FROM records WHERE $categories AND ${PIECE_RECORDS})
) JOIN _field_ids USING (field);
`;

export const TOPIC_SQL = `
INSERT INTO _new_record_fields
SELECT rec_id, (SELECT field_id FROM _field_ids WHERE field = $name) FROM records
WHERE ${PIECE_RECORDS}
  AND regexp_matches(lower(concat_ws(' ', title, abstract, array_to_string(keywords, ' ; '),
                                     CASE WHEN $keywords_plus THEN array_to_string(keywords_plus, ' ; ') END)), $pattern);
`;

/**
 * The rows of cube_store.papers for `papers` (rec_id, year, fields): what each coming one counts
 * (_coming_lists), and counted false with no countries for the others (left out).
 */
export const paperRowsSql = (papers: string): string => `
SELECT p.rec_id, p.year::SMALLINT AS year, l.c_all, l.c_primary, l.k, p.fields, l.rec_id IS NOT NULL AS counted
FROM (${papers}) p LEFT JOIN _coming_lists l USING (rec_id)`;

/** Each new record's fields as one sorted list. */
export const NEW_FIELD_LISTS = `(SELECT n.rec_id, n.year, f.fields FROM _new_papers n
  JOIN (SELECT rec_id, list(field_id ORDER BY field_id) AS fields FROM _new_record_fields GROUP BY rec_id) f USING (rec_id))`;

/**
 * What the build adds to the stored dictionaries and papers (and takes from them), inside its
 * transaction: the ended records' papers go, the new ones come, and those whose status changed
 * are written again with what they count now.
 */
export const STORE_FIELDS_SQL = `
INSERT INTO cube_store.fields SELECT * FROM _field_ids WHERE field_id > (SELECT coalesce(max(field_id), 0) FROM cube_store.fields);
INSERT INTO cube_store.country_codes SELECT * FROM _country_ids WHERE country_id > (SELECT coalesce(max(country_id), 0) FROM cube_store.country_codes);
DELETE FROM cube_store.papers WHERE rec_id IN (SELECT rec_id FROM _stored_papers);
INSERT INTO cube_store.papers ${paperRowsSql(`
  SELECT rec_id, year, fields FROM _stored_papers WHERE rec_id NOT IN (SELECT rec_id FROM _ended_records)
  UNION ALL SELECT * FROM ${NEW_FIELD_LISTS}`)};
DROP TABLE _coming_lists;
`;

/**
 * Every _coming paper with its sorted country numbers on both bases (C(p) and P(p)) and its
 * corresponding country, in one pass over the paper-country rows; a paper without a known country
 * has NULL lists. Stored as cube_store.papers by the build, so that a later one can take the
 * paper's contribution out when it ends, its countries gone from the tables.
 */
export const COMING_LISTS_SQL = (rows: string): string => `
CREATE OR REPLACE TEMP TABLE _coming_lists AS
SELECT p.rec_id, p.year::SMALLINT AS year, l.c_all, l.c_primary, l.k FROM _coming p LEFT JOIN (
  SELECT rec_id, list(country_id ORDER BY country_id)::SMALLINT[] AS c_all,
         (list(country_id ORDER BY country_id) FILTER (WHERE in_primary))::SMALLINT[] AS c_primary,
         (any_value(country_id) FILTER (WHERE is_corresponding))::SMALLINT AS k
  FROM (${rows}) JOIN _country_ids USING (country) GROUP BY rec_id
) l USING (rec_id);
`;

/**
 * The papers a build counts, each with its sign: +1 for the _coming ones, -1 for the _leaving ones
 * as the last build stored them (an incremental build only); and their fields (_delta_fields):
 * a stored paper's are in its cube_store.papers row, a new one's in _new_record_fields.
 */
export const PAPER_LISTS_SQL = (full: boolean): string =>
  full
    ? `CREATE OR REPLACE TEMP TABLE _paper_country_lists AS SELECT *, 1 AS sign FROM _coming_lists;`
    : `
CREATE OR REPLACE TEMP TABLE _paper_country_lists AS
SELECT *, 1 AS sign FROM _coming_lists
UNION ALL
SELECT rec_id, year, c_all, c_primary, k, -1 FROM _stored_papers WHERE counted AND rec_id IN (SELECT rec_id FROM _leaving);
CREATE OR REPLACE TEMP TABLE _delta_fields AS
SELECT * FROM (SELECT rec_id, unnest(fields) AS field_id FROM _stored_papers UNION ALL SELECT * FROM _new_record_fields)
WHERE rec_id IN (SELECT rec_id FROM _paper_country_lists);
`;

/** The (paper, field) rows of a build: every new record's on a full build, the delta's otherwise. */
export const paperFields = (full: boolean): string => (full ? '_new_record_fields' : '_delta_fields');

/**
 * The papers as country sets: distinct sets go into a dictionary (_country_sets: a few tens of
 * thousands for a million papers), with their members and their pairs formed once per set;
 * papers then carry set numbers, and papers alike (same field, year, sets and corresponding
 * country) are counted once with a weight, the sum of their signs (_signature_counts, seen one
 * basis at a time through the view _signatures) before anything is expanded. Every measure is a
 * sum over papers, so the rows made from these weights are the change to add to the stored rows.
 */
export const signaturesSql = (fields: string): string => `
CREATE OR REPLACE TEMP TABLE _country_sets AS
SELECT (row_number() OVER ())::INTEGER AS set_id, countries, len(countries)::SMALLINT AS n_countries
FROM (SELECT c_all AS countries FROM _paper_country_lists WHERE c_all IS NOT NULL UNION SELECT c_primary FROM _paper_country_lists WHERE c_primary IS NOT NULL);

CREATE OR REPLACE TEMP TABLE _set_countries AS
SELECT m.*, c.country FROM (SELECT set_id, n_countries, unnest(countries) AS cid FROM _country_sets) m
JOIN _country_ids c ON c.country_id = m.cid;

-- A link is stored with its countries in the order of their names.
CREATE OR REPLACE TEMP TABLE _set_pairs AS
SELECT x.set_id, x.cid AS ca, y.cid AS cb, 1.0 / (x.n_countries - 1) AS w
FROM _set_countries x JOIN _set_countries y ON x.set_id = y.set_id AND x.country < y.country;

CREATE OR REPLACE TEMP TABLE _paper_sets AS
SELECT rec_id, year, sign, sa.set_id AS s_all, sp.set_id AS s_primary, k, sa.n_countries AS n_all, sp.n_countries AS n_primary
FROM _paper_country_lists LEFT JOIN _country_sets sa ON sa.countries = _paper_country_lists.c_all LEFT JOIN _country_sets sp ON sp.countries = _paper_country_lists.c_primary;
-- Each temporary table is dropped once read: with 10 M papers they would crowd DuckDB's memory.
DROP TABLE _paper_country_lists;

CREATE OR REPLACE TEMP TABLE _signature_counts AS
SELECT f.field_id AS fid, p.year, p.s_all, p.s_primary, p.k, p.n_all, p.n_primary, sum(p.sign)::BIGINT AS n
FROM ${fields} f JOIN _paper_sets p USING (rec_id)
GROUP BY ALL HAVING sum(p.sign) <> 0;
DROP TABLE _paper_sets;

-- Per basis (0: all, 1: primary); set_id NULL (n_countries 0): no known country on that basis.
-- A view, not grouped again: rows alike on one basis but not on the other are too few to pay for it.
CREATE OR REPLACE TEMP VIEW _signatures AS
SELECT 0::UTINYINT AS b, fid, year, s_all AS set_id, k, n, coalesce(n_all, 0) AS n_countries FROM _signature_counts
UNION ALL
SELECT 1::UTINYINT, fid, year, s_primary, k, n, coalesce(n_primary, 0) FROM _signature_counts;

-- The field x year cells the build changes.
CREATE OR REPLACE TEMP TABLE _year_cells AS SELECT DISTINCT fid AS field_id, year FROM _signature_counts;
`;

/**
 * The links' year rows, as a query (the bench also times it alone, written nowhere). Pairs come
 * from sets of two countries or more; the corresponding country does not matter here.
 */
export const LINK_ROWS_SQL = `
SELECT b AS basis, fid AS field_id, year AS year_from, year AS year_to, ca AS country_a, cb AS country_b,
       sum(n)::BIGINT AS papers, sum(n * w) AS papers_fractional
FROM _signatures JOIN _set_pairs USING (set_id) WHERE year IS NOT NULL AND n_countries >= 2
GROUP BY b, fid, year, ca, cb`;

/** The year rows of the signatures, a query per measure table, with the table's columns. */
export const YEAR_ROWS_SQL: Record<MeasureTable, string> = {
  countries: `
WITH part AS (
  SELECT b, fid, year, m.cid, sum(n)::BIGINT AS papers, sum(n / g.n_countries) AS papers_fractional,
         coalesce(sum(n) FILTER (WHERE g.n_countries >= 2), 0)::BIGINT AS international
  FROM _signatures g JOIN _set_countries m USING (set_id) WHERE year IS NOT NULL
  GROUP BY ALL
),
corr AS (
  SELECT b, fid, year, k AS cid, sum(n)::BIGINT AS articles,
         coalesce(sum(n) FILTER (WHERE n_countries <= 1), 0)::BIGINT AS scp,
         coalesce(sum(n) FILTER (WHERE n_countries >= 2), 0)::BIGINT AS mcp
  FROM _signatures WHERE k IS NOT NULL AND year IS NOT NULL GROUP BY ALL
)
SELECT b AS basis, fid AS field_id, year AS year_from, year AS year_to, cid AS country_id,
       coalesce(papers, 0) AS papers, coalesce(papers_fractional, 0) AS papers_fractional, coalesce(articles, 0) AS articles,
       coalesce(scp, 0) AS scp, coalesce(mcp, 0) AS mcp, coalesce(international, 0) AS international
FROM part FULL OUTER JOIN corr USING (b, fid, year, cid)`,
  links: LINK_ROWS_SQL,
  corresponding_partners: `
SELECT b AS basis, fid AS field_id, year AS year_from, year AS year_to, k AS country_id, m.cid AS partner_id, sum(n)::BIGINT AS papers
FROM _signatures g JOIN _set_countries m USING (set_id)
WHERE k IS NOT NULL AND year IS NOT NULL AND m.cid <> k GROUP BY b, fid, year, k, m.cid`,
  coverage: `
SELECT b AS basis, fid AS field_id, year AS year_from, year AS year_to, sum(n)::BIGINT AS papers,
       coalesce(sum(n) FILTER (WHERE n_countries = 0), 0)::BIGINT AS country_unknown,
       coalesce(sum(n) FILTER (WHERE k IS NULL), 0)::BIGINT AS corresponding_unknown,
       coalesce(sum(n) FILTER (WHERE n_countries >= 2), 0)::BIGINT AS international
FROM _signatures GROUP BY b, fid, year`,
};

/**
 * An incremental build's change to one measure table: the year rows' changes, and the same
 * changes summed into every period that holds the year and was there before (a new period is
 * summed from its years afterwards), appended to the table's changes (cube-schema.ts,
 * currentRowsSql): the stored rows are not touched, so the cost follows the change.
 */
export const APPEND_CHANGES_SQL = (table: MeasureTable): string => {
  const { keys, sums } = MEASURE_COLUMNS[table];
  const keyList = keys.map((k) => `d.${k}, `).join('');
  return `
CREATE OR REPLACE TEMP TABLE _delta AS ${YEAR_ROWS_SQL[table]};
INSERT INTO _delta
SELECT d.basis, d.field_id, p.year_from, p.year_to, ${keyList}${sums.map((v) => `sum(d.${v})`).join(', ')}
FROM _delta d JOIN _kept_periods p ON d.year_from = d.year_to AND d.year_from BETWEEN p.year_from AND p.year_to
GROUP BY ALL;
INSERT INTO cube_store.${table}_changes BY NAME SELECT * FROM _delta;
DROP TABLE _delta;
`;
};

/**
 * The stored rows made anew from the current ones (stored plus changes), and the changes emptied:
 * what keeps readers from summing a long list of changes. Its cost follows the table, so a build
 * runs it only once the changes hold a share of the stored rows (build-cube.ts).
 */
export const COMPACT_SQL = (table: MeasureTable): string => `
CREATE OR REPLACE TABLE cube_store.${table}_next (${STORE_TABLE_COLUMNS[table]});
INSERT INTO cube_store.${table}_next BY NAME ${currentRowsSql(table)};
DROP TABLE cube_store.${table};
ALTER TABLE cube_store.${table}_next RENAME TO ${table};
DELETE FROM cube_store.${table}_changes;
`;

/**
 * The periods after the build (_periods): every year with papers, the configured periods, rolling
 * windows over the years the papers span. A configured period of one year is that year.
 */
export const NEW_PERIODS_SQL = `
CREATE OR REPLACE TEMP TABLE _periods AS SELECT year::VARCHAR AS period, 'year' AS kind, year::INTEGER AS year_from, year::INTEGER AS year_to FROM _counted_years;
INSERT INTO _periods
SELECT DISTINCT from_y || '-' || to_y, 'period', from_y, to_y FROM (SELECT unnest($periods_from) AS from_y, unnest($periods_to) AS to_y)
WHERE from_y < to_y;
INSERT INTO _periods
SELECT y || '-' || (y + w - 1), 'window', y, y + w - 1
FROM unnest($windows) AS t(w),
     (SELECT min(year) AS lo, max(year) AS hi FROM _counted_years) AS b,
     range(b.lo, b.hi + 1) AS r(y)
WHERE y + w - 1 <= b.hi
  -- A window with the name of a configured period is that period, once.
  AND y || '-' || (y + w - 1) NOT IN (SELECT period FROM _periods);
`;

/** cube_periods becomes _periods; _old_periods keeps what it held. */
export const WRITE_PERIODS_SQL = `
CREATE OR REPLACE TEMP TABLE _old_periods AS SELECT period, year_from, year_to FROM cube_periods;
DELETE FROM cube_periods;
INSERT INTO cube_periods SELECT * FROM _periods;
`;

/**
 * An incremental build's multi-year (field, period) cells to sum from their years: every field of a
 * period new in cube_periods (a window that the new years made possible). _kept_periods: the
 * periods there before and still, which APPEND_CHANGES_SQL changes by the year rows' changes.
 */
export const PERIOD_CELLS_SQL = `
CREATE OR REPLACE TEMP TABLE _period_cells AS
SELECT f.field_id, p.year_from, p.year_to FROM _field_ids f, cube_periods p
WHERE p.kind <> 'year' AND p.period NOT IN (SELECT period FROM _old_periods);
CREATE OR REPLACE TEMP TABLE _kept_periods AS
SELECT year_from, year_to FROM cube_periods WHERE kind <> 'year' AND period IN (SELECT period FROM _old_periods);
`;

/** The rows of the (field, period) cells in _period_cells, written into `target`: the sums of the year rows of `source`. */
export const PERIOD_SUMS_SQL = (table: MeasureTable, source: string, target: string): string => {
  const { keys, sums } = MEASURE_COLUMNS[table];
  return `
INSERT INTO ${target}
SELECT basis, t.field_id, c.year_from, c.year_to, ${[...keys, ...sums.map((v) => `sum(${v})`)].join(', ')}
FROM ${source} t JOIN _period_cells c
  ON t.field_id = c.field_id AND t.year_from = t.year_to AND t.year_from BETWEEN c.year_from AND c.year_to
GROUP BY ALL;
`;
};

/**
 * A period gone from cube_periods (its years left with their papers) loses its rows, stored and
 * changed; a period new in it is summed into the changes from its years' stored and changed rows
 * (sums add up, so they are not matched first: that would cost a join with the whole table).
 */
export const PERIOD_ROWS_SQL = (table: MeasureTable): string =>
  [`cube_store.${table}`, `cube_store.${table}_changes`]
    .map(
      (t) => `
DELETE FROM ${t} t USING (SELECT year_from, year_to FROM _old_periods EXCEPT SELECT year_from, year_to FROM cube_periods) g
WHERE t.year_from = g.year_from AND t.year_to = g.year_to;
DELETE FROM ${t} t USING _period_cells c
WHERE t.field_id = c.field_id AND t.year_from = c.year_from AND t.year_to = c.year_to;`,
    )
    .join('') +
  PERIOD_SUMS_SQL(
    table,
    `(SELECT * FROM cube_store.${table} UNION ALL SELECT * FROM cube_store.${table}_changes)`,
    `cube_store.${table}_changes`,
  );

/** What the commit records: the records left out now, and how far the cube has followed the records. */
export const STATE_SQL = `
DELETE FROM cube_left_out;
INSERT INTO cube_left_out SELECT rec_id FROM cross_source_duplicates;
DELETE FROM cube_state;
-- record_versions holds every record loaded; records too, where a tool wrote them directly (the bench).
INSERT INTO cube_state SELECT $config, greatest(coalesce((SELECT max(rec_id) FROM record_versions), 0), coalesce((SELECT max(rec_id) FROM records), 0)), current_timestamp,
       coalesce((SELECT max(ended_seq) FROM record_versions), 0);
`;

/** What an incremental build counted: cells changed and new papers (analyze prints them). */
export const INCREMENTAL_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE _build_counts AS
SELECT (SELECT count(*) FROM _year_cells) AS cells, (SELECT count(*) FROM _new_papers WHERE rec_id IN (SELECT rec_id FROM _kept_papers)) AS papers;
`;
