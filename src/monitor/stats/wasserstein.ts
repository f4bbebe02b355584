/**
 * Wasserstein-1 (earth mover's) distance between two one-dimensional distributions: ∫ |F(x) − G(x)| dx.
 * On samples (optionally weighted) it equals scipy.stats.wasserstein_distance; on histograms the bin mass sits at
 * the bin centres. The raw value is in the unit of the data (score units here); `normalizedWasserstein` divides by
 * the baseline's standard deviation so a threshold (0.1, as Evidently uses) means "a tenth of the usual spread".
 */
import { assertSameLength, total } from './histogram.js';

export function wasserstein1(
  u: readonly number[],
  v: readonly number[],
  uWeights?: readonly number[],
  vWeights?: readonly number[],
): number {
  if (u.length === 0 || v.length === 0) throw new RangeError('wasserstein1 needs two non-empty samples');
  if (uWeights && uWeights.length !== u.length) throw new RangeError('wasserstein1: u and uWeights differ in length');
  if (vWeights && vWeights.length !== v.length) throw new RangeError('wasserstein1: v and vWeights differ in length');
  const wu = uWeights ?? u.map(() => 1);
  const wv = vWeights ?? v.map(() => 1);
  const su = total(wu);
  const sv = total(wv);
  if (!(su > 0) || !(sv > 0)) throw new RangeError('wasserstein1 needs positive total weight');
  const pu = u.map((x, i) => [x, (wu[i] as number) / su] as const).sort((a, b) => a[0] - b[0]);
  const pv = v.map((x, i) => [x, (wv[i] as number) / sv] as const).sort((a, b) => a[0] - b[0]);
  let i = 0;
  let j = 0;
  let fu = 0;
  let fv = 0;
  let prev = Math.min(pu[0]![0], pv[0]![0]);
  let dist = 0;
  while (i < pu.length || j < pv.length) {
    const x = Math.min(
      i < pu.length ? pu[i]![0] : Number.POSITIVE_INFINITY,
      j < pv.length ? pv[j]![0] : Number.POSITIVE_INFINITY,
    );
    dist += Math.abs(fu - fv) * (x - prev);
    while (i < pu.length && pu[i]![0] === x) fu += pu[i++]![1];
    while (j < pv.length && pv[j]![0] === x) fv += pv[j++]![1];
    prev = x;
  }
  return dist;
}

/** W1 between two histograms over shared bins whose centres are `centres` (ascending). */
export function wasserstein1Histogram(
  centres: readonly number[],
  countsA: readonly number[],
  countsB: readonly number[],
): number {
  assertSameLength(countsA, countsB, 'wasserstein1Histogram');
  if (centres.length !== countsA.length) throw new RangeError('wasserstein1Histogram: one centre per bin');
  const na = total(countsA);
  const nb = total(countsB);
  if (na <= 0 || nb <= 0) throw new RangeError('wasserstein1Histogram needs two non-empty histograms');
  let fa = 0;
  let fb = 0;
  let dist = 0;
  for (let i = 0; i < centres.length - 1; i++) {
    fa += (countsA[i] as number) / na;
    fb += (countsB[i] as number) / nb;
    dist += Math.abs(fa - fb) * ((centres[i + 1] as number) - (centres[i] as number));
  }
  return dist;
}

export function normalizedWasserstein(w1: number, baselineStd: number): number {
  return baselineStd > 0 ? w1 / baselineStd : w1 > 0 ? Number.POSITIVE_INFINITY : 0;
}
