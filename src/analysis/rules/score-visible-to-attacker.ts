import type { Rule, RuleHit } from '../rule.js';

/** A visible score is a free gradient-free oracle: hill-climbing needs a few hundred queries instead of thousands. */
export const scoreVisibleToAttacker: Rule = {
  id: 'score-visible-to-attacker',
  title: 'Raw score visible to an attacker (a cheap oracle)',
  severity: 'high',
  severityReason:
    'a score turns evasion into cheap hill-climbing (good-word and decision-based attacks need far fewer queries)',
  description:
    'A component outputs a score visible to attackers, or an attacker profile reads a score: each query tells the attacker how close they are.',
  remediation: ['output-minimization', 'query-monitoring', 'rate-limit'],
  atlas: ['AML.T0063', 'AML.T0043.001', 'AML.T0042'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const c of ctx.model.components) {
      const outs = (c.outputs ?? []).filter((o) => o.kind === 'score' && o.visibleTo.includes('attacker'));
      if (outs.length) {
        hits.push({
          component: c.id,
          message: `'${c.id}' shows its score (${outs.map((o) => o.name).join(', ')}) to attackers`,
          path: [...ctx.componentPath(c.id), 'outputs'],
          evidence: outs.map((o) => ({ fact: `output '${o.name}' (score) visible to ${o.visibleTo.join(', ')}` })),
        });
      }
    }
    ctx.model.attackers.forEach((a, ai) => {
      (a.access ?? []).forEach((acc, j) => {
        if (!acc.read.includes('score')) return;
        hits.push({
          component: acc.component,
          attacker: a.id,
          message: `attacker '${a.id}' reads the score of '${acc.component}'`,
          path: ['attackers', ai, 'access', j],
          evidence: [
            {
              fact: `${a.id} access to ${acc.component}: read [${acc.read.join(', ')}]`,
              location: ctx.positionOf(['attackers', ai, 'access', j]),
            },
          ],
        });
      });
    });
    return hits;
  },
};
