/** Small helpers on count vectors (histograms over the same bins): totals, proportions with smoothing, CDFs. */

export function total(counts: readonly number[]): number {
  let s = 0;
  for (const c of counts) s += c;
  return s;
}

/**
 * Proportions of a count vector. With `epsilon > 0` every proportion is smoothed as (p + ε) / (1 + Bε), so that
 * empty bins never produce log(0) or a division by zero, and the result still sums to 1.
 */
export function proportions(counts: readonly number[], epsilon = 0): number[] {
  const n = total(counts);
  const b = counts.length;
  if (n <= 0) return counts.map(() => 1 / b);
  return counts.map((c) => (c / n + epsilon) / (1 + b * epsilon));
}

/** Cumulative proportions after each bin (the last is 1 for a non-empty histogram). */
export function cumulative(counts: readonly number[]): number[] {
  const n = total(counts);
  let run = 0;
  return counts.map((c) => {
    run += c;
    return n > 0 ? run / n : 0;
  });
}

/** Element-wise sum of count vectors (missing entries count as 0). */
export function addCounts(a: readonly number[], b: readonly number[]): number[] {
  const len = Math.max(a.length, b.length);
  return Array.from({ length: len }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/** Element-wise a − b, floored at 0 (leave-one-out totals). */
export function subtractCounts(a: readonly number[], b: readonly number[]): number[] {
  const len = Math.max(a.length, b.length);
  return Array.from({ length: len }, (_, i) => Math.max(0, (a[i] ?? 0) - (b[i] ?? 0)));
}

export function assertSameLength(a: readonly number[], b: readonly number[], what: string): void {
  if (a.length !== b.length)
    throw new RangeError(`${what}: histograms differ in bin count (${a.length} vs ${b.length})`);
  if (a.length === 0) throw new RangeError(`${what}: empty histograms`);
}
