/**
 * Ends current versions: temp._ended(source, uid, rec_id, file_id, line, year, status, by_file)
 * names them, with the columns of their `records` rows (the same as their versions', read where
 * the caller found them, so that record_versions is not scanned). Each ended version's row is
 * deleted and written anew with its ending, never updated in place: DuckDB rewrites every column
 * segment an UPDATE touched at the next checkpoint, so scattered updates cost in proportion to
 * the table, not to the change (bench/README.md, "A weekly delivery on a living database").
 */
export const END_VERSIONS_SQL = `
DELETE FROM record_versions WHERE rec_id IN (SELECT rec_id FROM temp._ended);
INSERT INTO record_versions
SELECT source, uid, rec_id, file_id, line, year, status, current_timestamp, by_file, nextval('version_end_seq') FROM temp._ended;
`;
