import type { CountryPolicy } from '../country-policy.js';
import { DEFAULT_POLICY } from '../country-policy.js';
import { topicRegex } from './topic-query.js';
import { UsageError } from '../../contracts/usage-error.js';

/** What `coauth analyze` computes: which papers, in which fields, over which periods. */
export interface CubeConfig {
  /** Topic fields: a name and a query (topic-query.ts). */
  topics: { name: string; query: string }[];
  /** Match topics on Keywords Plus too. */
  keywordsPlus: boolean;
  /** Add the categories the source carries: WoS categories ("WC: ...") and research areas ("SC: ..."). */
  categories: boolean;
  /** Periods such as 2015-2019, beside every single year. */
  periods: { from: number; to: number }[];
  /** Rolling windows of this many years (e.g. 5: 2011-2015, 2012-2016, ...), beside every year. */
  windows: number[];
  /** Keep papers with at least one of these document types (empty: all). */
  includeDocTypes: string[];
  /** Drop papers with any of these document types (the study dropped "Proceedings Paper"). */
  excludeDocTypes: string[];
  /** Keep papers in these languages (empty: all). */
  languages: string[];
  /** Country rules; the cube holds both bases (all addresses and primary affiliations). */
  policy: Omit<CountryPolicy, 'basis'>;
}

export const DEFAULT_CUBE_CONFIG: CubeConfig = {
  topics: [],
  keywordsPlus: false,
  categories: true,
  periods: [],
  windows: [],
  includeDocTypes: [],
  excludeDocTypes: [],
  languages: [],
  policy: { regions: DEFAULT_POLICY.regions, ukNations: DEFAULT_POLICY.ukNations },
};

/** Parses `2015-2019`. */
export function parsePeriod(text: string): { from: number; to: number } {
  const m = /^\s*(\d{4})\s*-\s*(\d{4})\s*$/.exec(text);
  if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`period: expected YYYY-YYYY, got "${text}"`);
  return { from: Number(m[1]), to: Number(m[2]) };
}

/** Parses `name=query` from the command line. */
export function parseTopic(text: string): { name: string; query: string } {
  const i = text.indexOf('=');
  const name = (i < 0 ? text : text.slice(0, i)).trim();
  const query = (i < 0 ? text : text.slice(i + 1)).trim();
  if (name === '' || name === 'all') throw new UsageError(`--field: expected NAME=QUERY with a name other than "all", got "${text}"`);
  return { name, query };
}

/** Checks a configuration read from a file; every problem named with its key. */
export function checkConfig(raw: Partial<CubeConfig>): CubeConfig {
  const c: CubeConfig = { ...DEFAULT_CUBE_CONFIG, ...raw, policy: { ...DEFAULT_CUBE_CONFIG.policy, ...(raw.policy ?? {}) } };
  const names = new Set<string>();
  for (const t of c.topics) {
    if (typeof t?.name !== 'string' || typeof t?.query !== 'string') throw new UsageError('topics: each needs a name and a query');
    if (t.name === 'all' || names.has(t.name)) throw new UsageError(`topics: duplicate or reserved name "${t.name}"`);
    names.add(t.name);
    topicRegex(t.query);
  }
  for (const p of c.periods) if (!(p.from <= p.to)) throw new UsageError(`periods: ${JSON.stringify(p)} is not from <= to`);
  for (const w of c.windows) if (!Number.isInteger(w) || w < 2) throw new UsageError(`windows: ${w} is not a whole number >= 2`);
  return c;
}
