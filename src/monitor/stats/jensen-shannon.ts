/**
 * Jensen–Shannon distance, base 2: √JSD(p, q) with JSD = ½ KL(p‖m) + ½ KL(q‖m), m = ½(p + q). A true metric in
 * [0, 1] (0 identical, 1 disjoint support); the same value as scipy.spatial.distance.jensenshannon(p, q, base=2).
 * Takes counts or proportions over the same bins; no smoothing is needed because m > 0 wherever p or q is.
 */
import { assertSameLength, proportions } from './histogram.js';

export function jensenShannonDistance(pCounts: readonly number[], qCounts: readonly number[]): number {
  assertSameLength(pCounts, qCounts, 'jensenShannonDistance');
  const p = proportions(pCounts);
  const q = proportions(qCounts);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    const qi = q[i] as number;
    const mi = (pi + qi) / 2;
    if (pi > 0) js += 0.5 * pi * Math.log2(pi / mi);
    if (qi > 0) js += 0.5 * qi * Math.log2(qi / mi);
  }
  return Math.sqrt(Math.min(1, Math.max(0, js)));
}
