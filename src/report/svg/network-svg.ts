import type { PlacedNetwork } from '../../network/network-layout.js';
import { esc } from '../../text/xml-escape.js';
import { clusterColour, fx, textWidth } from './svg-text.js';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The country co-authorship network as SVG: edge width by co-authored papers, node size by number
 * of partner countries, colour by cluster, dashed edges between clusters, labels placed where
 * they overlap no other label or node (right, left, above, below, then further out).
 */
export function networkSvg(net: PlacedNetwork, title: string, size = { width: 900, height: 700 }): string {
  const { width, height } = size;
  const margin = 70;
  const xs = net.x;
  const ys = net.y;
  const [minX, maxX] = [Math.min(...xs, 0), Math.max(...xs, 0)];
  const [minY, maxY] = [Math.min(...ys, 0), Math.max(...ys, 0)];
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1e-9), (height - 2 * margin - 30) / Math.max(maxY - minY, 1e-9));
  const px = (i: number): number => margin + (xs[i]! - minX) * scale + (width - 2 * margin - (maxX - minX) * scale) / 2;
  const py = (i: number): number => margin + 30 + (ys[i]! - minY) * scale;
  const maxPartners = Math.max(1, ...net.nodes.map((n) => n.partners));
  const radius = (i: number): number => 5 + 20 * Math.sqrt(net.nodes[i]!.partners / maxPartners);
  const maxPapers = Math.max(1, ...net.edges.map((e) => e.papers));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" class="network">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">${esc(title)}</text>`,
  ];
  const edges = [...net.edges].sort((p, q) => p.papers - q.papers || p.a - q.a || p.b - q.b);
  for (const e of edges) {
    const between = net.cluster[e.a] !== net.cluster[e.b];
    const w = 0.5 + 7 * Math.sqrt(e.papers / maxPapers);
    const colour = between ? '#9a9a9a' : clusterColour(net.cluster[e.a]!);
    out.push(
      `<line class="edge${between ? ' between' : ''}" data-a="${esc(net.nodes[e.a]!.code)}" data-b="${esc(net.nodes[e.b]!.code)}" data-papers="${e.papers}" ` +
        `x1="${fx(px(e.a))}" y1="${fx(py(e.a))}" x2="${fx(px(e.b))}" y2="${fx(py(e.b))}" stroke="${colour}" stroke-opacity="0.55" ` +
        `stroke-width="${fx(w)}"${between ? ' stroke-dasharray="6 4"' : ''}><title>${esc(net.nodes[e.a]!.code)}-${esc(net.nodes[e.b]!.code)}: ${e.papers} papers</title></line>`,
    );
  }
  const placed: Box[] = net.nodes.map((_, i) => ({
    x0: px(i) - radius(i),
    y0: py(i) - radius(i),
    x1: px(i) + radius(i),
    y1: py(i) + radius(i),
  }));
  const labels: string[] = [];
  // Larger nodes choose their label place first.
  const order = net.nodes.map((_, i) => i).sort((a, b) => net.nodes[b]!.papers - net.nodes[a]!.papers || a - b);
  for (const i of order) {
    const n = net.nodes[i]!;
    out.push(
      `<circle class="node" data-code="${esc(n.code)}" data-papers="${n.papers}" data-partners="${n.partners}" data-cluster="${net.cluster[i]}" ` +
        `cx="${fx(px(i))}" cy="${fx(py(i))}" r="${fx(radius(i))}" fill="${clusterColour(net.cluster[i]!)}" fill-opacity="0.85" stroke="#ffffff">` +
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
        [px(i) + r + 2 + g, py(i) + fs / 3],
        [px(i) - r - 2 - w - g, py(i) + fs / 3],
        [px(i) - w / 2, py(i) - r - 3 - g],
        [px(i) - w / 2, py(i) + r + fs + g],
      );
    }
    let chosen = candidates[0]!;
    for (const [x, y] of candidates) {
      const box = { x0: x, y0: y - fs, x1: x + w, y1: y + 2 };
      if (!placed.some((b, j) => j !== i && overlaps(box, b)) && box.x0 >= 0 && box.x1 <= width && box.y0 >= 0 && box.y1 <= height) {
        chosen = [x, y];
        break;
      }
    }
    placed.push({ x0: chosen[0], y0: chosen[1] - fs, x1: chosen[0] + w, y1: chosen[1] + 2 });
    labels.push(`<text class="label" x="${fx(chosen[0])}" y="${fx(chosen[1])}" font-size="${fx(fs)}" fill="#222222">${esc(label)}</text>`);
  }
  out.push(...labels, '</svg>');
  return out.join('\n') + '\n';
}
