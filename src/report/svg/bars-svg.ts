import { esc } from '../../text/xml-escape.js';
import type { BarRow } from '../../analysis/study/study-measures.js';
import { fx } from './svg-text.js';

const COLOURS = { domestic: '#4e79a7', withFocus: '#e15759', other: '#bab0ac' };

/**
 * One horizontal bar per country (by corresponding country, its paper count in parentheses),
 * split into domestic, with the focal partner (for the focal country: with its partners) and
 * other international, as shares of its papers.
 */
export function barsSvg(rows: readonly BarRow[], title: string, focus: string): string {
  const width = 900;
  const rowH = 24;
  const left = 230;
  const right = 30;
  const top = 70;
  const height = top + rows.length * rowH + 40;
  const plot = width - left - right;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="bars">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(title)}</text>`,
  ];
  const legend: [keyof typeof COLOURS, string][] = [
    ['domestic', 'domestic'],
    ['withFocus', `with ${focus} (focal country: with its partners)`],
    ['other', 'other international'],
  ];
  let lx = left;
  for (const [k, label] of legend) {
    out.push(
      `<rect x="${lx}" y="38" width="14" height="14" fill="${COLOURS[k]}"/><text x="${lx + 20}" y="50" font-size="12">${esc(label)}</text>`,
    );
    lx += 40 + label.length * 7;
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(
      `<text class="bar-label" x="${left - 8}" y="${y + 16}" text-anchor="end" font-size="13">${esc(`${r.name} (${r.articles})`)}</text>`,
    );
    let x = left;
    for (const [k, v] of [
      ['domestic', r.domestic],
      ['withFocus', r.withFocus],
      ['other', r.other],
    ] as const) {
      const w = r.articles > 0 ? (plot * v) / r.articles : 0;
      out.push(
        `<rect class="bar ${k}" data-country="${esc(r.country)}" data-papers="${v}" x="${fx(x)}" y="${y + 3}" width="${fx(w)}" height="${rowH - 6}" fill="${COLOURS[k]}">` +
          `<title>${esc(r.name)}: ${v} of ${r.articles} papers ${k === 'withFocus' ? esc(r.focusLabel) : k}</title></rect>`,
      );
      x += w;
    }
  });
  for (const t of [0, 25, 50, 75, 100]) {
    const x = left + (plot * t) / 100;
    out.push(`<text x="${fx(x)}" y="${height - 14}" text-anchor="middle" font-size="11" fill="#555555">${t}%</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
