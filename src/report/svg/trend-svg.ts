import type { Basis, TrendRow } from '../../analysis/study/trend.js';
import { countryInText, possessive } from '../../countries/country-words.js';
import { esc } from '../../text/xml-escape.js';
import { fx, PALETTE, textWidth } from './svg-text.js';

const BASIS_TITLE: Record<Basis, string> = {
  all: 'Every author address',
  primary: "Each author's first address only",
};

/** A round top for the share axis: the next 5% (or 1% under 10%) above the largest upper bound. */
function axisTop(max: number): number {
  const step = max <= 0.1 ? 0.01 : 0.05;
  return Math.min(1, Math.max(step, Math.ceil(max / step - 1e-9) * step));
}

/**
 * The change over time: per year, the share of the focal country's international papers that
 * include each partner (solid) and the share of the partner's international papers that include
 * the focal country (dashed), with their 95% Wilson intervals as bands; one panel per basis, so
 * a trend that visiting affiliations make shows as a gap between the panels.
 */
export function trendSvg(rows: readonly TrendRow[], title: string, focus: string, partners: readonly string[]): string {
  const width = 900;
  const panelW = 370;
  const panelH = 260;
  const top = 70;
  const lefts = [70, 70 + panelW + 60];
  const shown = rows.filter((r) => r.measure === 'of_focus_international' || r.measure === 'of_partner_international');
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const maxShare = axisTop(Math.max(0, ...shown.map((r) => r.ci_high ?? 0)));
  const focusName = countryInText(focus);
  const legend = partners.flatMap((p, i) => [
    {
      colour: PALETTE[i % PALETTE.length]!,
      dash: false,
      text: `share of ${possessive(focusName)} international papers with ${countryInText(p)}`,
    },
    {
      colour: PALETTE[i % PALETTE.length]!,
      dash: true,
      text: `share of ${possessive(countryInText(p))} international papers with ${focusName}`,
    },
  ]);
  const legendY = top + panelH + 58;
  const height = legendY + legend.length * 18 + 30;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="trend">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(title)}</text>`,
  ];
  (['all', 'primary'] as const).forEach((basis, b) => {
    const x0 = lefts[b]!;
    const xAt = (year: number) => (years.length === 1 ? x0 + panelW / 2 : x0 + ((year - years[0]!) / (years.at(-1)! - years[0]!)) * panelW);
    const yAt = (share: number) => top + panelH - (share / maxShare) * panelH;
    out.push(
      `<g class="panel" data-basis="${basis}"><text x="${x0 + panelW / 2}" y="${top - 12}" text-anchor="middle" font-size="13" font-weight="bold">${esc(BASIS_TITLE[basis])}</text>`,
    );
    for (let k = 0; k <= 5; k++) {
      const s = (maxShare * k) / 5;
      out.push(
        `<line x1="${x0}" x2="${x0 + panelW}" y1="${fx(yAt(s))}" y2="${fx(yAt(s))}" stroke="#e5e5e5"/>` +
          `<text x="${x0 - 6}" y="${fx(yAt(s) + 4)}" text-anchor="end" font-size="10" fill="#555555">${(100 * s).toFixed(maxShare <= 0.1 ? 1 : 0)}%</text>`,
      );
    }
    // Every year labelled if they fit, else every second or fifth.
    const every = years.length * textWidth('2020', 10) * 1.6 <= panelW ? 1 : years.length <= 20 ? 2 : 5;
    years.forEach((year, i) => {
      if (i % every === 0)
        out.push(`<text x="${fx(xAt(year))}" y="${top + panelH + 16}" text-anchor="middle" font-size="10" fill="#555555">${year}</text>`);
    });
    out.push(`<line x1="${x0}" x2="${x0 + panelW}" y1="${top + panelH}" y2="${top + panelH}" stroke="#555555"/>`);
    partners.forEach((partner, p) => {
      const colour = PALETTE[p % PALETTE.length]!;
      for (const measure of ['of_focus_international', 'of_partner_international'] as const) {
        const series = shown.filter((r) => r.basis === basis && r.partner === partner && r.measure === measure && r.share !== null);
        if (series.length === 0) continue;
        const upper = series.map((r) => `${fx(xAt(r.year))},${fx(yAt(r.ci_high!))}`);
        const lower = series.map((r) => `${fx(xAt(r.year))},${fx(yAt(r.ci_low!))}`).reverse();
        const dash = measure === 'of_partner_international' ? ' stroke-dasharray="6 4"' : '';
        out.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${colour}" fill-opacity="0.1"/>`);
        out.push(
          `<polyline class="line" data-partner="${esc(partner)}" data-measure="${measure}" points="${series.map((r) => `${fx(xAt(r.year))},${fx(yAt(r.share!))}`).join(' ')}" ` +
            `fill="none" stroke="${colour}" stroke-width="2"${dash}/>`,
        );
        for (const r of series) {
          out.push(
            `<circle class="point" data-year="${r.year}" data-share="${r.share}" cx="${fx(xAt(r.year))}" cy="${fx(yAt(r.share!))}" r="3" fill="${colour}">` +
              `<title>${r.year}: ${r.papers} of ${r.of} (${(100 * r.share!).toFixed(1)}%, 95% CI ${(100 * r.ci_low!).toFixed(1)}-${(100 * r.ci_high!).toFixed(1)}%)</title></circle>`,
          );
        }
      }
    });
    out.push('</g>');
  });
  out.push(
    `<text x="${width / 2}" y="${top + panelH + 36}" text-anchor="middle" font-size="12">Year of publication; bands: 95% intervals (Wilson)</text>`,
  );
  legend.forEach((l, i) => {
    const y = legendY + i * 18;
    out.push(
      `<line x1="${lefts[0]}" x2="${lefts[0]! + 30}" y1="${y - 4}" y2="${y - 4}" stroke="${l.colour}" stroke-width="2"${l.dash ? ' stroke-dasharray="6 4"' : ''}/>` +
        `<text x="${lefts[0]! + 38}" y="${y}" font-size="12">${esc(l.text)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
