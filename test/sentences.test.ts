import { describe, expect, it } from 'vitest';
import { capitalise, countryInText, counted, listInText, possessive } from '../src/countries/country-words.js';
import { sentences } from '../src/report/sentences.js';

describe('sentences in plain words', () => {
  it('names countries as a reader does, with the article where English wants one', () => {
    expect(['CN', 'US', 'GB', 'NL', 'KR', 'DO', 'TW', 'XX'].map(countryInText)).toEqual([
      'China',
      'the United States',
      'the United Kingdom',
      'the Netherlands',
      'South Korea',
      'the Dominican Republic',
      'Taiwan',
      'XX',
    ]);
    expect([possessive('China'), possessive('the United States')]).toEqual(["China's", "the United States'"]);
    expect(listInText(['the United States', 'Australia'])).toBe('the United States or Australia');
    expect(listInText(['Japan', 'India', 'Australia'], 'and')).toBe('Japan, India and Australia');
    expect(capitalise('the United States')).toBe('The United States');
  });

  it('gets singular and plural right and separates thousands', () => {
    expect([counted(1, 'paper'), counted(0, 'paper'), counted(2102, 'paper')]).toEqual(['1 paper', '0 papers', '2,102 papers']);
    const one = sentences([{ a: 'CN', b: 'AU', both: 1, papersA: 1254, papersB: 1, internationalA: 300, internationalB: 1 }], '2015-2019');
    expect(one.text).toEqual([
      "In 2015-2019, China (CN) and Australia (AU) co-authored 1 paper: 0.1% of China's 1,254 papers and 100.0% of Australia's 1 paper.",
      "0.3% of China's 300 international papers include Australia.",
      "100.0% of Australia's 1 international paper includes China.",
    ]);
    // Every number of a sentence is a row: its count and what it is a share of.
    expect(one.rows.map((r) => [r.sentence, r.fact, r.papers, r.of])).toEqual([
      [1, 'of_focus_papers', 1, 1254],
      [1, 'of_partner_papers', 1, 1],
      [2, 'of_focus_international', 1, 300],
      [3, 'of_partner_international', 1, 1],
    ]);
  });

  it('says so when a side has no paper rather than printing n/a', () => {
    const none = sentences([{ a: 'CN', b: 'VA', both: 0, papersA: 10, papersB: 0, internationalA: 0, internationalB: 0 }], '2015-2019');
    expect(none.text).toEqual([
      'In 2015-2019, Vatican City (VA) has no paper, so none with China.',
      'China has no international paper in 2015-2019.',
      'Vatican City has no international paper in 2015-2019.',
    ]);
    expect(none.text.join(' ')).not.toContain('n/a');
  });
});
