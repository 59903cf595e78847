import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { differenceInterval, erfc, twoProportionTest, wilson } from '../src/analysis/study/proportions.js';

// An independent reference for the normal distribution.
const { jStat } = createRequire(import.meta.url)('jstat') as {
  jStat: { normal: { cdf(x: number, m: number, s: number): number }; erfc(x: number): number };
};

describe('intervals and tests for shares of papers', () => {
  it("gives Wilson's intervals as Newcombe (1998) tabulates them", () => {
    // Newcombe, Statistics in Medicine 17: 857-872, Table II (method 3, score interval).
    for (const [x, n, lo, hi] of [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ] as const) {
      const ci = wilson(x, n)!;
      expect(
        [ci.lo, ci.hi].map((v) => v.toFixed(4)),
        `${x}/${n}`,
      ).toEqual([lo.toFixed(4), hi.toFixed(4)]);
    }
    expect(wilson(0, 0)).toBeNull();
  });

  it("gives the difference's interval as Newcombe (1998) tabulates his method 10", () => {
    // Newcombe, Statistics in Medicine 17: 873-890, Table II.
    for (const [x1, n1, x2, n2, lo, hi] of [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [5, 56, 0, 29, -0.0381, 0.1926],
    ] as const) {
      const ci = differenceInterval(x1, n1, x2, n2)!;
      expect([ci.lo, ci.hi].map((v) => v.toFixed(4))).toEqual([lo.toFixed(4), hi.toFixed(4)]);
    }
  });

  it("gives the z test whose square is the 2x2 table's chi-squared, and the normal distribution's p value", () => {
    for (const [x1, n1, x2, n2] of [
      [56, 70, 48, 80],
      [126, 300, 98, 310],
      [3, 10, 9, 10],
      [1, 2000, 14, 2100],
    ] as const) {
      const t = twoProportionTest(x1, n1, x2, n2)!;
      // Pearson's chi-squared of the table [[x1, n1 - x1], [x2, n2 - x2]], written out.
      const [a, b, c, d] = [x1, n1 - x1, x2, n2 - x2];
      const n = a + b + c + d;
      const chi2 = (n * (a * d - b * c) ** 2) / ((a + b) * (c + d) * (a + c) * (b + d));
      expect(t.z * t.z).toBeCloseTo(chi2, 9);
      expect(Math.sign(t.z)).toBe(Math.sign(x1 / n1 - x2 / n2));
      const p = 2 * (1 - jStat.normal.cdf(Math.abs(t.z), 0, 1));
      expect(Math.abs(t.p - p) / p).toBeLessThan(1e-6);
    }
    expect(twoProportionTest(0, 10, 0, 12)).toBeNull(); // no variance
    expect(twoProportionTest(1, 0, 1, 2)).toBeNull();
  });

  it('has an erfc within 1.3e-7 relative of jStat (itself good to about 1e-7) down to p values of 1e-8', () => {
    for (let x = -3; x <= 4; x += 0.05) {
      const exact = jStat.erfc(x);
      expect(Math.abs(erfc(x) - exact) / exact, `x=${x}`).toBeLessThan(1.3e-7);
    }
  });
});
