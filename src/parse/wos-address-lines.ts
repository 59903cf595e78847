/** One address as WoS writes it in C1 or RP, split from the authors it names. */
export interface AddressEntry {
  /** Author names from the C1 [brackets] or before the RP marker; null when the address names none. */
  authors: string[] | null;
  /** The address text without the author part and the final period. */
  address: string;
}

function stripFinalPeriod(s: string): string {
  const t = s.trim();
  return t.endsWith('.') ? t.slice(0, -1).trimEnd() : t;
}

function splitNames(s: string): string[] {
  return s
    .split(';')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/**
 * A C1 line: `[Bruna, Emilio M.; Vasconcelos, H. L.] Univ Florida, ..., Gainesville, FL 32611 USA.`
 * (since 2008) or the address alone (older records). In tab-delimited exports the final period is absent.
 */
export function parseC1Line(line: string): AddressEntry {
  const s = line.trim();
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close > 0) return { authors: splitNames(s.slice(1, close)), address: stripFinalPeriod(s.slice(close + 1)) };
  }
  return { authors: null, address: stripFinalPeriod(s) };
}

const MARKER = /\((?:corresponding|reprint) author\),?\s*/i;

/**
 * The RP field: one line holding one or more corresponding addresses joined by `.; `:
 * `Shen, L; Ge, JB (corresponding author), Fudan Univ, ..., Peoples R China.; Li, X (corresponding author), ...`
 * or, in 2024+ exports, the address alone. Names may themselves contain `; `, so entries are cut
 * only at `.; ` and the names are what stands before the marker.
 */
export function parseReprintField(text: string): AddressEntry[] {
  const entries: AddressEntry[] = [];
  for (const part of text.split(/\.;\s+/)) {
    if (part.trim() === '') continue;
    const m = MARKER.exec(part);
    if (m) {
      const address = stripFinalPeriod(part.slice(m.index + m[0].length));
      entries.push({ authors: splitNames(part.slice(0, m.index)), address });
    } else {
      entries.push({ authors: null, address: stripFinalPeriod(part) });
    }
  }
  return entries;
}
