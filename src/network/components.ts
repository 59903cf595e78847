import type { NetworkEdge } from './network-data.js';

/** The connected components of a network: largest first, ties by their first node; nodes ascending within each. */
export function components(nNodes: number, edges: readonly NetworkEdge[]): number[][] {
  const parent = Array.from({ length: nNodes }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const e of edges) {
    const [a, b] = [root(e.a), root(e.b)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < nNodes; i++) {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  }
  return [...groups.values()].sort((p, q) => q.length - p.length || p[0]! - q[0]!);
}
