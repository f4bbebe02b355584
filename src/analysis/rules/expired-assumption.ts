import type { Rule } from '../rule.js';

/** Assumptions are written down to be re-checked; an expired one is a promise nobody re-made. */
export const expiredAssumption: Rule = {
  id: 'expired-assumption',
  title: 'Assumption past its re-check date',
  severity: 'medium',
  severityReason: 'the system may still rely on something nobody has verified since it expired',
  description: 'A component assumption has an `expires` date in the past.',
  remediation: ['threat-modeling'],
  atlas: [],
  check(ctx) {
    return ctx.model.components.flatMap((c) =>
      (c.assumptions ?? []).flatMap((as, i) =>
        as.expires && as.expires < ctx.today
          ? [
              {
                component: `${c.id}#${as.id}`,
                message: `assumption '${as.id}' of '${c.id}' expired on ${as.expires}: re-check it${as.evidence ? ` (evidence: ${as.evidence})` : ''}`,
                path: [...ctx.componentPath(c.id), 'assumptions', i, 'expires'],
                evidence: [{ fact: `"${as.text}"` }],
              },
            ]
          : [],
      ),
    );
  },
};
