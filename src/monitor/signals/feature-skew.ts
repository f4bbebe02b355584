/**
 * feature-skew: the features served drift from the features of the reference period (training–serving skew).
 * It compares the distribution of the number of features the extractor produced per input (`featureTokens`, in
 * half-octave buckets) with the baseline's: PSI must reach max(minPsi, the baseline's own window-vs-rest PSI mean
 * + z·σ), and the mean feature count must move by ≥ minMeanShift (relative), on ≥ minRecords records. Build the
 * baseline on traffic the model's training data resembles — that is the "training side" the logs can show.
 */
import { z } from 'zod';
import { categoricalDrift } from '../drift.js';
import { defineSignal, fmt, pct } from './types.js';

const Params = z.strictObject({
  minPsi: z.number().positive().default(0.2),
  z: z.number().nonnegative().default(4),
  /**
   * A template burst of hundreds of identical messages moves the PSI of a small window too (measured: −24 % on the
   * mean at 250 decisions a day); a skew in how inputs become features moves the mean far more (−74 %).
   */
  minMeanShift: z.number().nonnegative().default(0.3),
  minRecords: z.number().int().positive().default(200),
});

export const featureSkew = defineSignal({
  id: 'feature-skew',
  title: 'Training–serving feature skew',
  description:
    'The per-input feature count distribution moves from the baseline’s: PSI ≥ max(minPsi, calibrated mean + z·σ) and the mean feature count shifts by ≥ minMeanShift, on ≥ minRecords records.',
  params: Params,
  detect({ window, baseline }, p) {
    const ref = baseline.features;
    if (!ref || !window.featured || window.featured < p.minRecords || ref.mean <= 0) return [];
    const psi = categoricalDrift(ref.counts, window.featureTokenCounts, p.minRecords).psi;
    if (psi === null) return [];
    const threshold = Math.max(p.minPsi, ref.psi.n >= 3 ? ref.psi.mean + p.z * ref.psi.std : 0);
    const mean = window.featureTokenSum / window.featured;
    const shift = mean / ref.mean - 1;
    if (psi < threshold || Math.abs(shift) < p.minMeanShift) return [];
    return [
      {
        subject: 'features',
        value: psi,
        threshold,
        message: `features per input moved from the baseline: PSI ${fmt(psi)} ≥ ${fmt(threshold)}, mean ${fmt(mean, 1)} vs ${fmt(ref.mean, 1)} (${shift >= 0 ? '+' : ''}${pct(shift)}) over ${window.featured} records`,
        evidence: { psi, threshold, mean, baselineMean: ref.mean, shift, records: window.featured },
      },
    ];
  },
});
