import { UsageError } from '../../contracts/usage-error.js';
/**
 * A field's topic query: terms joined by OR, each a word or a "quoted phrase", `*` at the end of
 * a word for any ending (`comput*`). Matched case-insensitively, on whole words, in title,
 * abstract and author keywords (and Keywords Plus when asked). The study's fields:
 *   deep learning                              -> the phrase "deep learning"
 *   "quantum computing" OR "quantum computer"  -> either phrase
 * The query becomes one regular expression, bound as a parameter (never spliced into SQL).
 */
export function topicRegex(query: string): string {
  const terms = splitTerms(query);
  if (terms.length === 0) throw new UsageError(`empty topic query: "${query}"`);
  const alternatives = terms.map((term) =>
    term
      .split(/\s+/)
      .map((word) => {
        const prefix = word.endsWith('*');
        const core = (prefix ? word.slice(0, -1) : word).toLowerCase();
        if (core === '') throw new UsageError(`topic query "${query}": a lone * matches everything`);
        return escapeRegex(core) + (prefix ? '\\w*' : '');
      })
      // Words of a phrase may be separated by blanks or hyphens ("deep-learning").
      .join('[\\s\\-]+'),
  );
  return `\\b(?:${alternatives.join('|')})\\b`;
}

function splitTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of query.split(/\s+OR\s+/)) {
    const quoted = /^\s*"([^"]+)"\s*$/.exec(part);
    const t = (quoted ? quoted[1]! : part).trim();
    if (t !== '') terms.push(t);
  }
  return terms;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
