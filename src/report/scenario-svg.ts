import type { ScenarioRow } from '../analysis/study/scenario.js';
import { esc } from '../text/xml-escape.js';
import { fx } from './svg/svg-text.js';

export function scenarioSvg(rows: readonly ScenarioRow[], title: string): string {
  const width = 900;
  const left = 230;
  const rowH = 22;
  const top = 50;
  const height = top + rows.length * rowH + 30;
  const max = Math.max(0.01, ...rows.map((r) => r.share));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="scenario">`,
    `<title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const w = ((width - left - 90) * r.share) / max;
    out.push(
      `<text x="${left - 8}" y="${y + 15}" text-anchor="end" font-size="13">${esc(`${r.name} (${r.papers})`)}</text>`,
      `<rect class="bar" data-country="${esc(r.country)}" x="${left}" y="${y + 3}" width="${fx(w)}" height="${rowH - 6}" fill="#e15759"/>`,
      `<text x="${fx(left + w + 6)}" y="${y + 15}" font-size="12">${(100 * r.share).toFixed(1)}%</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
