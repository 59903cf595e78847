import type { BreakRow, PairFacts } from '../analysis/study/trend.js';
import { capitalise, countryInText, counted, percent, points, possessive } from '../countries/country-words.js';

/** One number of a sentence, as a row of sentences.csv: which sentence, what was counted, over what. */
export interface SentenceFact {
  sentence: number;
  fact: string;
  focus: string;
  partner: string;
  basis: string;
  years: string;
  papers: number;
  of: number;
  share: number | null;
  text: string;
}

interface Sentence {
  text: string;
  facts: Omit<SentenceFact, 'sentence' | 'text'>[];
}

/** "10.0% of China's 1,254 papers" (n > 0). */
function partOf(x: number, n: number, whose: string, what = 'papers'): string {
  return `${percent(x / n)} of ${possessive(whose)} ${counted(n, what.replace(/s$/, ''), what)}`;
}

const withCode = (code: string) => {
  const name = countryInText(code);
  return name === code ? code : `${name} (${code})`;
};

/** The study's sentences for one pair, from the numbers; each number is a fact row. */
function pairSentences(f: PairFacts, years: string): Sentence[] {
  const [a, b] = [countryInText(f.a), countryInText(f.b)];
  const fact = (name: string, papers: number, of: number) => ({
    fact: name,
    focus: f.a,
    partner: f.b,
    basis: 'all',
    years,
    papers,
    of,
    share: of > 0 ? papers / of : null,
  });
  const together = f.both === 0 ? 'no paper' : counted(f.both, 'paper');
  const first =
    f.papersA > 0 && f.papersB > 0
      ? `In ${years}, ${withCode(f.a)} and ${withCode(f.b)} co-authored ${together}: ${partOf(f.both, f.papersA, a)} and ${partOf(f.both, f.papersB, b)}.`
      : `In ${years}, ${f.papersA === 0 ? withCode(f.a) : withCode(f.b)} has no paper, so none with ${f.papersA === 0 ? b : a}.`;
  const international = (n: number, whose: string, other: string) =>
    n > 0
      ? `${partOf(f.both, n, whose, 'international papers')} ${n === 1 ? 'includes' : 'include'} ${other}.`
      : `${whose} has no international paper in ${years}.`;
  return [
    { text: capitalise(first), facts: [fact('of_focus_papers', f.both, f.papersA), fact('of_partner_papers', f.both, f.papersB)] },
    { text: capitalise(international(f.internationalA, a, b)), facts: [fact('of_focus_international', f.both, f.internationalA)] },
    { text: capitalise(international(f.internationalB, b, a)), facts: [fact('of_partner_international', f.both, f.internationalB)] },
  ];
}

/** The break year's comparison of one share, in words. */
function breakSentence(r: BreakRow, breakYear: number): Sentence {
  const [a, b] = [countryInText(r.focus), countryInText(r.partner)];
  const [whose, other] = r.measure === 'of_focus_international' ? [a, b] : [b, a];
  const basis = r.basis === 'all' ? '' : ' (first addresses only)';
  const fact = (name: string, years: string, papers: number, of: number) => ({
    fact: name,
    focus: r.focus,
    partner: r.partner,
    basis: r.basis,
    years,
    papers,
    of,
    share: of > 0 ? papers / of : null,
  });
  const change =
    r.difference === null
      ? 'no comparison, as one side has no paper'
      : `a change of ${points(r.difference)} percentage points (95% CI ${points(r.difference_low!)} to ${points(r.difference_high!)}` +
        (r.z === null ? ')' : `; z = ${r.z.toFixed(2)}, p = ${r.p_value! < 0.001 ? '< 0.001' : r.p_value!.toFixed(3)})`);
  return {
    text:
      `Share of ${possessive(whose)} international papers that include ${other}${basis}: ${percent(r.before_share)} in ${r.before} ` +
      `(${r.before_papers.toLocaleString('en-US')} of ${r.before_of.toLocaleString('en-US')}), ${percent(r.after_share)} from ${breakYear} ` +
      `(${r.after}: ${r.after_papers.toLocaleString('en-US')} of ${r.after_of.toLocaleString('en-US')}); ${change}.`,
    facts: [
      fact(`${r.measure}_before`, r.before, r.before_papers, r.before_of),
      fact(`${r.measure}_after`, r.after, r.after_papers, r.after_of),
    ],
  };
}

/** Every sentence of a field's report, and sentences.csv: one row per number, with the sentence it is in. */
export function sentences(
  facts: readonly PairFacts[],
  years: string,
  comparison?: { rows: readonly BreakRow[]; breakYear: number },
): { text: string[]; rows: SentenceFact[] } {
  const all = [
    ...facts.flatMap((f) => pairSentences(f, years)),
    ...(comparison?.rows ?? [])
      .filter((r) => r.measure === 'of_focus_international' || r.measure === 'of_partner_international')
      .map((r) => breakSentence(r, comparison!.breakYear)),
  ];
  return {
    text: all.map((s) => s.text),
    rows: all.flatMap((s, i) => s.facts.map((f) => ({ sentence: i + 1, ...f, text: s.text }))),
  };
}
