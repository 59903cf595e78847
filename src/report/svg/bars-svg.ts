import { esc } from '../../text/xml-escape.js';
import type { BarRow } from '../../analysis/study/study-measures.js';
import { countryInText, counted, listInText } from '../../countries/country-words.js';
import { fitText, fx, textWidth } from './svg-text.js';

const COLOURS = { domestic: '#4e79a7', withFocus: '#e15759', withPartners: '#b07aa1', other: '#bab0ac' };
/** Text on a segment: white on the dark colours, black on the light grey. */
const INK = { domestic: '#ffffff', withFocus: '#ffffff', withPartners: '#ffffff', other: '#222222' };

export interface BarsOptions {
  title: string;
  focus: string;
  partners: readonly string[];
  /** Bars of fewer papers are hatched: their shares rest on too few papers to compare. */
  minPapers: number;
}

/**
 * One horizontal bar per corresponding country (its papers in parentheses), split into domestic
 * papers, papers with the focal country (on the focal country's own bar: with any of its
 * partners) and papers with other countries only, as shares of its papers. Every segment's value
 * is printed on it where it fits; the report's table under the figure gives them all.
 */
export function barsSvg(rows: readonly BarRow[], o: BarsOptions): string {
  const width = 900;
  const rowH = 26;
  const left = 230;
  const right = 30;
  const top = 100;
  const plot = width - left - right;
  const axisY = top + rows.length * rowH + 6;
  const hatched = rows.some((r) => r.articles < o.minPapers);
  const notes = [
    'Bars: papers whose corresponding author gives an address in the country (their number in parentheses), whole counting.',
    ...(hatched ? [`Hatched: fewer than ${counted(o.minPapers, 'paper')}, too few for the shares to compare.`] : []),
  ];
  const height = axisY + 56 + notes.length * 15;
  const focusName = countryInText(o.focus);
  const partnerNames = listInText(o.partners.map(countryInText));
  const legend: [keyof typeof COLOURS, string][] = [
    ['domestic', 'domestic'],
    ['withFocus', `with ${focusName}`],
    ...(rows.some((r) => r.country === o.focus)
      ? [['withPartners', `with ${partnerNames} (${focusName}'s own bar)`] as [keyof typeof COLOURS, string]]
      : []),
    ['other', `with other countries only`],
  ];
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="bars">`,
    `<title>${esc(o.title)}</title>`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="#ffffff" fill-opacity="0.45"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/></pattern></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(o.title)}</text>`,
  ];
  // The legend wraps onto a second line when it does not fit on one.
  let [lx, ly] = [left, 46];
  for (const [k, label] of legend) {
    const w = 20 + textWidth(label, 12) + 18;
    if (lx + w > width - right && lx > left) [lx, ly] = [left, ly + 22];
    out.push(
      `<rect class="key ${k}" x="${fx(lx)}" y="${ly - 12}" width="14" height="14" fill="${COLOURS[k]}"/><text x="${fx(lx + 20)}" y="${ly}" font-size="12">${esc(label)}</text>`,
    );
    lx += w;
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const small = r.articles < o.minPapers;
    out.push(
      `<text class="bar-label" x="${left - 8}" y="${y + 17}" text-anchor="end" font-size="13">${esc(`${fitText(r.name, left - 70, 13)} (${r.articles.toLocaleString('en-US')})`)}<title>${esc(r.name)}</title></text>`,
    );
    let x = left;
    const values: string[] = [];
    const segments = [
      ['domestic', r.domestic],
      [r.country === o.focus ? 'withPartners' : 'withFocus', r.withFocus],
      ['other', r.other],
    ] as const;
    for (const [k, v] of segments) {
      const w = r.articles > 0 ? (plot * v) / r.articles : 0;
      const meaning = k === 'domestic' ? 'domestic' : k === 'other' ? 'with other countries only' : r.focusLabel;
      out.push(
        `<rect class="bar ${k}${small ? ' small' : ''}" data-country="${esc(r.country)}" data-papers="${v}" x="${fx(x)}" y="${y + 3}" width="${fx(w)}" height="${rowH - 6}" fill="${COLOURS[k]}">` +
          `<title>${esc(r.name)}: ${v} of ${r.articles} papers ${esc(meaning)}</title></rect>`,
      );
      const value = v.toLocaleString('en-US');
      if (v > 0 && textWidth(value, 11) + 6 <= w) {
        values.push(
          `<text class="value" x="${fx(x + w / 2)}" y="${y + 17}" text-anchor="middle" font-size="11" fill="${INK[k]}">${value}</text>`,
        );
      }
      x += w;
    }
    // The hatching under the values, so that they stay readable.
    if (small) out.push(`<rect class="hatch" x="${left}" y="${y + 3}" width="${plot}" height="${rowH - 6}" fill="url(#hatch)"/>`);
    out.push(...values);
  });
  out.push(`<line x1="${left}" x2="${left + plot}" y1="${axisY}" y2="${axisY}" stroke="#555555"/>`);
  for (const t of [0, 25, 50, 75, 100]) {
    const x = left + (plot * t) / 100;
    out.push(
      `<line x1="${fx(x)}" x2="${fx(x)}" y1="${axisY}" y2="${axisY + 4}" stroke="#555555"/><text x="${fx(x)}" y="${axisY + 17}" text-anchor="middle" font-size="11" fill="#555555">${t}%</text>`,
    );
  }
  out.push(
    `<text class="axis-title" x="${left + plot / 2}" y="${axisY + 36}" text-anchor="middle" font-size="12">Share of the country's papers as corresponding country</text>`,
  );
  notes.forEach((n, i) => out.push(`<text class="note" x="14" y="${axisY + 58 + i * 15}" font-size="11" fill="#555555">${esc(n)}</text>`));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
