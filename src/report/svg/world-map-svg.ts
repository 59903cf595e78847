import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countryCodes from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { esc } from '../../text/xml-escape.js';
import { fx, textWidth } from './svg-text.js';

/** Natural Earth 1:110m countries from the world-atlas package: read from disk, no network. */
function worldFeatures(): Feature<Geometry, { name: string }>[] {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
  const fc = feature(topology, topology.objects.countries as GeometryCollection<{ name: string }>) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  return fc.features;
}

let cached: Feature<Geometry, { name: string }>[] | null = null;

export interface MapCountry {
  code: string;
  name: string;
  papers: number;
}

export interface MapLink {
  a: string;
  b: string;
  papers: number;
}

/** Lines of at most `width` pixels, breaking between items. */
function wrap(items: readonly string[], width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line}, ${item}` : item;
    if (line && textWidth(next, size) > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Round numbers for the legend's ticks: 1, 10, 100, ... up to the largest, and the largest. */
function legendTicks(max: number): number[] {
  const ticks = [1];
  for (let t = 10; t < max; t *= 10) ticks.push(t);
  if (max > 1) ticks.push(max);
  return ticks;
}

/**
 * The world map of collaboration: countries shaded by papers (log scale, with a legend), a
 * curve for each of the strongest links, width by co-authored papers. Curves are drawn in the
 * map's plane rather than along great circles: a great circle over the Pacific or the pole
 * leaves the map's edge and comes back on the other side, and the study's key link (the US and
 * China) would be two stubs. Countries too small for the 1:110m map (Singapore, Hong Kong, ...)
 * are all listed under it rather than drawn.
 */
export function worldMapSvg(countries: readonly MapCountry[], links: readonly MapLink[], title: string, maxArcs = 30): string {
  cached ??= worldFeatures();
  const width = 960;
  const mapBottom = 510;
  const projection = geoEqualEarth().fitExtent(
    [
      [10, 40],
      [width - 10, mapBottom],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(2);
  const papers = new Map(countries.map((c) => [c.code, c]));
  const maxPapers = Math.max(1, ...countries.map((c) => c.papers));
  const shade = (n: number): string => {
    const t = Math.log1p(n) / Math.log1p(maxPapers);
    const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
    return `rgb(${mix(222, 8)},${mix(235, 48)},${mix(247, 107)})`;
  };
  const drawn = new Set<string>();
  const centroid = new Map<string, [number, number]>();
  const shapes: string[] = [];
  for (const f of cached) {
    const alpha2 = countryCodes.numericToAlpha2(String(f.id).padStart(3, '0'));
    const c = alpha2 ? papers.get(alpha2) : undefined;
    if (alpha2) centroid.set(alpha2, geoCentroid(f));
    if (c) drawn.add(c.code);
    shapes.push(
      `<path class="country${c ? ' with-papers' : ''}"${c ? ` data-code="${esc(c.code)}" data-papers="${c.papers}"` : ''} d="${path(f) ?? ''}" ` +
        `fill="${c ? shade(c.papers) : '#eeeeee'}" stroke="#ffffff" stroke-width="0.5">` +
        `<title>${esc(c ? `${c.name}: ${c.papers} papers` : f.properties.name)}</title></path>`,
    );
  }
  const missing = countries.filter((c) => c.papers > 0 && !drawn.has(c.code));
  const note = missing.length > 0 ? wrap([...missing.map((c) => `${c.name} (${c.papers})`)], width - 28, 11) : [];
  if (note.length > 0) note[0] = `Too small for the map: ${note[0]}`;
  const legendY = mapBottom + 18;
  const height = legendY + 44 + note.length * 15;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="worldmap">`,
    `<title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(title)}</text>`,
    `<path class="sphere" d="${path({ type: 'Sphere' })}" fill="#f7fbff" stroke="#cccccc"/>`,
    ...shapes,
  ];
  const strongest = [...links]
    .sort((p, q) => q.papers - p.papers || (p.a + p.b < q.a + q.b ? -1 : 1))
    .filter((l) => centroid.has(l.a) && centroid.has(l.b))
    .slice(0, maxArcs);
  const maxLink = Math.max(1, ...strongest.map((l) => l.papers));
  // Inside the map's outline (convex): a projected point whose inverse is a place on the globe.
  const onMap = ([x, y]: [number, number]) => {
    const back = projection.invert?.([x, y]);
    return !!back && Number.isFinite(back[0]) && Math.abs(back[0]) <= 180 && Math.abs(back[1]) <= 90;
  };
  for (const l of strongest) {
    const [a, b] = [projection(centroid.get(l.a)!)!, projection(centroid.get(l.b)!)!];
    // A curve bowed northwards in the plane of the map, never across its edge: its control point
    // stays inside the outline, so the whole curve does (it lies in the triangle of its three points).
    let bow = 0.2;
    let control: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    for (; bow > 0.01; bow /= 2) {
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const sign = dx >= 0 ? -1 : 1; // the left normal of a chord drawn eastwards points north
      const candidate: [number, number] = [(a[0] + b[0]) / 2 - sign * dy * bow, (a[1] + b[1]) / 2 + sign * dx * bow];
      if (onMap(candidate)) {
        control = candidate;
        break;
      }
    }
    const d = `M${fx(a[0])},${fx(a[1])}Q${fx(control[0])},${fx(control[1])} ${fx(b[0])},${fx(b[1])}`;
    out.push(
      `<path class="arc" data-a="${esc(l.a)}" data-b="${esc(l.b)}" data-papers="${l.papers}" d="${d}" fill="none" stroke="#e15759" ` +
        `stroke-opacity="0.6" stroke-width="${fx(0.5 + 5 * Math.sqrt(l.papers / maxLink))}"><title>${esc(l.a)}-${esc(l.b)}: ${l.papers} papers</title></path>`,
    );
  }
  // The legend: the shading's log scale as steps with round values, and the arcs' width.
  const barX = 14;
  const barW = 260;
  const at = (n: number) => barX + (barW * Math.log1p(n)) / Math.log1p(maxPapers);
  // A round tick too close to the largest value would print over it.
  const ticks = legendTicks(maxPapers).filter((t) => t === maxPapers || at(maxPapers) - at(t) >= 30);
  out.push(`<g class="legend"><text x="${barX}" y="${legendY}" font-size="11" fill="#333333">Papers per country (log scale)</text>`);
  for (let i = 0; i < 20; i++) {
    const n = Math.expm1((Math.log1p(maxPapers) * (i + 0.5)) / 20);
    out.push(`<rect x="${fx(barX + (barW * i) / 20)}" y="${legendY + 6}" width="${fx(barW / 20 + 0.5)}" height="10" fill="${shade(n)}"/>`);
  }
  for (const t of ticks) {
    out.push(
      `<line x1="${fx(at(t))}" x2="${fx(at(t))}" y1="${legendY + 16}" y2="${legendY + 20}" stroke="#333333"/>` +
        `<text class="tick" x="${fx(at(t))}" y="${legendY + 31}" font-size="10" text-anchor="middle" fill="#333333">${t.toLocaleString('en-US')}</text>`,
    );
  }
  out.push(
    `<line x1="${barX + barW + 40}" x2="${barX + barW + 70}" y1="${legendY + 11}" y2="${legendY + 11}" stroke="#e15759" stroke-opacity="0.6" stroke-width="5.5"/>` +
      `<text x="${barX + barW + 76}" y="${legendY + 15}" font-size="11" fill="#333333">${esc(
        `arcs: the ${strongest.length} strongest links; widest = ${maxLink.toLocaleString('en-US')} co-authored papers`,
      )}</text></g>`,
  );
  note.forEach((line, i) =>
    out.push(`<text class="missing" x="14" y="${legendY + 52 + i * 15}" font-size="11" fill="#555555">${esc(line)}</text>`),
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}
