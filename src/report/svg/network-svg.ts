import type { PlacedNetwork } from '../../network/network-layout.js';
import { esc } from '../../text/xml-escape.js';
import { clusterColour, fx, textBox, textWidth } from './svg-text.js';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Pushes overlapping discs apart inside the frame; where they cannot all fit, every disc is made
 * smaller and the pushing starts again. Returns the radius scale that fits.
 */
function separate(px: number[], py: number[], r: (i: number) => number, frame: Box): number {
  const n = px.length;
  const [x0, y0] = [px.slice(), py.slice()];
  for (let scale = 1; scale > 0.2; scale *= 0.85) {
    for (let i = 0; i < n; i++) [px[i], py[i]] = [x0[i]!, y0[i]!];
    for (let round = 0; round < 300; round++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const need = (r(i) + r(j)) * scale + 3;
          let [dx, dy] = [px[j]! - px[i]!, py[j]! - py[i]!];
          let d = Math.hypot(dx, dy);
          if (d >= need) continue;
          // Nodes on one point go apart along a direction fixed by their numbers.
          if (d < 1e-6) [dx, dy, d] = [Math.cos(i + j), Math.sin(i + j), 1];
          const push = (need - d) / 2 + 0.01;
          px[i] = px[i]! - (dx / d) * push;
          py[i] = py[i]! - (dy / d) * push;
          px[j] = px[j]! + (dx / d) * push;
          py[j] = py[j]! + (dy / d) * push;
          moved = true;
        }
      }
      for (let i = 0; i < n; i++) {
        const ri = r(i) * scale;
        px[i] = Math.min(Math.max(px[i]!, frame.x0 + ri), frame.x1 - ri);
        py[i] = Math.min(Math.max(py[i]!, frame.y0 + ri), frame.y1 - ri);
      }
      if (!moved) return scale;
    }
  }
  return 0.2;
}

/**
 * The country co-authorship network as SVG: edge width by co-authored papers, node size by number
 * of partner countries, colour by cluster, dashed edges between clusters. Discs never overlap;
 * labels go where they overlap no other label or disc (right, left, above, below, then further
 * out), and a label with no such place is left out and named in a note under the figure, as are the countries in the bottom row (no link drawn).
 */
