/** Summaries of simulated samples: mean, percentiles and a histogram (for charts), all plain JSON. */
import type { Distribution } from './types.js';

const BINS = 20;

/**
 * The k-th smallest value (0-based) of a[from..to], reordering that part in place (Hoare's quickselect, median-of-
 * three pivot): O(n) on average where a full sort is O(n log n) — the simulation summarises millions of values.
 */
function select(a: Float64Array, k: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z)); // median of three
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Nearest-rank percentile (the value at rank ⌈q·n⌉). */
function rank(n: number, q: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
}

/** Summarise the first `n` values (reorders that part of the array in place). */
export function summarize(values: Float64Array, n = values.length): Distribution {
  const sorted = values.subarray(0, n);
  if (n === 0) {
    return { n: 0, mean: 0, p10: 0, median: 0, p90: 0, max: 0, histogram: { edges: [], counts: [] } };
  }
  let sum = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    sum += v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = hi > lo ? (hi - lo) / BINS : 0;
  const counts = new Array<number>(width > 0 ? BINS : 1).fill(0);
  // Counted before selection reorders nothing that matters: the histogram is order-free.
  if (width > 0) {
    for (let i = 0; i < n; i++) counts[Math.min(BINS - 1, Math.floor((sorted[i]! - lo) / width))]!++;
  } else counts[0] = n;
  const edges = width > 0 ? Array.from({ length: BINS + 1 }, (_, i) => lo + i * width) : [lo, hi];
  // Select the median over the whole range, then p10 below it and p90 above it.
  const r50 = rank(n, 0.5);
  const median = select(sorted, r50, 0, n - 1);
  const r10 = rank(n, 0.1);
  const p10 = r10 < r50 ? select(sorted, r10, 0, r50) : median;
  const r90 = rank(n, 0.9);
  const p90 = r90 > r50 ? select(sorted, r90, r50, n - 1) : median;
  return {
    n,
    mean: sum / n,
    p10,
    median,
    p90,
    max: hi,
    histogram: { edges, counts },
  };
}
