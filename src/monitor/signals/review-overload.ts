/**
 * review-overload: the human review queue receives more than reviewers can handle. With a capacity (baseline
 * `--capacity`, items per day) it fires when items per day exceed maxUtilization × capacity; without one, when
 * they exceed minRatio × the baseline mean and the excess is ≥ z standard deviations — Poisson noise of the count
 * plus the baseline's own day-to-day spread (an unusual load rather than an absolute overload; small queues are
 * noisy, so 15 items on a day that usually sees 7 is not yet unusual).
 */
import { z } from 'zod';
import { windowDays } from '../baseline.js';
import { defineSignal, fmt } from './types.js';

const Params = z.strictObject({
  maxUtilization: z.number().positive().default(1),
  z: z.number().nonnegative().default(3),
  minRatio: z.number().positive().default(1.5),
});

export const reviewOverload = defineSignal({
  id: 'review-overload',
  title: 'Review overload',
  description:
    'Review items per day exceed maxUtilization × the configured capacity, or (no capacity) the baseline mean + z·σ and minRatio × the mean.',
  params: Params,
  detect({ window, baseline }, p) {
    const perDay = window.decisions.review / windowDays(window);
    const capacity = baseline.options.capacityPerDay;
    if (capacity) {
      const limit = capacity * p.maxUtilization;
      if (perDay <= limit) return [];
      return [
        {
          subject: 'review-queue',
          value: perDay / capacity,
          threshold: p.maxUtilization,
          message: `review queue gets ${fmt(perDay, 0)} items/day, ${fmt((100 * perDay) / capacity, 0)}% of the capacity of ${capacity}/day`,
          evidence: { perDay, capacity, baselineMean: baseline.daily.reviewsPerDay.mean },
        },
      ];
    }
    const s = baseline.daily.reviewsPerDay;
    if (s.n === 0 || s.mean <= 0) return [];
    const days = windowDays(window);
    const expected = s.mean * days;
    const sd = Math.sqrt(expected + (s.std * days) ** 2);
    const limit = Math.max(expected + p.z * sd, p.minRatio * expected) / days;
    if (perDay <= limit) return [];
    return [
      {
        subject: 'review-queue',
        value: perDay / s.mean,
        threshold: limit / s.mean,
        message: `review queue gets ${fmt(perDay, 0)} items/day, ${fmt(perDay / s.mean, 1)}× the baseline ${fmt(s.mean, 0)}/day (no capacity configured)`,
        evidence: { perDay, capacity: null, baselineMean: s.mean, baselineStd: s.std, limit },
      },
    ];
  },
});