export function networkSvg(net: PlacedNetwork, title: string, size = { width: 900, height: 700 }): string {
  const { width, height } = size;
  const margin = 70;
  const top = 60;
  const xs = net.x;
  const ys = net.y;
  const [minX, maxX] = [Math.min(...xs, 0), Math.max(...xs, 0)];
  const [minY, maxY] = [Math.min(...ys, 0), Math.max(...ys, 0)];
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1e-9), (height - margin - top - 24) / Math.max(maxY - minY, 1e-9));
  const px = xs.map((x) => margin + (x - minX) * scale + (width - 2 * margin - (maxX - minX) * scale) / 2);
  const py = ys.map((y) => top + (y - minY) * scale);
  const maxPartners = Math.max(1, ...net.nodes.map((n) => n.partners));
  const baseRadius = (i: number): number => 5 + 20 * Math.sqrt(net.nodes[i]!.partners / maxPartners);
  // The bottom line is kept for the note on what could not be labelled.
  const bottom = height - 24;
  const shrink = separate(px, py, baseRadius, { x0: 4, y0: top - 20, x1: width - 4, y1: bottom });
  const radius = (i: number): number => baseRadius(i) * shrink;
  const maxPapers = Math.max(1, ...net.edges.map((e) => e.papers));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="network">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${width / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">${esc(title)}</text>`,
  ];
  const edges = [...net.edges].sort((p, q) => p.papers - q.papers || p.a - q.a || p.b - q.b);
  for (const e of edges) {
    const between = net.cluster[e.a] !== net.cluster[e.b];
    const w = 0.5 + 7 * Math.sqrt(e.papers / maxPapers);
    const colour = between ? '#9a9a9a' : clusterColour(net.cluster[e.a]!);
    out.push(
      `<line class="edge${between ? ' between' : ''}" data-a="${esc(net.nodes[e.a]!.code)}" data-b="${esc(net.nodes[e.b]!.code)}" data-papers="${e.papers}" ` +
        `x1="${fx(px[e.a]!)}" y1="${fx(py[e.a]!)}" x2="${fx(px[e.b]!)}" y2="${fx(py[e.b]!)}" stroke="${colour}" stroke-opacity="0.55" ` +
        `stroke-width="${fx(w)}"${between ? ' stroke-dasharray="6 4"' : ''}><title>${esc(net.nodes[e.a]!.code)}-${esc(net.nodes[e.b]!.code)}: ${e.papers} papers</title></line>`,
    );
  }
  const placed: Box[] = net.nodes.map((_, i) => ({
    x0: px[i]! - radius(i),
    y0: py[i]! - radius(i),
    x1: px[i]! + radius(i),
    y1: py[i]! + radius(i),
  }));
  const labels: string[] = [];
  const unlabelled: string[] = [];
  // Larger nodes choose their label place first.
  const order = net.nodes.map((_, i) => i).sort((a, b) => net.nodes[b]!.papers - net.nodes[a]!.papers || a - b);
  const inFrame = (b: Box) => b.x0 >= 0 && b.x1 <= width && b.y0 >= 36 && b.y1 <= bottom;
  for (const i of order) {
    const n = net.nodes[i]!;
    out.push(
      `<circle class="node${net.isolated[i] ? ' isolated' : ''}" data-code="${esc(n.code)}" data-papers="${n.papers}" data-partners="${n.partners}" data-cluster="${net.cluster[i]}" ` +
        `cx="${fx(px[i]!)}" cy="${fx(py[i]!)}" r="${fx(radius(i))}" fill="${clusterColour(net.cluster[i]!)}" fill-opacity="0.85" stroke="#ffffff">` +
        `<title>${esc(n.name)}: ${n.papers} papers, ${n.partners} partner countries</title></circle>`,
    );
    const label = n.code;
    const fs = 11 + 5 * Math.sqrt(n.papers / Math.max(1, net.nodes[order[0]!]!.papers));
    const w = textWidth(label, fs);
    const r = radius(i);
    const candidates: [number, number][] = [];
    for (const d of [0, 1, 2, 3]) {
      const g = d * fs;
      candidates.push(
        [px[i]! + r + 2 + g, py[i]! + fs / 3],
        [px[i]! - r - 2 - w - g, py[i]! + fs / 3],
        [px[i]! - w / 2, py[i]! - r - 0.3 * fs - g],
        [px[i]! - w / 2, py[i]! + r + fs + g],
      );
    }
    const free = candidates
      .map(([x, y]) => ({ x, y, box: textBox(x, y, w, fs) }))
      .find(({ box }) => inFrame(box) && !placed.some((b, j) => j !== i && overlaps(box, b)));
    if (!free) {
      unlabelled.push(n.code);
      continue;
    }
    placed.push(free.box);
    labels.push(`<text class="label" x="${fx(free.x)}" y="${fx(free.y)}" font-size="${fx(fs)}" fill="#222222">${esc(label)}</text>`);
  }
  const isolated = net.nodes.filter((_, i) => net.isolated[i]).map((n) => n.code);
  const note = [
    ...(isolated.length ? [`Bottom row: no link to the others shown (${isolated.join(', ')}).`] : []),
    ...(unlabelled.length ? [`Not labelled for lack of room: ${unlabelled.join(', ')}.`] : []),
  ].join(' ');
  if (note) out.push(`<text class="note" x="10" y="${height - 8}" font-size="11" fill="#555555">${esc(note)}</text>`);
  out.push(...labels, '</svg>');
  return out.join('\n') + '\n';
}
