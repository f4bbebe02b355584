/**
 * outage-burst: a layer that normally stops bursts goes silent *while a burst from fresh senders comes through* —
 * the outage an attacker exploits. Daily totals hide it (a six-hour outage and a one-hour burst vanish in a day of
 * ordinary blocks), so it looks at clock hours. The baseline says how much young-sender ("fresh") volume an hour
 * usually has, and which components block in the busiest hours and at what rate per young-sender record. An hour
 * fires for a component when its young-sender volume reaches max(minYoung, volumeFactor × the baseline's largest
 * hour), the component would be expected to block ≥ minExpected there at its busy-hour rate, and it blocked at most
 * maxRatio of that. Only burst stoppers count: components with at least minBusyShare of their baseline blocks in
 * the busy hours (a component that blocks all day long, like the content model, is not one).
 */
import { z } from 'zod';
import { iso } from '../window.js';
import { defineSignal, type Finding, fmt } from './types.js';

const Params = z.strictObject({
  minYoung: z.number().int().positive().default(50),
  /** Multiple of the largest young-sender hour of the baseline. */
  volumeFactor: z.number().positive().default(1.5),
  minExpected: z.number().positive().default(5),
  maxRatio: z.number().nonnegative().max(1).default(0.1),
  /**
   * Share of a component's baseline blocks that fell in the busy hours. A burst stopper (rate limiter, bulk
   * detector) blocks almost only there; the content model blocks all day, and a burst it lets through is an
   * evasion (template-surge, sender-hour-record), not a silent layer.
   */
  minBusyShare: z.number().nonnegative().max(1).default(0.5),
});

export const outageBurst = defineSignal({
  id: 'outage-burst',
  title: 'Burst through a silent layer',
  description:
    'In a clock hour, volume from young senders reaches max(minYoung, volumeFactor × the largest baseline hour) while a component that blocks in the baseline’s busiest hours blocks ≤ maxRatio of what its busy-hour rate predicts (≥ minExpected).',
  params: Params,
  detect({ window, baseline }, p) {
    const ref = baseline.hourly;
    if (!ref || ref.busyYoung === 0 || !window.hours) return [];
    const need = Math.max(p.minYoung, Math.ceil(p.volumeFactor * ref.young.max));
    const out: Finding[] = [];
    for (const [decidedBy, busyBlocks] of Object.entries(ref.busyBlocks).sort(([a], [b]) => a.localeCompare(b))) {
      const allBlocks = baseline.deciders.filter((d) => d.decidedBy === decidedBy).reduce((a, d) => a + d.blocks, 0);
      if (allBlocks === 0 || busyBlocks / allBlocks < p.minBusyShare) continue;
      const perYoung = busyBlocks / ref.busyYoung;
      const hits = window.hours.filter((h) => {
        if (h.youngRows < need) return false;
        const expected = perYoung * h.youngRows;
        return expected >= p.minExpected && (h.blocks[decidedBy] ?? 0) <= p.maxRatio * expected;
      });
      const first = hits[0];
      if (!first) continue;
      const expected = perYoung * first.youngRows;
      const observed = first.blocks[decidedBy] ?? 0;
      out.push({
        subject: `decider:${decidedBy}`,
        value: first.youngRows,
        threshold: need,
        message: `${decidedBy} blocked ${observed} of ~${fmt(expected, 0)} expected while ${first.youngRows} decisions came from young senders in the hour from ${iso(first.start)} (baseline max ${ref.young.max}/hour)${hits.length > 1 ? `; ${hits.length} such hours` : ''}`,
        evidence: {
          decidedBy,
          hour: iso(first.start),
          youngRows: first.youngRows,
          rows: first.rows,
          observed,
          expected,
          baselineYoungMax: ref.young.max,
          baselineBlocksPerYoung: perYoung,
          hours: hits.length,
        },
      });
    }
    return out;
  },
});
