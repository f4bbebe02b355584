/**
 * Pearson chi-square test of homogeneity for categorical counts (a 2 × K contingency table: baseline vs window),
 * without continuity correction — scipy.stats.chi2_contingency(correction=False). Categories empty in both rows are
 * dropped. Cramér's V = √(χ² / (n · (min(r, c) − 1))) is reported as the effect size: χ² grows with n, so on
 * large windows any rate difference is "significant"; V does not, and is what thresholds should use.
 */
import { chiSquareSurvival } from './special.js';

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
  /** Cramér's V ∈ [0, 1]: 0.1 small, 0.3 medium, 0.5 large (Cohen). */
  cramersV: number;
  n: number;
}

export function chiSquareHomogeneity(rowA: readonly number[], rowB: readonly number[]): ChiSquareResult {
  if (rowA.length !== rowB.length)
    throw new RangeError(`chiSquareHomogeneity: rows differ in length (${rowA.length} vs ${rowB.length})`);
  const cols: Array<[number, number]> = [];
  for (let i = 0; i < rowA.length; i++) {
    const a = rowA[i] as number;
    const b = rowB[i] as number;
    if (a < 0 || b < 0) throw new RangeError('chiSquareHomogeneity: counts must be ≥ 0');
    if (a + b > 0) cols.push([a, b]);
  }
  const na = cols.reduce((s, c) => s + c[0], 0);
  const nb = cols.reduce((s, c) => s + c[1], 0);
  const n = na + nb;
  if (na === 0 || nb === 0 || cols.length < 2)
    return { statistic: 0, dof: Math.max(0, cols.length - 1), pValue: 1, cramersV: 0, n };
  let stat = 0;
  for (const [a, b] of cols) {
    const col = a + b;
    const ea = (na * col) / n;
    const eb = (nb * col) / n;
    stat += (a - ea) ** 2 / ea + (b - eb) ** 2 / eb;
  }
  const dof = cols.length - 1;
  return { statistic: stat, dof, pValue: chiSquareSurvival(stat, dof), cramersV: Math.sqrt(stat / n), n };
}
