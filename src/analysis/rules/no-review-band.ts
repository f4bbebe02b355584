import type { Rule } from '../rule.js';

/** RG case B: uncertain items go to analysts; a bare threshold has nowhere to put them. */
export const noReviewBand: Rule = {
  id: 'no-review-band',
  title: 'Threshold with no review band',
  severity: 'low',
  severityReason: 'borderline items are decided automatically, and there is no stream of near misses to learn from',
  description: 'A policy has a threshold but no review band (reviewLow) and no human-review component downstream.',
  remediation: ['human-review'],
  atlas: [],
  check(ctx) {
    return ctx.graph.ofKind('policy').flatMap((p) => {
      if (p.properties?.threshold === undefined) return [];
      const reviewed = [...ctx.graph.reachable(p.id, ['live'])].some(
        (id) => ctx.graph.byId.get(id)?.kind === 'human-review',
      );
      if (p.properties.reviewLow !== undefined && reviewed) return [];
      return [
        {
          component: p.id,
          message: `'${p.id}' decides at a single threshold${reviewed ? ' (set reviewLow to describe the review band)' : ' and nothing downstream reviews borderline items'}`,
          path: ctx.componentPath(p.id),
          evidence: [],
        },
      ];
    });
  },
};
