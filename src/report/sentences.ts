import type { PairFacts } from '../analysis/study/study-measures.js';

const pct = (n: number, d: number): string => (d > 0 ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

/** The study's sentences, generated from the numbers. */
export function sentences(f: PairFacts): string[] {
  return [
    `Papers co-authored between ${f.a} and ${f.b} are ${pct(f.both, f.papersA)} of ${f.a}'s papers and ${pct(f.both, f.papersB)} of ${f.b}'s (${f.both} papers; ${f.a}: ${f.papersA}, ${f.b}: ${f.papersB}).`,
    `${pct(f.both, f.internationalA)} of ${f.a}'s international papers include ${f.b} (${f.both} of ${f.internationalA}).`,
    `${pct(f.both, f.internationalB)} of ${f.b}'s international papers include ${f.a} (${f.both} of ${f.internationalB}).`,
  ];
}
