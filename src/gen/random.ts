/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: entries are [item, weight]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const sums = cumulative(entries);
    const x = this.next() * sums[sums.length - 1]!;
    for (let i = 0; i < sums.length; i++) if (x < sums[i]!) return entries[i]![0];
    return entries[entries.length - 1]![0];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** Running sums of the weights, made once per table (the generator draws from the same few tables). */
const sumsOf = new WeakMap<object, number[]>();
function cumulative(entries: readonly (readonly [unknown, number])[]): number[] {
  let sums = sumsOf.get(entries);
  if (sums === undefined) {
    let total = 0;
    sums = entries.map(([, w]) => (total += w));
    sumsOf.set(entries, sums);
  }
  return sums;
}
