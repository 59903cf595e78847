/**
 * bibliometrix's country tables from per-document AU_CO / AU1_CO (SEMANTICS.md §3-4), with its
 * names, columns and order: ties are broken by name in C-locale order, NA last.
 */
export interface CompatDocument {
  uid: string;
  year: number | null;
  timesCited: number;
  auCo: string[] | null;
  au1Co: string | null;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function distinctCount(names: string[] | null): number {
  return names === null ? 0 : new Set(names).size;
}

/** `sort(table(x), decreasing = TRUE)`: count descending, ties alphabetical. */
function countTable(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || byName(a[0], b[0]));
}

/** "Corresponding Author's Countries" (biblioAnalysis + summary). */
export function summaryCountries(docs: readonly CompatDocument[]) {
  const table = countTable(docs.flatMap((d) => (d.au1Co === null ? [] : [d.au1Co])));
  const known = table.reduce((s, [, n]) => s + n, 0);
  return table.map(([country, articles]) => {
    // SCP is NA for a document without AU_CO; sum() skips it, so such a document counts as MCP.
    const scp = docs.filter((d) => d.au1Co === country && d.auCo !== null && distinctCount(d.auCo) === 1).length;
    return {
      Country: country,
      Articles: articles,
      Freq: articles / known,
      SCP: scp,
      MCP: articles - scp,
      MCP_Ratio: (articles - scp) / articles,
    };
  });
}

/** The same table as Biblioshiny computes it: an NA row, NA AU_CO counted as SCP, Freq over all documents. */
export function biblioshinyCountryCollab(docs: readonly CompatDocument[]) {
  const groups = new Map<string | null, CompatDocument[]>();
  for (const d of docs) groups.set(d.au1Co, [...(groups.get(d.au1Co) ?? []), d]);
  const total = docs.length;
  return [...groups.entries()]
    .map(([country, ds]) => {
      const mcp = ds.filter((d) => distinctCount(d.auCo) > 1).length;
      return { Country: country, Articles: ds.length, SCP: ds.length - mcp, MCP: mcp, Freq: ds.length / total, MCP_Ratio: mcp / ds.length };
    })
    .sort((a, b) => b.Articles - a.Articles || (a.Country === null ? 1 : b.Country === null ? -1 : byName(a.Country, b.Country)));
}

/** "Total Citations per Country", by AU1_CO. */
export function tcPerCountry(docs: readonly CompatDocument[]) {
  const sums = new Map<string, [number, number]>();
  for (const d of docs) {
    if (d.au1Co === null) continue;
    const [tc, n] = sums.get(d.au1Co) ?? [0, 0];
    sums.set(d.au1Co, [tc + d.timesCited, n + 1]);
  }
  return [...sums.entries()]
    .map(([country, [tc, n]]) => ({ Country: country, TotalCitations: tc, AvgArticleCitations: tc / n }))
    .sort((a, b) => b.TotalCitations - a.TotalCitations || byName(a.Country, b.Country));
}

/** "Country Scientific Production": AU_CO occurrences, repeats included. */
export function tableTagAuCo(docs: readonly CompatDocument[]) {
  return countTable(docs.flatMap((d) => d.auCo ?? [])).map(([country, freq]) => ({ Country: country, Freq: freq }));
}

export interface CompatMatrix {
  names: string[];
  counts: number[][];
}

/** biblioNetwork(collaboration, countries): binary per document, ordered by AU_CO occurrences. */
export function countryMatrix(docs: readonly CompatDocument[]): CompatMatrix {
  const names = tableTagAuCo(docs).map((r) => r.Country);
  const index = new Map(names.map((n, i) => [n, i]));
  const counts = names.map(() => new Array<number>(names.length).fill(0));
  for (const d of docs) {
    const present = [...new Set(d.auCo ?? [])].map((n) => index.get(n)!);
    for (const i of present) for (const j of present) counts[i]![j]!++;
  }
  return { names, counts };
}

export type Normalisation = 'association' | 'inclusion' | 'jaccard' | 'salton' | 'equivalence';
export const NORMALISATIONS: readonly Normalisation[] = ['association', 'equivalence', 'inclusion', 'jaccard', 'salton'];

/** normalizeSimilarity: applied to the whole matrix, diagonal included; NaN becomes 0. */
export function normalise(m: CompatMatrix, type: Normalisation): number[][] {
  const d = m.names.map((_, i) => m.counts[i]![i]!);
  return m.counts.map((row, i) =>
    row.map((c, j) => {
      const di = d[i]!;
      const dj = d[j]!;
      let v: number;
      switch (type) {
        case 'association':
          v = c / (di * dj);
          break;
        case 'inclusion':
          v = c / Math.min(di, dj);
          break;
        case 'jaccard':
          v = c / (di + dj - c);
          break;
        case 'salton':
          v = c / Math.sqrt(di * dj);
          break;
        case 'equivalence':
          v = (c / Math.sqrt(di * dj)) ** 2;
          break;
      }
      return Number.isNaN(v) ? 0 : v;
    }),
  );
}

/** The world map's country pairs, before its min-edges filter: one row per pair with documents in common. */
export function worldmapEdges(m: CompatMatrix) {
  const edges: { From: string; To: string; Frequency: number }[] = [];
  for (let i = 0; i < m.names.length; i++) {
    for (let j = i + 1; j < m.names.length; j++) {
      if (m.counts[i]![j]! > 0) edges.push({ From: m.names[i]!, To: m.names[j]!, Frequency: m.counts[i]![j]! });
    }
  }
  return edges.sort((a, b) => byName(a.From, b.From) || byName(a.To, b.To));
}

export function scalars(docs: readonly CompatDocument[], m: CompatMatrix) {
  const intl = docs.filter((d) => distinctCount(d.auCo) > 1).length;
  return {
    Articles: docs.length,
    IntColl_percent: (100 * intl) / docs.length,
    n_AU_CO_NA: docs.filter((d) => d.auCo === null).length,
    n_AU1_CO_NA: docs.filter((d) => d.au1Co === null).length,
    n_countries_AU1_CO: new Set(docs.flatMap((d) => (d.au1Co === null ? [] : [d.au1Co]))).size,
    matrix_dim: m.names.length,
  };
}
