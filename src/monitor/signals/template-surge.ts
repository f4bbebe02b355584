/**
 * template-surge: one near-duplicate template (template hash) suddenly takes a share of traffic far beyond what
 * templates usually take — a campaign ramping up, or a variant that got through being replayed. Fires per template
 * when (1) its share of hashed records is ≥ max(minShare, shareFactor × the largest single-template share seen in
 * any baseline window), (2) it has ≥ minCount records and (3) its share is ≥ minRatio × its own baseline share,
 * taken as the larger of its whole-baseline share and its largest share in one baseline window (campaigns are
 * bursty: a template that already peaked at 3% on some day is not surging at 3% today). A template absent from the
 * baseline's reference list is given the largest share it could have had unseen (the smallest listed share when
 * the list is full, else one record), so the ratio is conservative.
 */
import { z } from 'zod';
import { defineSignal, type Finding, fmt, pct } from './types.js';

const Params = z.strictObject({
  minShare: z.number().positive().max(1).default(0.02),
  /** Multiple of the baseline's largest single-template share in one window. */
  shareFactor: z.number().nonnegative().default(1.5),
  minCount: z.number().int().positive().default(30),
  minRatio: z.number().positive().default(5),
});

/** Reference list size at which an absent template may still have had up to the smallest listed share. */
export const REFERENCE_LIST_FULL = 500;

export const templateSurge = defineSignal({
  id: 'template-surge',
  title: 'Template surge',
  description:
    'A template hash reaches ≥ max(minShare, shareFactor × the largest template share of any baseline window) of hashed traffic, ≥ minCount records, and ≥ minRatio × its own baseline share (whole-period or best window).',
  params: Params,
  detect({ window, baseline }, p) {
    const hashed = window.templates.hashed;
    if (hashed === 0) return [];
    const ref = new Map(baseline.templates.top.map((t) => [t.hash, Math.max(t.share, t.maxWindowShare)]));
    const need = Math.max(p.minShare, p.shareFactor * baseline.daily.maxTemplateShare.max);
    const listed = baseline.templates.top;
    const floor = Math.max(
      baseline.templates.hashed > 0 ? 1 / baseline.templates.hashed : 0,
      listed.length >= REFERENCE_LIST_FULL ? (listed[listed.length - 1]?.share ?? 0) : 0,
    );
    const out: Finding[] = [];
    for (const t of window.templates.top) {
      const share = t.count / hashed;
      if (share < need || t.count < p.minCount) continue;
      const before = ref.get(t.hash);
      const ratio = share / Math.max(before ?? 0, floor, 1e-12);
      if (ratio < p.minRatio) continue;
      out.push({
        subject: `template:${t.hash}`,
        value: share,
        threshold: need,
        message: `template ${t.hash} is ${pct(share)} of traffic (${t.count} records), ${fmt(ratio, 1)}× its baseline share ${before === undefined ? '(unseen in the baseline)' : pct(before)}`,
        evidence: { hash: t.hash, count: t.count, share, baselineShare: before ?? null, ratio, minShare: need },
      });
    }
    return out;
  },
});
