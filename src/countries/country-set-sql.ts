/**
 * The paper-country rows of DESIGN.md's definitions, from a relation of addresses
 * `(rec_id, addr_pos, country, authors, is_corresponding)` (country NULL when unknown):
 *  - K(p): the first corresponding address with a known country (is_corresponding);
 *  - C(p): the countries of the author addresses, plus K(p): the corresponding author is an
 *    author, and WoS dropped the reprint address from C1 before 1998 (n_addresses = 0 marks it);
 *  - P(p): for each author named in the C1 [brackets], the country of that author's first listed
 *    address (n_primary_authors counts the authors whose primary country it is).
 * The load (store/load-sql.ts) stores this as record_countries under the default policy;
 * analyses with another policy (regions, UK nations) run it on mapped addresses.
 */
export function countrySetSql(addresses: string): string {
  return `
WITH a AS (${addresses}),
k AS (
  SELECT rec_id, arg_min(country, addr_pos) AS country
  FROM a WHERE is_corresponding AND country IS NOT NULL GROUP BY rec_id
),
c AS (
  SELECT rec_id, country, count(*) AS n_addresses,
         len(list_distinct(flatten(list(coalesce(authors, []))))) AS n_authors
  FROM a WHERE NOT is_corresponding AND country IS NOT NULL GROUP BY rec_id, country
),
firsts AS (
  -- arg_min_null: an author whose first address has no known country has no known primary country.
  SELECT rec_id, author, arg_min_null(country, addr_pos) AS country
  FROM (SELECT rec_id, addr_pos, country, unnest(authors) AS author FROM a WHERE NOT is_corresponding)
  GROUP BY rec_id, author
),
p AS (
  SELECT rec_id, country, count(*) AS n_primary_authors FROM firsts WHERE country IS NOT NULL GROUP BY rec_id, country
)
SELECT rec_id, country, coalesce(c.n_addresses, 0) AS n_addresses, coalesce(c.n_authors, 0) AS n_authors,
       k.rec_id IS NOT NULL AS is_corresponding, coalesce(p.n_primary_authors, 0) AS n_primary_authors
FROM c FULL OUTER JOIN k USING (rec_id, country) LEFT JOIN p USING (rec_id, country)`;
}
