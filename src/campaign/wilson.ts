/**
 * The Wilson score interval for a binomial proportion: the confidence interval nograd reports for every evasion
 * rate and false-positive rate. Unlike the normal ("Wald") interval it stays inside [0, 1] and is honest for small n
 * and for rates near 0 or 1 (0 successes in 20 attempts gives [0, 0.16], not [0, 0]).
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n)
 */

export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export function wilsonInterval(successes: number, n: number, z: number = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  if (successes < 0 || successes > n) throw new RangeError(`successes ${successes} outside 0..${n}`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Exact ends at 0 and n (floating error would otherwise give 1e-17 instead of 0).
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** True when two intervals do not overlap: a conservative "the rates differ" test. */
export function disjoint(a: Interval, b: Interval): boolean {
  return a.high < b.low || b.high < a.low;
}
