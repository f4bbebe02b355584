import type { Rule, RuleHit } from '../rule.js';
import { numberProp } from './helpers.js';

/** Share of attack traffic assumed to land in the review band when the model does not say (documented default). */
export const DEFAULT_REVIEW_BAND_SHARE = 0.2;

/**
 * Flooding the review band (ATLAS AML.T0046, chaff) exhausts analysts; items over capacity then pass unreviewed.
 * Attack volume per day = the attacker's queries spread over their time budget, capped by what the rate limit lets
 * their accounts send.
 */
export const reviewCapacityBelowAttackVolume: Rule = {
  id: 'review-capacity-below-attack-volume',
  title: 'Review capacity below what an attacker can push into the review band',
  severity: 'high',
  severityReason: 'once the queue overflows, review-band items are decided without a human',
  description:
    "Compares each human-review component's capacityPerDay with the daily volume an attacker can push into the review band (budget queries per day, capped by accounts × rate limit, × the review-band share).",
  remediation: ['rate-limit', 'account-reputation', 'template-clustering'],
  atlas: ['AML.T0046', 'AML.T0029'],
  check(ctx) {
    const hits: RuleHit[] = [];
    const rateLimit = Math.min(
      ...ctx.graph.ofKind('activity-monitor').map((c) => numberProp(c, 'maxPerHour') ?? Number.POSITIVE_INFINITY),
    );
    for (const review of ctx.graph.ofKind('human-review')) {
      const capacity = numberProp(review, 'capacityPerDay');
      if (capacity === undefined) continue;
      const feeders = ctx.graph
        .incoming(review.id, ['live'])
        .map((f) => ctx.graph.byId.get(f.from))
        .filter((c) => c !== undefined);
      const share =
        feeders.map((c) => numberProp(c, 'reviewBandShare')).find((v) => v !== undefined) ?? DEFAULT_REVIEW_BAND_SHARE;
      for (const a of ctx.model.attackers) {
        if (!['evade', 'abuse', 'disrupt', 'poison'].includes(a.goal)) continue;
        // Live input written at the review or anywhere upstream of it: the resolved model's effective access.
        const at = ctx.graph.indexOf.get(review.id);
        const writesUpstream = at !== undefined && ctx.graph.accessOf(a).canWrite(at, 'live-input');
        if (!writesUpstream || !a.budget?.queries) continue;
        const days = Math.max(1, (a.budget.timeHours ?? 24) / 24);
        let perDay = a.budget.queries / days;
        const accounts = a.budget.accounts ?? 1;
        if (Number.isFinite(rateLimit)) perDay = Math.min(perDay, accounts * rateLimit * 24);
        const intoBand = perDay * share;
        if (intoBand <= capacity) continue;
        hits.push({
          component: review.id,
          attacker: a.id,
          message: `'${a.id}' can push ≈${Math.round(intoBand)} items/day into the review band of '${review.id}' (capacity ${capacity}/day)`,
          path: [...ctx.componentPath(review.id), 'properties'],
          evidence: [
            {
              fact: `capacityPerDay ${capacity}`,
              location: ctx.positionOf([...ctx.componentPath(review.id), 'properties']),
            },
            {
              fact: `${a.id}: ${a.budget.queries} queries over ${days.toFixed(1)} days, ${accounts} accounts${Number.isFinite(rateLimit) ? `, rate limit ${rateLimit}/h` : ''}`,
              location: ctx.positionOf([...ctx.attackerPath(a.id), 'budget']),
            },
            {
              fact: `review-band share ${share}${share === DEFAULT_REVIEW_BAND_SHARE ? ' (default; set properties.reviewBandShare on the policy)' : ''}`,
            },
          ],
        });
      }
    }
    return hits;
  },
};
