/**
 * score-drift: the model's score distribution moved away from the baseline. Fires only when (1) at least `votes`
 * of four effect sizes exceed their thresholds — PSI, Jensen–Shannon distance, KS statistic, normalized
 * Wasserstein-1 — each threshold being max(floor, baseline mean + z·σ of the same statistic over the baseline's own
 * windows), (2) the KS p-value is below `maxPValue` (so a small window cannot fire on noise) and (3) the window has
 * at least `minScored` scores. Effect sizes, not p-values, carry the decision: on large windows every p-value is ~0.
 */
import { z } from 'zod';
import { upperBand } from '../series.js';
import { defineSignal, fmt } from './types.js';

const Params = z.strictObject({
  psi: z.number().positive().default(0.2),
  js: z.number().positive().max(1).default(0.1),
  ks: z.number().positive().max(1).default(0.1),
  wasserstein: z.number().positive().default(0.1),
  /** How many of the four statistics must exceed their threshold. */
  votes: z.number().int().min(1).max(4).default(2),
  /** σ multiplier of the baseline calibration (thresholds never go below the floors above). */
  calibrationZ: z.number().nonnegative().default(3),
  maxPValue: z.number().positive().max(1).default(0.01),
  minScored: z.number().int().nonnegative().default(200),
});

const STATS = [
  ['psi', 'score.psi'],
  ['js', 'score.js'],
  ['ks', 'score.ks'],
  ['wasserstein', 'score.wasserstein_norm'],
] as const;

export const scoreDrift = defineSignal({
  id: 'score-drift',
  title: 'Score drift',
  description:
    'The score distribution moved: at least `votes` of PSI, Jensen–Shannon, KS and normalized Wasserstein exceed max(floor, baseline mean + z·σ), with KS p < maxPValue and enough scores.',
  params: Params,
  detect({ window, metrics, baseline }, p) {
    if (window.scored < p.minScored) return [];
    const ksP = metrics['score.ks_p'];
    if (ksP === null || ksP === undefined || ksP > p.maxPValue) return [];
    const rows = STATS.map(([key, metric]) => {
      const value = metrics[metric] ?? null;
      const calibrated = upperBand(baseline.calibration[metric], p.calibrationZ);
      const threshold = Math.max(p[key], calibrated ?? 0);
      return { key, value, threshold, over: value !== null && value >= threshold };
    });
    const votes = rows.filter((r) => r.over).length;
    if (votes < p.votes) return [];
    const psi = rows[0]!;
    const evidence: Record<string, number | null> = { votes, scored: window.scored, ksP };
    for (const r of rows) {
      evidence[r.key] = r.value;
      evidence[`${r.key}Threshold`] = r.threshold;
    }
    const shown = rows.filter((r) => r.over).map((r) => `${r.key} ${fmt(r.value ?? 0)} ≥ ${fmt(r.threshold)}`);
    const meanNow = metrics['score.mean'];
    const meanThen = baseline.posture.score.mean;
    return [
      {
        subject: 'score',
        value: psi.value ?? 0,
        threshold: psi.threshold,
        message: `score distribution drifted (${shown.join(', ')}); mean score ${fmt(meanThen)} → ${fmt(meanNow ?? 0)} over ${window.scored} scores`,
        evidence,
      },
    ];
  },
});
