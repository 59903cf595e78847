import Random from 'java-random';
import { Clustering, GradientDescentVOSLayoutAlgorithm, Layout, LeidenAlgorithm, Network } from 'networkanalysis-ts';
import { components } from './components.js';
import type { CountryNetwork, NetworkEdge } from './network-data.js';

export interface PlacedNetwork extends CountryNetwork {
  x: number[];
  y: number[];
  cluster: number[];
  /** Nodes with no link drawn: placed in a row under the linked ones. */
  isolated: boolean[];
}

/** The association-strength normalised network on some nodes (numbered by their place in `nodes`). */
function normalised(nodes: readonly number[], edges: readonly NetworkEdge[]): Network {
  const local = new Map(nodes.map((v, i) => [v, i]));
  const inside = edges.filter((e) => local.has(e.a) && local.has(e.b));
  // Each undirected edge once; the library adds the reverse direction.
  return new Network({
    nNodes: nodes.length,
    setNodeWeightsToTotalEdgeWeights: true,
    edges: [inside.map((e) => local.get(e.a)!), inside.map((e) => local.get(e.b)!)],
    edgeWeights: inside.map((e) => e.papers),
    sortedEdges: false,
    checkIntegrity: true,
  }).createNormalizedNetworkUsingAssociationStrength();
}

/** Leiden clusters, best quality of several starts, numbered by size. */
function clusters(network: Network, random: Random, resolution: number, starts: number): number[] {
  const leiden = new LeidenAlgorithm();
  leiden.initializeBasedOnResolutionAndNIterationsAndRandomnessAndRandom(resolution, 50, 0.01, random);
  let best: Clustering | null = null;
  let bestQuality = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < starts; i++) {
    const c = new Clustering({ nNodes: network.getNNodes() });
    leiden.improveClustering(network, c);
    const q = leiden.calcQuality(network, c);
    if (q > bestQuality) [best, bestQuality] = [c, q];
  }
  best!.orderClustersByNNodes();
  return best!.getClusters().slice();
}

/** The VOS layout of one connected component, best of several starts, standardised (centred, mean distance 1). */
function vosLayout(network: Network, random: Random, starts: number): [number[], number[]] {
  const vos = new GradientDescentVOSLayoutAlgorithm();
  vos.initializeBasedOnRandom(random);
  let layout: Layout | null = null;
  let layoutQuality = Number.POSITIVE_INFINITY;
  for (let i = 0; i < starts; i++) {
    const l = new Layout({ nNodes: network.getNNodes(), random });
    vos.improveLayout(network, l);
    const q = vos.calcQuality(network, l);
    if (q < layoutQuality) [layout, layoutQuality] = [l, q];
  }
  layout!.standardize(true);
  return [layout!.coordinates[0]!.slice(), layout!.coordinates[1]!.slice()];
}

/**
 * Clusters (Leiden) and places (VOS layout) the network as VOSviewer does: on the association-
 * strength normalised links, best of several random starts from a fixed seed, so the same data
 * always gives the same picture.
 *
 * The VOS layout keeps nodes one average distance apart, so a node with no link, laid out with
 * the others, flies off and squeezes every linked node onto one point. Each connected component
 * is therefore laid out alone: the largest where VOS puts it, smaller ones beside it (scaled by
 * their size), and nodes without a link in rows underneath.
 */
export function placeNetwork(net: CountryNetwork, options: { seed?: number; resolution?: number; starts?: number } = {}): PlacedNetwork {
  const n = net.nodes.length;
  const x = new Array<number>(n).fill(0);
  const y = new Array<number>(n).fill(0);
  const cluster = new Array<number>(n).fill(0);
  const isolated = new Array<boolean>(n).fill(false);
  const groups = components(n, net.edges);
  const linked = groups.filter((g) => g.length > 1);
  const alone = groups.filter((g) => g.length === 1).map((g) => g[0]!);
  for (const v of alone) isolated[v] = true;
  if (linked.length === 0) {
    // No links: a circle, one cluster per node.
    net.nodes.forEach((_, i) => {
      [x[i], y[i], cluster[i]] = [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n), i];
    });
    return { ...net, x, y, cluster, isolated };
  }
  const random = new Random(options.seed ?? 42);
  const starts = options.starts ?? 10;
  const withLinks = linked.flat().sort((a, b) => a - b);
  const found = clusters(normalised(withLinks, net.edges), random, options.resolution ?? 1, starts);
  withLinks.forEach((v, i) => (cluster[v] = found[i]!));
  let nextCluster = Math.max(...found) + 1;
  for (const v of alone) cluster[v] = nextCluster++;

  const [mainX, mainY] = vosLayout(normalised(linked[0]!, net.edges), random, starts);
  linked[0]!.forEach((v, i) => ([x[v], y[v]] = [mainX[i]!, mainY[i]!]));
  const box = bounds(linked[0]!, x, y);
  const gap = 0.25 * Math.max(box.x1 - box.x0, box.y1 - box.y0, 1);
  // Smaller components in a column to the right of the largest, each scaled by its share of nodes.
  let top = box.y0;
  for (const g of linked.slice(1)) {
    const [gx, gy] = vosLayout(normalised(g, net.edges), random, starts);
    const s = Math.sqrt(g.length / linked[0]!.length);
    const [minX, minY] = [Math.min(...gx), Math.min(...gy)];
    g.forEach((v, i) => ([x[v], y[v]] = [box.x1 + gap + (gx[i]! - minX) * s, top + (gy[i]! - minY) * s]));
    top += (Math.max(...gy) - minY) * s + gap;
  }
  // Nodes without a link: rows under everything, in the order of the nodes (by papers).
  if (alone.length > 0) {
    const all = bounds(withLinks, x, y);
    const perRow = Math.max(4, Math.ceil(Math.sqrt(3 * alone.length)));
    const step = Math.max((all.x1 - all.x0) / (perRow - 1), gap);
    alone.forEach((v, i) => ([x[v], y[v]] = [all.x0 + (i % perRow) * step, all.y1 + (gap / 2) * (1 + Math.floor(i / perRow))]));
  }
  return { ...net, x, y, cluster, isolated };
}

function bounds(nodes: readonly number[], x: readonly number[], y: readonly number[]) {
  const xs = nodes.map((v) => x[v]!);
  const ys = nodes.map((v) => y[v]!);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}
