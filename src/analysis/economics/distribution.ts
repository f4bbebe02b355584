/** Summaries of simulated samples: mean, percentiles and a histogram (for charts), all plain JSON. */
import type { Distribution } from './types.js';

const BINS = 20;

/** Nearest-rank percentile of a sorted sample. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Summarise the first `n` values (sorts that part of the array in place). */
export function summarize(values: Float64Array, n = values.length): Distribution {
  const sorted = values.subarray(0, n).sort();
  if (n === 0) {
    return { n: 0, mean: 0, p10: 0, median: 0, p90: 0, max: 0, histogram: { edges: [], counts: [] } };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  const width = hi > lo ? (hi - lo) / BINS : 0;
  const counts = new Array<number>(width > 0 ? BINS : 1).fill(0);
  if (width > 0) {
    for (let i = 0; i < n; i++) counts[Math.min(BINS - 1, Math.floor((sorted[i]! - lo) / width))]!++;
  } else counts[0] = n;
  const edges = width > 0 ? Array.from({ length: BINS + 1 }, (_, i) => lo + i * width) : [lo, hi];
  return {
    n,
    mean: sum / n,
    p10: percentile(sorted, 0.1),
    median: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    max: hi,
    histogram: { edges, counts },
  };
}
