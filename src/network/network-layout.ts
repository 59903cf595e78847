import Random from 'java-random';
import { Clustering, GradientDescentVOSLayoutAlgorithm, Layout, LeidenAlgorithm, Network } from 'networkanalysis-ts';
import type { CountryNetwork } from './network-data.js';

export interface PlacedNetwork extends CountryNetwork {
  x: number[];
  y: number[];
  cluster: number[];
}

/**
 * Clusters (Leiden) and places (VOS layout) the network as VOSviewer does: on the association-
 * strength normalised links, best of several random starts from a fixed seed, so the same data
 * always gives the same picture.
 */
export function placeNetwork(net: CountryNetwork, options: { seed?: number; resolution?: number; starts?: number } = {}): PlacedNetwork {
  const n = net.nodes.length;
  if (n === 0) return { ...net, x: [], y: [], cluster: [] };
  if (net.edges.length === 0) {
    // No links: a circle, one cluster per node.
    return {
      ...net,
      x: net.nodes.map((_, i) => Math.cos((2 * Math.PI * i) / n)),
      y: net.nodes.map((_, i) => Math.sin((2 * Math.PI * i) / n)),
      cluster: net.nodes.map((_, i) => i),
    };
  }
  // Each undirected edge once; the library adds the reverse direction.
  const edges = [net.edges.map((e) => e.a), net.edges.map((e) => e.b)];
  const weights = net.edges.map((e) => e.papers);
  const network = new Network({
    nNodes: n,
    setNodeWeightsToTotalEdgeWeights: true,
    edges,
    edgeWeights: weights,
    sortedEdges: false,
    checkIntegrity: true,
  });
  const normalised = network.createNormalizedNetworkUsingAssociationStrength();
  const random = new Random(options.seed ?? 42);
  const starts = options.starts ?? 10;

  const leiden = new LeidenAlgorithm();
  leiden.initializeBasedOnResolutionAndNIterationsAndRandomnessAndRandom(options.resolution ?? 1, 50, 0.01, random);
  let best: Clustering | null = null;
  let bestQuality = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < starts; i++) {
    const c = new Clustering({ nNodes: n });
    leiden.improveClustering(normalised, c);
    const q = leiden.calcQuality(normalised, c);
    if (q > bestQuality) [best, bestQuality] = [c, q];
  }
  best!.orderClustersByNNodes();

  const vos = new GradientDescentVOSLayoutAlgorithm();
  vos.initializeBasedOnRandom(random);
  let layout: Layout | null = null;
  let layoutQuality = Number.POSITIVE_INFINITY;
  for (let i = 0; i < starts; i++) {
    const l = new Layout({ nNodes: n, random });
    vos.improveLayout(normalised, l);
    const q = vos.calcQuality(normalised, l);
    if (q < layoutQuality) [layout, layoutQuality] = [l, q];
  }
  layout!.standardize(true);
  return { ...net, x: layout!.coordinates[0]!.slice(), y: layout!.coordinates[1]!.slice(), cluster: best!.getClusters().slice() };
}
