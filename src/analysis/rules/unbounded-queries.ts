import type { Rule, RuleHit } from '../rule.js';

const LIMITS = ['rate-limit', 'query-monitoring'];

/** An oracle with no query limit: the attacker can iterate as often as they like (ATLAS AML.M0004 is the answer). */
export const unboundedQueries: Rule = {
  id: 'unbounded-queries',
  title: 'Attacker can query without limit',
  severity: 'high',
  severityReason: 'unlimited trial and error makes every black-box search affordable',
  description:
    'An attacker writes live input and observes an outcome, and no implemented rate-limit or query-monitoring control sits on the live path to their target.',
  remediation: LIMITS,
  atlas: ['AML.T0040', 'AML.T0043.001'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of ctx.model.attackers) {
      const acc = a.access ?? [];
      const writes = acc.some((e) => e.write.includes('live-input'));
      const observes = acc.some((e) => e.read.some((r) => r !== 'none'));
      if (!writes || !observes) continue;
      const path = [a.target, ...ctx.graph.upstream(a.target, ['live'])];
      const limited = path.some((id) =>
        ctx.graph.controls(id, 'implemented').some((c) => c.catalog && LIMITS.includes(c.catalog)),
      );
      if (limited) continue;
      hits.push({
        component: a.target,
        attacker: a.id,
        message: `'${a.id}' can send and observe as often as they like: no rate limit or query monitoring on the way to '${a.target}'`,
        path: ctx.attackerPath(a.id),
        evidence: acc
          .filter((e) => e.read.some((r) => r !== 'none'))
          .map((e) => ({ fact: `${a.id} reads [${e.read.join(', ')}] at ${e.component}` })),
      });
    }
    return hits;
  },
};
