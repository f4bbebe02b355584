/**
 * feedback-spike: "not spam" reports spike — users (or an attacker's accounts) pushing the feedback loop to
 * whitelist content or poison retraining. Checks all reports and, separately, reports on messages from young
 * accounts (the cheap accounts an attacker controls). Each fires when count ≥ minReports (half for young), the
 * rate is ≥ minRatio × the baseline rate, and the excess is ≥ z standard deviations — Poisson noise plus the
 * baseline's own day-to-day variation.
 */
import { z } from 'zod';
import type { Series } from '../series.js';
import { defineSignal, fmt, pct } from './types.js';

const Params = z.strictObject({
  minReports: z.number().int().positive().default(20),
  minRatio: z.number().positive().default(3),
  z: z.number().nonnegative().default(4),
});

interface Part {
  name: 'all' | 'young';
  observed: number;
  expected: number;
  ratio: number;
  z: number;
  fired: boolean;
}

function part(
  name: Part['name'],
  observed: number,
  rows: number,
  baseRate: number,
  daily: Series,
  minReports: number,
  p: z.output<typeof Params>,
): Part {
  const expected = baseRate * rows;
  const sd = Math.sqrt(expected + (daily.std * rows) ** 2);
  const ratio = observed / Math.max(expected, 0.5);
  const zv = (observed - expected) / Math.max(sd, 1);
  return { name, observed, expected, ratio, z: zv, fired: observed >= minReports && ratio >= p.minRatio && zv >= p.z };
}

export const feedbackSpike = defineSignal({
  id: 'feedback-spike',
  title: '"Not spam" feedback spike',
  description:
    '"Not spam" reports (all, or on messages from young accounts) reach ≥ minReports (half for young), ≥ minRatio × the baseline rate and ≥ z σ above it.',
  params: Params,
  detect({ window, baseline }, p) {
    if (window.rows === 0) return [];
    const t = baseline.totals;
    const all = part(
      'all',
      window.reports.notSpam,
      window.rows,
      t.reports.notSpam / Math.max(t.rows, 1),
      baseline.daily.notSpamRate,
      p.minReports,
      p,
    );
    const young = part(
      'young',
      window.reports.notSpamYoung,
      window.rows,
      t.reports.notSpamYoung / Math.max(t.rows, 1),
      baseline.daily.notSpamYoungRate,
      Math.ceil(p.minReports / 2),
      p,
    );
    const fired = [all, young].filter((x) => x.fired);
    if (fired.length === 0) return [];
    const head = fired.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const youngShare = window.reports.notSpam > 0 ? window.reports.notSpamYoung / window.reports.notSpam : 0;
    return [
      {
        subject: 'user-feedback:not-spam',
        value: head.ratio,
        threshold: p.minRatio,
        message: `${window.reports.notSpam} "not spam" reports (${fmt(all.ratio, 1)}× baseline, z=${fmt(all.z, 1)}); ${window.reports.notSpamYoung} on young accounts' messages (${pct(youngShare)}, ${fmt(young.ratio, 1)}× baseline)`,
        evidence: {
          reports: all.observed,
          expected: all.expected,
          ratio: all.ratio,
          z: all.z,
          youngReports: young.observed,
          youngExpected: young.expected,
          youngRatio: young.ratio,
          youngZ: young.z,
          youngShare,
          firedOn: fired.map((f) => f.name).join('+'),
        },
      },
    ];
  },
});
