/**
 * sender-hour-record: an account or source IP got more delivered in one clock hour than any sender ever did in
 * one hour of the baseline — more past the rate limiter than it has ever let through. The reference is the
 * baseline's maximum over all senders of that kind (a fresh attacker account has no history of its own), so a
 * sender fires when its delivered count in an hour exceeds max(minDelivered, factor × that maximum), factor 1.5 by
 * default.
 */
import { z } from 'zod';
import { iso } from '../window.js';
import { defineSignal, type Finding } from './types.js';

const Params = z.strictObject({
  minDelivered: z.number().int().positive().default(10),
  /**
   * Multiple of the baseline's busiest sender-hour. 1 would be "more than ever" to the message; the margin keeps a
   * heavy legitimate sender's ordinary hour-to-hour variation (12 vs a record of 10) from firing.
   */
  factor: z.number().positive().default(1.5),
});

export const senderHourRecord = defineSignal({
  id: 'sender-hour-record',
  title: 'Sender hour record',
  description:
    'An account or source IP gets more decisions delivered (allow or tag) in one clock hour than factor × the most any sender of its kind got in one hour of the baseline (and ≥ minDelivered).',
  params: Params,
  detect({ window, baseline }, p) {
    const ref = baseline.senderHourMax;
    if (!ref || !window.senderHours) return [];
    const out: Finding[] = [];
    for (const s of window.senderHours) {
      const record = ref[s.kind];
      const need = Math.max(p.minDelivered, Math.floor(p.factor * (record?.delivered ?? 0)) + 1);
      if (s.delivered < need) continue;
      out.push({
        subject: `${s.kind}:${s.id}`,
        value: s.delivered,
        threshold: need,
        message: `${s.kind} ${s.id} got ${s.delivered} delivered in the hour from ${iso(s.hour)} (${s.rows} sent), more than any ${s.kind} in one hour of the baseline (${record?.delivered ?? 0}${record ? `, ${record.id}` : ''})`,
        evidence: {
          kind: s.kind,
          id: s.id,
          hour: iso(s.hour),
          delivered: s.delivered,
          sent: s.rows,
          baselineMax: record?.delivered ?? 0,
          baselineMaxBy: record?.id ?? null,
          baselineMaxHour: record ? iso(record.hour) : null,
          minAccountAgeDays: s.minAccountAgeDays,
        },
      });
    }
    return out;
  },
});
