import { createHash } from 'node:crypto';
import type { BarRow } from '../analysis/study/study-measures.js';
import type { BreakRow, TrendRow } from '../analysis/study/trend.js';
import { capitalise, countryInText, points } from '../countries/country-words.js';
import { esc } from '../text/xml-escape.js';

interface SectionHead {
  field: string;
  period: string;
  folder: string;
}

/** A field and period the report cannot answer: the page says why where the figures would be. */
export interface EmptySection extends SectionHead {
  empty: string;
}

export interface FullSection extends SectionHead {
  empty?: undefined;
  /** What is empty inside the field (a focal country or partner without a paper). */
  notes: string[];
  networkSvg: string;
  barsSvg: string;
  bars: BarRow[];
  minBarPapers: number;
  worldMapSvg: string;
  /** Absent when no year has a share to draw. */
  trendSvg?: string;
  trend: TrendRow[];
  comparison?: BreakRow[];
  sentences: string[];
  countries: { country: string; name: string; papers: number; articles: number; scp: number; mcp: number }[];
  files: string[];
}

export type FieldSection = EmptySection | FullSection;

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
h2 small { color: #777; font-weight: normal; }
figure { margin: 1em 0; } figcaption { font-size: 0.85em; color: #555; }
svg { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1.5em; } td, th { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: right; }
td:first-child, th:first-child { text-align: left; }
.warning, .empty { background: #fff4e5; border-left: 4px solid #e8a33d; padding: 0.5em 1em; }
.picker { margin: 1em 0; } .picker label { margin-right: 1.5em; }
@media print { .picker, .toc { display: none; } section.field { break-before: page; } }
`;

/** Shows the sections of the field and period picked; without script every section shows. */
const SCRIPT = `
const field = document.getElementById('pick-field');
const period = document.getElementById('pick-period');
const show = () => {
  for (const s of document.querySelectorAll('section.field')) {
    s.hidden = (field.value !== '' && s.dataset.field !== field.value) || (period.value !== '' && s.dataset.period !== period.value);
  }
};
field.addEventListener('change', show);
period.addEventListener('change', show);
document.getElementById('picker').hidden = false;
show();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
/** Nothing from the network and no script but the page's own: the browser refuses anything else. */
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const ci = (lo: number | null, hi: number | null) => (lo === null ? '' : `${(100 * lo).toFixed(1)}–${(100 * hi!).toFixed(1)}`);
const num = (n: number) => n.toLocaleString('en-US');
const signed = (x: number | null) => (x === null ? '–' : points(x));

function barsTable(s: FullSection): string {
  const rows = s.bars
    .map(
      (b) =>
        `<tr><td>${esc(b.name)}${b.articles < s.minBarPapers ? ' *' : ''}</td><td>${num(b.articles)}</td><td>${num(b.domestic)}</td><td>${num(b.withFocus)} <small>(${esc(b.focusLabel)})</small></td><td>${num(b.other)}</td></tr>`,
    )
    .join('');
  return `<table class="bar-values"><thead><tr><th>corresponding country</th><th>papers</th><th>domestic</th><th>with the focal country / partners</th><th>with other countries only</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function trendTable(rows: readonly TrendRow[]): string {
  const key = (r: TrendRow) => `${r.basis}|${r.partner}|${r.year}`;
  const byKey = new Map<string, Partial<Record<TrendRow['measure'], TrendRow>>>();
  for (const r of rows) byKey.set(key(r), { ...byKey.get(key(r)), [r.measure]: r });
  const body = [...byKey.values()]
    .map((m) => {
      const f = m.of_focus_international!;
      const p = m.of_partner_international!;
      return `<tr><td>${f.basis}</td><td>${esc(f.partner)}</td><td>${f.year}</td><td>${num(f.papers)}</td><td>${num(f.of)}</td><td>${pct(f.share)}</td><td>${ci(f.ci_low, f.ci_high)}</td><td>${num(p.of)}</td><td>${pct(p.share)}</td><td>${ci(p.ci_low, p.ci_high)}</td></tr>`;
    })
    .join('');
  return `<table class="trend-values"><thead><tr><th>basis</th><th>partner</th><th>year</th><th>papers together</th><th>focal country's international papers</th><th>share</th><th>95% CI</th><th>partner's international papers</th><th>share</th><th>95% CI</th></tr></thead><tbody>${body}</tbody></table>`;
}

function breakTable(rows: readonly BreakRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${r.basis}</td><td>${esc(r.partner)}</td><td>${esc(r.measure.replace(/_/g, ' '))}</td><td>${pct(r.before_share)} <small>(${num(r.before_papers)}/${num(r.before_of)})</small></td><td>${pct(r.after_share)} <small>(${num(r.after_papers)}/${num(r.after_of)})</small></td><td>${signed(r.difference)}</td><td>${r.difference_low === null ? '' : `${signed(r.difference_low)} to ${signed(r.difference_high)}`}</td><td>${r.z === null ? '–' : r.z.toFixed(2)}</td><td>${r.p_value === null ? '–' : r.p_value < 0.001 ? '&lt; 0.001' : r.p_value.toFixed(3)}</td></tr>`,
    )
    .join('');
  const [first] = rows;
  return `<table class="break-values"><thead><tr><th>basis</th><th>partner</th><th>share</th><th>${esc(first?.before ?? 'before')}</th><th>${esc(first?.after ?? 'after')}</th><th>difference (points)</th><th>95% CI</th><th>z</th><th>p</th></tr></thead><tbody>${body}</tbody></table>`;
}

function fullSection(s: FullSection): string {
  const partners = [...new Set(s.trend.map((r) => r.partner))];
  const focal = s.trend[0]?.focus;
  return `
  ${s.notes.map((n) => `<p class="warning">${esc(n)}</p>`).join('\n  ')}
  <ul class="sentences">${s.sentences.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>
  <figure class="network-figure">${s.networkSvg}<figcaption>Country co-authorship network: edge width = co-authored papers, node size = partner countries, colour = cluster (Leiden on association strength), dashed = links between clusters. Countries with no link to the others shown are in a row at the bottom; labels that found no room are named under the figure.</figcaption></figure>
  <figure class="bars-figure">${s.barsSvg}<figcaption>Papers by corresponding country, whole counting: the number in parentheses counts the papers whose corresponding author gives an address in the country (the countries table counts every paper with the country). Segments: domestic, with the focal country (on its own bar: with its partners), with other countries only. Bars of fewer than ${s.minBarPapers} papers are hatched and starred below.</figcaption></figure>
  ${barsTable(s)}
  ${
    s.trendSvg
      ? `<figure class="trend-figure">${s.trendSvg}<figcaption>Year by year, from the cube's year rows: the share of each side's international papers that the pair co-authored, with 95% Wilson intervals; left every author address, right each author's first address only (visiting affiliations left out).</figcaption></figure>
  ${trendTable(s.trend)}`
      : `<p class="empty">No trend to draw: ${esc(focal ? `${countryInText(focal)} and ${partners.map(countryInText).join(', ')}` : 'the countries asked')} have no international paper in any year of ${esc(s.period)}.</p>`
  }
  ${s.comparison ? breakTable(s.comparison) : ''}
  <figure class="map-figure">${s.worldMapSvg}<figcaption>Countries shaded by papers (log scale, see the legend); curves: the 30 strongest links, width by co-authored papers.</figcaption></figure>
  <table class="countries"><thead><tr><th>country</th><th>papers</th><th>as corresponding country</th><th>SCP</th><th>MCP</th></tr></thead><tbody>
  ${s.countries.map((c) => `<tr><td>${esc(c.name)} (${esc(c.country)})</td><td>${num(c.papers)}</td><td>${num(c.articles)}</td><td>${num(c.scp)}</td><td>${num(c.mcp)}</td></tr>`).join('\n  ')}
  </tbody></table>
  <p class="files">Tables: ${s.files.map((f) => `<a href="${esc(s.folder)}/${esc(f)}">${esc(f)}</a>`).join(' · ')}</p>`;
}

/**
 * One self-contained page (SVGs inline, no network) that opens from disk in any browser, with a
 * field and period picker. Its content security policy lets nothing load and no script run but
 * the picker's own, so a field name or an address cannot make the page do anything.
 */
export function htmlPage(title: string, sections: readonly FieldSection[], generated: string): string {
  const id = (s: FieldSection) => s.folder.replace(/\//g, '--');
  const fields = [...new Set(sections.map((s) => s.field))];
  const periods = [...new Set(sections.map((s) => s.period))];
  const option = (v: string) => `<option value="${esc(v)}">${esc(v)}</option>`;
  const toc = sections
    .map(
      (s) =>
        `<li><a href="#${esc(id(s))}">${esc(s.field)}</a>${periods.length > 1 ? ` <small>${esc(s.period)}</small>` : ''}${s.empty ? ' <small>(empty)</small>' : ''}</li>`,
    )
    .join('\n');
  const body = sections
    .map(
      (s) => `
<section id="${esc(id(s))}" class="field${s.empty ? ' empty-field' : ''}" data-field="${esc(s.field)}" data-period="${esc(s.period)}">
  <h2>${esc(s.field)} <small>${esc(s.period)}</small></h2>
  ${s.empty === undefined ? fullSection(s) : `<p class="empty">${esc(capitalise(s.empty))}: nothing to draw.</p>`}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p>Generated by coauth on ${esc(generated)}.</p>
<form id="picker" class="picker" hidden>
<label>Field <select id="pick-field"><option value="">every field</option>${fields.map(option).join('')}</select></label>
<label>Period <select id="pick-period">${periods.length > 1 ? '<option value="">every period</option>' : ''}${periods.map(option).join('')}</select></label>
</form>
<ul class="toc">${toc}</ul>
${body}
<script>${SCRIPT}</script>
</body></html>
`;
}
