/**
 * Two-sample Kolmogorov–Smirnov: D = sup_x |F₁(x) − F₂(x)| and the asymptotic two-sided p-value
 * Q_KS(√(n₁n₂/(n₁+n₂)) · D) (scipy: `kstwobign.sf`). On samples D is exact (ties handled by stepping past equal
 * values in both samples). On histograms over shared bins D is taken at the bin edges, a lower bound of the sample
 * D that differs from it by at most the largest bin mass — with 1,000 score bins that is below the 0.1 threshold
 * resolution that matters here.
 */
import { assertSameLength, cumulative, total } from './histogram.js';
import { kolmogorovSurvival } from './special.js';

export interface KsResult {
  /** The KS statistic D ∈ [0, 1] (an effect size: the largest CDF gap). */
  statistic: number;
  /** Asymptotic two-sided p-value. With very large samples it is ~0 for any visible gap: gate on D, not on p. */
  pValue: number;
  n1: number;
  n2: number;
}

export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  if (a.length === 0 || b.length === 0) throw new RangeError('ksTwoSample needs two non-empty samples');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return withPValue(d, x.length, y.length);
}

export function ksFromHistograms(countsA: readonly number[], countsB: readonly number[]): KsResult {
  assertSameLength(countsA, countsB, 'ksFromHistograms');
  const n1 = total(countsA);
  const n2 = total(countsB);
  if (n1 <= 0 || n2 <= 0) throw new RangeError('ksFromHistograms needs two non-empty histograms');
  const fa = cumulative(countsA);
  const fb = cumulative(countsB);
  let d = 0;
  for (let i = 0; i < fa.length; i++) d = Math.max(d, Math.abs((fa[i] as number) - (fb[i] as number)));
  return withPValue(d, n1, n2);
}

export function ksPValue(statistic: number, n1: number, n2: number): number {
  const en = (n1 * n2) / (n1 + n2);
  return kolmogorovSurvival(Math.sqrt(en) * statistic);
}

function withPValue(d: number, n1: number, n2: number): KsResult {
  const statistic = Math.min(1, Math.max(0, d));
  return { statistic, pValue: ksPValue(statistic, n1, n2), n1, n2 };
}
