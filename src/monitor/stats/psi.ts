/**
 * Population Stability Index: Σ (a_i − e_i) · ln(a_i / e_i) over shared bins, with e the baseline (expected)
 * proportions and a the current (actual) ones. Symmetric, ≥ 0, 0 only for identical proportions. Bins should come
 * from the baseline's quantiles (see quantile-bins.ts). Empty bins are smoothed with ε (default 1e-4) so the
 * value stays finite. Folklore bands: < 0.1 stable, 0.1–0.2 moderate, ≥ 0.2 significant shift.
 */
import { assertSameLength, proportions } from './histogram.js';

export const PSI_EPSILON = 1e-4;

export function psi(expectedCounts: readonly number[], actualCounts: readonly number[], epsilon = PSI_EPSILON): number {
  assertSameLength(expectedCounts, actualCounts, 'psi');
  const e = proportions(expectedCounts, epsilon);
  const a = proportions(actualCounts, epsilon);
  let s = 0;
  for (let i = 0; i < e.length; i++) {
    const ei = e[i] as number;
    const ai = a[i] as number;
    s += (ai - ei) * Math.log(ai / ei);
  }
  return Math.max(0, s);
}
