import { UsageError } from '../contracts/usage-error.js';
/** Which papers a measure is computed on. Only the year range so far; fields and document types come with the cube. */
export interface Selection {
  fromYear: number | null;
  toYear: number | null;
}

export const ALL_PAPERS: Selection = { fromYear: null, toYear: null };

/** Parses `2015-2019`, `2019`, `2015-` or `-2019`. */
export function parseYears(text: string | undefined): Selection {
  if (text === undefined || text === '') return ALL_PAPERS;
  const m = /^\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*$/.exec(text);
  if (!m || (!m[1] && !m[3])) throw new UsageError(`--years: expected YYYY or YYYY-YYYY, got "${text}"`);
  const from = m[1] ? Number(m[1]) : null;
  const to = m[3] ? Number(m[3]) : m[2] ? null : from;
  if (from !== null && to !== null && from > to) throw new UsageError(`--years: ${from} is after ${to}`);
  return { fromYear: from, toYear: to };
}

/** SQL for the selected rec_ids (never a record another source holds too: cross_source_duplicates); bind with selectionParams. */
export const SELECTED_PAPERS_SQL = `
  SELECT rec_id FROM records
  WHERE ($from_year IS NULL OR year >= $from_year) AND ($to_year IS NULL OR year <= $to_year)
    AND rec_id NOT IN (SELECT rec_id FROM cross_source_duplicates)`;

export function selectionParams(s: Selection): { from_year: number | null; to_year: number | null } {
  return { from_year: s.fromYear, to_year: s.toYear };
}
