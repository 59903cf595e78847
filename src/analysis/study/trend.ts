/**
 * The study's question year by year: for the focal country and each partner, the papers they
 * co-authored and their share of each side's papers and international papers, with Wilson
 * intervals, on both bases; and two periods around a break year compared. Every number is a
 * lookup of the cube's year rows (cube_countries, cube_links), and a period is the sum of its
 * years, since every measure is a sum over papers.
 */
import { LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../store/database.js';
import { differenceInterval, twoProportionTest, wilson } from './proportions.js';

export const BASES = ['all', 'primary'] as const;
export type Basis = (typeof BASES)[number];

/** The four shares, each the pair's papers over one side's papers. */
export const MEASURES = ['of_focus_international', 'of_partner_international', 'of_focus_papers', 'of_partner_papers'] as const;
export type Measure = (typeof MEASURES)[number];

/** Papers of one country in one year: all of them, and those with another country. */
interface CountryYear {
  papers: number;
  international: number;
}

/** One year's counts for a pair on one basis. */
export interface PairYear {
  basis: Basis;
  year: number;
  focus: string;
  partner: string;
  both: number;
  focusPapers: number;
  partnerPapers: number;
  focusInternational: number;
  partnerInternational: number;
}

/** One row of trend.csv: a share with its 95% interval. */
export interface TrendRow {
  basis: Basis;
  year: number;
  focus: string;
  partner: string;
  measure: Measure;
  papers: number;
  of: number;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/** The denominator of a measure. */
export function denominator(c: Omit<PairYear, 'year'>, m: Measure): number {
  switch (m) {
    case 'of_focus_international':
      return c.focusInternational;
    case 'of_partner_international':
      return c.partnerInternational;
    case 'of_focus_papers':
      return c.focusPapers;
    case 'of_partner_papers':
      return c.partnerPapers;
  }
}

/** The pair counts per basis and year of a field, every year from..to (zeros where the cube has no row). */
export async function pairYears(
  connection: DuckDBConnection,
  cell: { field: string; from: number; to: number },
  focus: string,
  partners: readonly string[],
): Promise<PairYear[]> {
  const years = Array.from({ length: cell.to - cell.from + 1 }, (_, i) => cell.from + i);
  const params = { field: cell.field, years: listValue(years.map(String)), countries: listValue([focus, ...partners]) };
  const types = { years: LIST(VARCHAR), countries: LIST(VARCHAR) };
  const countries = await queryRows(
    connection,
    `SELECT basis, period, country, papers, international FROM cube_countries
     WHERE field = $field AND list_contains($years, period) AND list_contains($countries, country)`,
    params,
    types,
  );
  const links = await queryRows(
    connection,
    `SELECT basis, period, country_a, country_b, papers FROM cube_links
     WHERE field = $field AND list_contains($years, period) AND list_contains($countries, country_a) AND list_contains($countries, country_b)`,
    params,
    types,
  );
  const country = new Map<string, CountryYear>(
    countries.map((r) => [`${r.basis}|${r.period}|${r.country}`, { papers: r.papers as number, international: r.international as number }]),
  );
  const link = new Map(links.map((r) => [`${r.basis}|${r.period}|${[r.country_a, r.country_b].sort().join('|')}`, r.papers as number]));
  const none: CountryYear = { papers: 0, international: 0 };
  return BASES.flatMap((basis) =>
    partners.flatMap((partner) =>
      years.map((year) => {
        const f = country.get(`${basis}|${year}|${focus}`) ?? none;
        const p = country.get(`${basis}|${year}|${partner}`) ?? none;
        return {
          basis,
          year,
          focus,
          partner,
          both: link.get(`${basis}|${year}|${[focus, partner].sort().join('|')}`) ?? 0,
          focusPapers: f.papers,
          partnerPapers: p.papers,
          focusInternational: f.international,
          partnerInternational: p.international,
        };
      }),
    ),
  );
}

/** trend.csv: one row per basis, pair, year and measure. */
export function trendRows(years: readonly PairYear[]): TrendRow[] {
  return years.flatMap((y) =>
    MEASURES.map((measure) => {
      const of = denominator(y, measure);
      const ci = wilson(y.both, of);
      return {
        basis: y.basis,
        year: y.year,
        focus: y.focus,
        partner: y.partner,
        measure,
        papers: y.both,
        of,
        share: of > 0 ? y.both / of : null,
        ci_low: ci?.lo ?? null,
        ci_high: ci?.hi ?? null,
      };
    }),
  );
}

/** One row of break.csv: a measure before and after the break year, the difference (after - before) with its interval and test. */
export interface BreakRow {
  basis: Basis;
  focus: string;
  partner: string;
  measure: Measure;
  before: string;
  before_papers: number;
  before_of: number;
  before_share: number | null;
  after: string;
  after_papers: number;
  after_of: number;
  after_share: number | null;
  difference: number | null;
  difference_low: number | null;
  difference_high: number | null;
  z: number | null;
  p_value: number | null;
}

const span = (from: number, to: number): string => (from === to ? String(from) : `${from}-${to}`);

/** A pair's counts summed over years: every measure is a sum over papers, each counted in one year. */
function sumYears(rows: readonly PairYear[]) {
  return {
    both: rows.reduce((s, r) => s + r.both, 0),
    focusPapers: rows.reduce((s, r) => s + r.focusPapers, 0),
    partnerPapers: rows.reduce((s, r) => s + r.partnerPapers, 0),
    focusInternational: rows.reduce((s, r) => s + r.focusInternational, 0),
    partnerInternational: rows.reduce((s, r) => s + r.partnerInternational, 0),
  };
}

/** The year rows of each (basis, partner), in the order pairYears gives them. */
function byPair(years: readonly PairYear[]): PairYear[][] {
  const groups = new Map<string, PairYear[]>();
  for (const y of years) {
    const key = `${y.basis}|${y.partner}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(y);
  }
  return [...groups.values()];
}

/** The numbers of the study's sentences for one pair over a period (basis all). */
export interface PairFacts {
  a: string;
  b: string;
  both: number;
  papersA: number;
  papersB: number;
  internationalA: number;
  internationalB: number;
}

/** Each pair's facts over the whole span of the years (basis all): the sums of the year rows. */
export function periodFacts(years: readonly PairYear[]): PairFacts[] {
  return byPair(years.filter((y) => y.basis === 'all')).map((rows) => {
    const t = sumYears(rows);
    return {
      a: rows[0]!.focus,
      b: rows[0]!.partner,
      both: t.both,
      papersA: t.focusPapers,
      papersB: t.partnerPapers,
      internationalA: t.focusInternational,
      internationalB: t.partnerInternational,
    };
  });
}

/** The years before the break year against the break year and after, within from..to. */
export function breakRows(years: readonly PairYear[], breakYear: number, from: number, to: number): BreakRow[] {
  return byPair(years).flatMap((rows) => {
    const { basis, focus, partner } = rows[0]!;
    const before = sumYears(rows.filter((r) => r.year < breakYear));
    const after = sumYears(rows.filter((r) => r.year >= breakYear));
    return MEASURES.map((measure) => {
      const [x1, n1] = [before.both, denominator({ basis, focus, partner, ...before }, measure)];
      const [x2, n2] = [after.both, denominator({ basis, focus, partner, ...after }, measure)];
      const d = differenceInterval(x2, n2, x1, n1);
      const t = twoProportionTest(x2, n2, x1, n1);
      return {
        basis,
        focus,
        partner,
        measure,
        before: span(from, breakYear - 1),
        before_papers: x1,
        before_of: n1,
        before_share: n1 > 0 ? x1 / n1 : null,
        after: span(breakYear, to),
        after_papers: x2,
        after_of: n2,
        after_share: n2 > 0 ? x2 / n2 : null,
        difference: n1 > 0 && n2 > 0 ? x2 / n2 - x1 / n1 : null,
        difference_low: d?.lo ?? null,
        difference_high: d?.hi ?? null,
        z: t?.z ?? null,
        p_value: t?.p ?? null,
      };
    });
  });
}
