/**
 * Drift statistics between a reference and a current window, on the shapes the aggregation produces: PSI and
 * Jensen–Shannon on the baseline's quantile bins, KS and Wasserstein-1 on the fine equal-width score histogram,
 * chi-square / Cramér's V and PSI / JS on categorical buckets (input lengths, decisions). Returns nulls when a side
 * is too small to compare.
 */
import { chiSquareHomogeneity } from './stats/chi-square.js';
import { total } from './stats/histogram.js';
import { jensenShannonDistance } from './stats/jensen-shannon.js';
import { ksFromHistograms } from './stats/ks.js';
import { psi } from './stats/psi.js';
import { normalizedWasserstein, wasserstein1Histogram } from './stats/wasserstein.js';
import { SCORE_FINE_BINS } from './types.js';

export interface ScoreDrift {
  psi: number | null;
  js: number | null;
  ks: number | null;
  ksP: number | null;
  wasserstein: number | null;
  wassersteinNorm: number | null;
}

export interface CategoricalDrift {
  psi: number | null;
  js: number | null;
  chi2P: number | null;
  cramersV: number | null;
}

const FINE_CENTRES = Array.from({ length: SCORE_FINE_BINS }, (_, i) => (i + 0.5) / SCORE_FINE_BINS);

export const NO_SCORE_DRIFT: ScoreDrift = {
  psi: null,
  js: null,
  ks: null,
  ksP: null,
  wasserstein: null,
  wassersteinNorm: null,
};

export function scoreDrift(
  ref: { quantileCounts: readonly number[]; fineCounts: readonly number[]; std: number },
  cur: { quantileCounts: readonly number[]; fineCounts: readonly number[] },
  minCount = 1,
): ScoreDrift {
  if (total(ref.fineCounts) < minCount || total(cur.fineCounts) < minCount || total(cur.fineCounts) === 0)
    return NO_SCORE_DRIFT;
  const ks = ksFromHistograms(ref.fineCounts, cur.fineCounts);
  const w1 = wasserstein1Histogram(FINE_CENTRES, ref.fineCounts, cur.fineCounts);
  const binned = ref.quantileCounts.length >= 2;
  return {
    psi: binned ? psi(ref.quantileCounts, cur.quantileCounts) : null,
    js: binned ? jensenShannonDistance(ref.quantileCounts, cur.quantileCounts) : null,
    ks: ks.statistic,
    ksP: ks.pValue,
    wasserstein: w1,
    wassersteinNorm: normalizedWasserstein(w1, ref.std),
  };
}

export function categoricalDrift(ref: readonly number[], cur: readonly number[], minCount = 1): CategoricalDrift {
  // Only the categories seen on either side (a sparse bucket vector would otherwise dilute PSI smoothing).
  const keep = ref.map((r, i) => r + (cur[i] ?? 0) > 0);
  const a = ref.filter((_, i) => keep[i]);
  const b = cur.filter((_, i) => keep[i]);
  if (a.length < 2 || total(a) < minCount || total(b) < minCount || total(b) === 0 || total(a) === 0) {
    return { psi: null, js: null, chi2P: null, cramersV: null };
  }
  const chi = chiSquareHomogeneity(a, b);
  return { psi: psi(a, b), js: jensenShannonDistance(a, b), chi2P: chi.pValue, cramersV: chi.cramersV };
}

/** Mean and population standard deviation from a count, sum and sum of squares. */
export function meanStd(n: number, sum: number, sumSq: number): { mean: number; std: number } {
  if (n <= 0) return { mean: 0, std: 0 };
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}
