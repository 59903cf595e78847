import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoCentroid, geoEqualEarth, geoInterpolate, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import countryCodes from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { esc } from '../../text/xml-escape.js';
import { fx } from './svg-text.js';

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

/**
 * The world map of collaboration: countries shaded by papers (log scale), arcs along great
 * circles for the strongest links, width by co-authored papers. Countries too small for the
 * 1:110m map (Singapore, Hong Kong, ...) are listed beside it rather than drawn.
 */
export function worldMapSvg(countries: readonly MapCountry[], links: readonly MapLink[], title: string, maxArcs = 30): string {
  cached ??= worldFeatures();
  const width = 960;
  const height = 520;
  const projection = geoEqualEarth().fitExtent(
    [
      [10, 40],
      [width - 10, height - 10],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(2);
  const papers = new Map(countries.map((c) => [c.code, c]));
  const byNumeric = new Map(cached.map((f) => [String(f.id), f]));
  const maxPapers = Math.max(1, ...countries.map((c) => c.papers));
  const shade = (n: number): string => {
    const t = Math.log1p(n) / Math.log1p(maxPapers);
    const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
    return `rgb(${mix(222, 8)},${mix(235, 48)},${mix(247, 107)})`;
  };
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="worldmap">`,
    `<title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(title)}</text>`,
    `<path d="${path({ type: 'Sphere' })}" fill="#f7fbff" stroke="#cccccc"/>`,
  ];
  const centroid = new Map<string, [number, number]>();
  const drawn = new Set<string>();
  for (const f of cached) {
    const alpha2 = countryCodes.numericToAlpha2(String(f.id).padStart(3, '0'));
    const c = alpha2 ? papers.get(alpha2) : undefined;
    if (alpha2) centroid.set(alpha2, geoCentroid(f));
    if (c) drawn.add(c.code);
    out.push(
      `<path class="country${c ? ' with-papers' : ''}"${c ? ` data-code="${esc(c.code)}" data-papers="${c.papers}"` : ''} d="${path(f) ?? ''}" ` +
        `fill="${c ? shade(c.papers) : '#eeeeee'}" stroke="#ffffff" stroke-width="0.5">` +
        `<title>${esc(c ? `${c.name}: ${c.papers} papers` : f.properties.name)}</title></path>`,
    );
  }
  const strongest = [...links]
    .sort((p, q) => q.papers - p.papers || (p.a + p.b < q.a + q.b ? -1 : 1))
    .filter((l) => centroid.has(l.a) && centroid.has(l.b))
    .slice(0, maxArcs);
  const maxLink = Math.max(1, ...strongest.map((l) => l.papers));
  for (const l of strongest) {
    const interpolate = geoInterpolate(centroid.get(l.a)!, centroid.get(l.b)!);
    const points = Array.from({ length: 33 }, (_, i) => projection(interpolate(i / 32)));
    if (points.some((p) => p === null)) continue;
    // A great circle that crosses the map's edge (the Pacific) continues on the other side.
    const d = points
      .map((p, i) => `${i === 0 || Math.abs(p![0] - points[i - 1]![0]) > width / 2 ? 'M' : 'L'}${fx(p![0])},${fx(p![1])}`)
      .join('');
    out.push(
      `<path class="arc" data-a="${esc(l.a)}" data-b="${esc(l.b)}" data-papers="${l.papers}" d="${d}" fill="none" stroke="#e15759" ` +
        `stroke-opacity="0.6" stroke-width="${fx(0.5 + 5 * Math.sqrt(l.papers / maxLink))}"><title>${esc(l.a)}-${esc(l.b)}: ${l.papers} papers</title></path>`,
    );
  }
  const missing = countries.filter((c) => !drawn.has(c.code)).slice(0, 6);
  if (missing.length > 0) {
    out.push(
      `<text x="14" y="${height - 14}" font-size="11" fill="#555555">${esc(`Not on the 1:110m map: ${missing.map((c) => `${c.name} (${c.papers})`).join(', ')}`)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
