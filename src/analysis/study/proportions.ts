/**
 * Intervals and tests for shares of papers: Wilson's score interval for one share, Newcombe's
 * hybrid score interval for the difference of two independent shares (Newcombe 1998, method
 * 10), and the two-proportion z test (pooled; equal to the chi-squared test of the 2x2 table
 * without continuity correction: z^2 = chi^2).
 */

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson's score interval for x of n; null when n is 0 (no share to speak of). */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // Clamped: at x = 0 or x = n the bounds are 0 and 1 up to rounding.
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Newcombe's interval for p1 - p2 from the two Wilson intervals; null when either side has no paper. */
export function differenceInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): Interval | null {
  const a = wilson(x1, n1, z);
  const b = wilson(x2, n2, z);
  if (!a || !b) return null;
  const [p1, p2] = [x1 / n1, x2 / n2];
  const d = p1 - p2;
  return {
    lo: d - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2),
    hi: d + Math.sqrt((a.hi - p1) ** 2 + (p2 - b.lo) ** 2),
  };
}

export interface ProportionTest {
  z: number;
  /** Two-sided. */
  p: number;
}

/** The pooled two-proportion z test of p1 = p2; null when a side has no paper or the pooled share is 0 or 1 (no variance). */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: erfc(Math.abs(z) / Math.SQRT2) };
}

/**
 * The complementary error function, with a fractional error of about 1.2e-7 at most
 * (Chebyshev fit of Numerical Recipes, 2nd ed., section 6.2): p values to four significant digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
