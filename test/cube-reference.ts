/**
 * A plain-loop reference for the cube: every measure of DESIGN.md computed paper by paper, with
 * nothing shared with the SQL but the stored paper-country rows. The cube tests compare the two.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../src/store/database.js';

export interface ReferenceConfig {
  topics: { name: string; words: RegExp }[];
  periods: { from: number; to: number }[];
  windows: number[];
  excludeDocTypes: string[];
  /** A region policy as a code mapping (Taiwan into China, ...), applied to the stored rows. */
  map?: (code: string) => string;
}

type Key = string;
export interface Reference {
  countries: Map<Key, { papers: number; papers_fractional: number; articles: number; scp: number; mcp: number; international: number }>;
  links: Map<Key, { papers: number; papers_fractional: number }>;
  partners: Map<Key, number>;
  coverage: Map<Key, { papers: number; country_unknown: number; corresponding_unknown: number; international: number }>;
}

export async function referenceCube(c: DuckDBConnection, config: ReferenceConfig): Promise<Reference> {
  const papers = await queryRows(
    c,
    `SELECT rec_id, year, doc_types, categories, research_areas, title, abstract, keywords, author_links FROM records ORDER BY rec_id`,
  );
  const rows = await queryRows(c, `SELECT rec_id, country, is_corresponding, n_primary_authors FROM record_countries`);
  const byRec = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byRec.get(r.rec_id as number);
    if (list) list.push(r);
    else byRec.set(r.rec_id as number, [r]);
  }
  const kept = papers.filter(
    (p) => !((p.doc_types as string[] | null) ?? []).some((t) => config.excludeDocTypes.includes(t.toLowerCase())),
  );
  const years = kept.map((p) => p.year as number | null).filter((y): y is number => y !== null);
  const [minYear, maxYear] = [Math.min(...years), Math.max(...years)];
  const periods: { name: string; from: number; to: number }[] = [];
  for (const p of config.periods) periods.push({ name: `${p.from}-${p.to}`, ...p });
  for (const w of config.windows) {
    for (let y = minYear; y + w - 1 <= maxYear; y++) {
      if (!periods.some((q) => q.name === `${y}-${y + w - 1}`)) periods.push({ name: `${y}-${y + w - 1}`, from: y, to: y + w - 1 });
    }
  }
  const ref: Reference = { countries: new Map(), links: new Map(), partners: new Map(), coverage: new Map() };
  const add = <T extends object>(m: Map<Key, T>, key: Key, init: () => T, f: (v: T) => void) => {
    let v = m.get(key);
    if (!v) m.set(key, (v = init()));
    f(v);
  };
  for (const p of kept) {
    const fields = ['all'];
    for (const c of new Set((p.categories as string[] | null) ?? [])) fields.push(`WC: ${c}`);
    for (const c of new Set((p.research_areas as string[] | null) ?? [])) fields.push(`SC: ${c}`);
    const text = [p.title, p.abstract, ((p.keywords as string[] | null) ?? []).join(' ; ')].filter(Boolean).join(' ').toLowerCase();
    for (const t of config.topics) if (t.words.test(text)) fields.push(t.name);
    const year = p.year as number | null;
    const periodNames =
      year === null ? ['unknown'] : [String(year), ...periods.filter((q) => year >= q.from && year <= q.to).map((q) => q.name)];
    const rc = byRec.get(p.rec_id as number) ?? [];
    for (const basis of ['all', 'primary']) {
      const map = config.map ?? ((c: string) => c);
      const set = [
        ...new Set(
          rc.filter((r) => basis === 'all' || (r.n_primary_authors as number) > 0 || !p.author_links).map((r) => map(r.country as string)),
        ),
      ].sort();
      const kStored = rc.find((r) => r.is_corresponding)?.country as string | undefined;
      const k = kStored === undefined ? null : map(kStored);
      for (const field of fields) {
        for (const period of periodNames) {
          const cell = `${basis}|${field}|${period}`;
          add(
            ref.coverage,
            cell,
            () => ({ papers: 0, country_unknown: 0, corresponding_unknown: 0, international: 0 }),
            (v) => {
              v.papers++;
              if (set.length === 0) v.country_unknown++;
              if (k === null) v.corresponding_unknown++;
              if (set.length >= 2) v.international++;
            },
          );
          if (period === 'unknown') continue;
          const country = (x: string) =>
            add(
              ref.countries,
              `${cell}|${x}`,
              () => ({ papers: 0, papers_fractional: 0, articles: 0, scp: 0, mcp: 0, international: 0 }),
              () => {},
            );
          for (const x of set) {
            country(x);
            const v = ref.countries.get(`${cell}|${x}`)!;
            v.papers++;
            v.papers_fractional += 1 / set.length;
            if (set.length >= 2) v.international++;
          }
          if (k !== null) {
            country(k);
            const v = ref.countries.get(`${cell}|${k}`)!;
            v.articles++;
            if (set.length >= 2) v.mcp++;
            else v.scp++;
            for (const y of set) if (y !== k) ref.partners.set(`${cell}|${k}|${y}`, (ref.partners.get(`${cell}|${k}|${y}`) ?? 0) + 1);
          }
          for (let i = 0; i < set.length; i++) {
            for (let j = i + 1; j < set.length; j++) {
              add(
                ref.links,
                `${cell}|${set[i]}|${set[j]}`,
                () => ({ papers: 0, papers_fractional: 0 }),
                (v) => {
                  v.papers++;
                  v.papers_fractional += 1 / (set.length - 1);
                },
              );
            }
          }
        }
      }
    }
  }
  return ref;
}
