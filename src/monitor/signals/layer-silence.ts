/**
 * layer-silence: a funnel component that used to block suddenly (almost) stops — an outage, a bad deploy, an
 * expired list, or an attacker who found its blind spot. For each component that blocked in the baseline, the
 * expected blocks are its baseline block rate × the window's records; it fires when expected ≥ minExpected,
 * observed ≤ maxRatio × expected, the Poisson probability of so few blocks is ≤ maxPValue, and the observed rate is
 * below the lowest rate of any baseline window. The last condition matters for bursty components: a rate limiter
 * that only blocks on the days a campaign runs had zero-block days in the baseline, so a zero-block day is normal.
 */
import { z } from 'zod';
import { poissonCdf } from '../stats/special.js';
import { defineSignal, type Finding, fmt } from './types.js';

const Params = z.strictObject({
  minExpected: z.number().positive().default(20),
  maxRatio: z.number().nonnegative().max(1).default(0.25),
  maxPValue: z.number().positive().max(1).default(1e-4),
});

export const layerSilence = defineSignal({
  id: 'layer-silence',
  title: 'Layer silence',
  description:
    'A component that blocked in the baseline blocks ≤ maxRatio × its expected count (expected ≥ minExpected, Poisson p ≤ maxPValue) and less often than in any baseline window.',
  params: Params,
  detect({ window, baseline }, p) {
    if (window.rows === 0) return [];
    const out: Finding[] = [];
    for (const d of baseline.deciders) {
      if (d.blocks === 0) continue;
      const expected = d.blockRate * window.rows;
      if (expected < p.minExpected) continue;
      const observed = window.deciders
        .filter((x) => x.decidedBy === d.decidedBy && x.layer === d.layer)
        .reduce((a, x) => a + x.blocks, 0);
      const ratio = observed / expected;
      if (observed / window.rows >= d.windowBlockRate.min) continue;
      const pValue = poissonCdf(observed, expected);
      if (ratio > p.maxRatio || pValue > p.maxPValue) continue;
      out.push({
        subject: `decider:${d.decidedBy}`,
        value: ratio,
        threshold: p.maxRatio,
        message: `${d.decidedBy} (${d.layer} layer) blocked ${observed} of ~${fmt(expected, 0)} expected (${fmt(100 * ratio, 0)}% of its baseline rate)`,
        evidence: { decidedBy: d.decidedBy, layer: d.layer, observed, expected, ratio, pValue },
      });
    }
    return out;
  },
});
