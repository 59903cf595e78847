/** Fixed decimals, so the same numbers always print the same SVG. */
export function fx(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** Cluster colours (VOSviewer's first ten), then grey. */
export const PALETTE = ['#d62728', '#2ca02c', '#1f77b4', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];

export function clusterColour(c: number): string {
  return PALETTE[c] ?? '#999999';
}

/** Advance widths of Helvetica / Arial / Liberation Sans in 1/1000 em (their AFM metrics), for ASCII. */
const WIDTHS: Record<string, number> = {
  ...Object.fromEntries([...'ABEKPSVXY'].map((c) => [c, 667])),
  ...Object.fromEntries([...'CDHNRUw'].map((c) => [c, 722])),
  ...Object.fromEntries([...'GOQ'].map((c) => [c, 778])),
  ...Object.fromEntries([...'FTZ'].map((c) => [c, 611])),
  ...Object.fromEntries([...'Mm'].map((c) => [c, 833])),
  W: 944,
  L: 556,
  J: 500,
  ...Object.fromEntries([...'Iijl.,:;!/ ft'].map((c) => [c, 278])),
  ...Object.fromEntries([...'abdeghnopqu0123456789$#?'].map((c) => [c, 556])),
  ...Object.fromEntries([...'cksvxyz'].map((c) => [c, 500])),
  ...Object.fromEntries([...'r-()[]'].map((c) => [c, 333])),
  '%': 889,
  "'": 191,
  '"': 355,
  '+': 584,
  '=': 584,
  '&': 667,
  '@': 1015,
};

/**
 * The width of a text in a sans-serif font, from Helvetica's metrics with 10% to spare: a
 * browser that falls back to a wider face (DejaVu Sans) still fits in the box.
 */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const c of s) w += WIDTHS[c] ?? 600;
  return (w / 1000) * size * 1.1;
}

/** The box a line of text takes, from its baseline: a font's ascent and descent (0.905 and 0.212 em for Liberation Sans), with room to spare. */
export function textBox(x: number, baseline: number, width: number, size: number) {
  return { x0: x, y0: baseline - 0.95 * size, x1: x + width, y1: baseline + 0.25 * size };
}

/** The text cut at its end (with "…") to fit a width. */
export function fitText(s: string, width: number, size: number): string {
  if (textWidth(s, size) <= width) return s;
  let cut = s;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
