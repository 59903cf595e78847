/**
 * Ends current versions: temp._ended(rec_id, status, by_file) names them. record_versions is
 * append-only in effect: each ended row is deleted and written anew with its ending, never
 * updated in place. DuckDB rewrites every column segment an UPDATE touched at the next
 * checkpoint, so scattered updates cost in proportion to the table, not to the change
 * (bench/README.md, "A delivery at 10 M papers", 2026-12-06).
 */
export const END_VERSIONS_SQL = `
CREATE OR REPLACE TEMP TABLE _ended_versions AS
SELECT v.source, v.uid, v.rec_id, v.file_id, v.line, v.year, e.status, current_timestamp AS ended_at,
       e.by_file AS ended_by_file, nextval('version_end_seq') AS ended_seq
FROM record_versions v JOIN temp._ended e USING (rec_id) WHERE v.status = 'current';
DELETE FROM record_versions WHERE rec_id IN (SELECT rec_id FROM temp._ended_versions);
INSERT INTO record_versions SELECT * FROM temp._ended_versions;
`;
