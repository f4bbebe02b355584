/**
 * template-surge: one near-duplicate template (template hash) suddenly takes a share of traffic far beyond its
 * baseline share — a campaign ramping up, or one variant that got through being replayed. Fires per template with
 * share ≥ minShare, count ≥ minCount and share ≥ minRatio × its baseline share. A template absent from the
 * baseline's reference list is given the largest share it could have had unseen (the smallest listed share when the
 * list is full, else one record), so the ratio is conservative.
 */
import { z } from 'zod';
import { defineSignal, type Finding, fmt, pct } from './types.js';

const Params = z.strictObject({
  minShare: z.number().positive().max(1).default(0.02),
  minCount: z.number().int().positive().default(30),
  minRatio: z.number().positive().default(5),
});

/** Reference list size at which an absent template may still have had up to the smallest listed share. */
export const REFERENCE_LIST_FULL = 500;

export const templateSurge = defineSignal({
  id: 'template-surge',
  title: 'Template surge',
  description: 'A template hash reaches ≥ minShare of hashed traffic and ≥ minCount records, and ≥ minRatio × its baseline share.',
  params: Params,
  detect({ window, baseline }, p) {
    const hashed = window.templates.hashed;
    if (hashed === 0) return [];
    const ref = new Map(baseline.templates.top.map((t) => [t.hash, t.share]));
    const listed = baseline.templates.top;
    const floor = Math.max(
      baseline.templates.hashed > 0 ? 1 / baseline.templates.hashed : 0,
      listed.length >= REFERENCE_LIST_FULL ? (listed[listed.length - 1]?.share ?? 0) : 0,
    );
    const out: Finding[] = [];
    for (const t of window.templates.top) {
      const share = t.count / hashed;
      if (share < p.minShare || t.count < p.minCount) continue;
      const before = ref.get(t.hash);
      const ratio = share / Math.max(before ?? 0, floor, 1e-12);
      if (ratio < p.minRatio) continue;
      out.push({
        subject: `template:${t.hash}`,
        value: share,
        threshold: p.minShare,
        message: `template ${t.hash} is ${pct(share)} of traffic (${t.count} records), ${fmt(ratio, 1)}× its baseline share ${before === undefined ? '(unseen in the baseline)' : pct(before)}`,
        evidence: { hash: t.hash, count: t.count, share, baselineShare: before ?? null, ratio },
      });
    }
    return out;
  },
});
