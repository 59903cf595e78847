/** Fixed decimals, so the same numbers always print the same SVG. */
export function fx(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** Cluster colours (VOSviewer's first ten), then grey. */
export const PALETTE = ['#d62728', '#2ca02c', '#1f77b4', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

export function clusterColour(c: number): string {
  return PALETTE[c] ?? '#999999';
}

/** A rough text width for a sans-serif font, enough to keep labels from overlapping. */
export function textWidth(s: string, size: number): number {
  return s.length * size * 0.6;
}
