/**
 * Bins from the baseline's quantiles: B bins that each hold ~1/B of the baseline, so PSI and Jensen–Shannon
 * compare shapes where the baseline actually has mass. Ties (point masses, e.g. many scores of exactly 0)
 * collapse duplicate edges, so there may be fewer than B bins. A value x falls in bin k = #{edges ≤ x}, i.e.
 * bins are [e_k, e_{k+1}); the SQL aggregation uses the same rule (Σ (score >= e_i)).
 */

/** Linear-interpolation quantile of a sorted sample (type 7: numpy's default and DuckDB's quantile_cont). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** The interior edges at quantiles 1/B … (B−1)/B, de-duplicated and sorted. */
export function quantileEdges(values: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be an integer ≥ 2, got ${bins}`);
  const sorted = [...values].sort((x, y) => x - y);
  const qs = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
  return dedupeEdges(qs.map((q) => quantileSorted(sorted, q)));
}

/** Sort and drop duplicate or non-finite edges (ties in the baseline). */
export function dedupeEdges(edges: readonly number[]): number[] {
  const out: number[] = [];
  for (const e of [...edges].filter(Number.isFinite).sort((x, y) => x - y)) {
    if (out.length === 0 || e > (out[out.length - 1] as number)) out.push(e);
  }
  return out;
}

/** Index of the bin holding x: the number of edges ≤ x (binary search). */
export function binIndex(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts of `values` in the edges.length + 1 bins. */
export function binCounts(values: Iterable<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binIndex(edges, v)]! += 1;
  return counts;
}
