import type { Rule, RuleHit } from '../rule.js';

const PROVENANCE = ['data-provenance', 'training-data-sanitization', 'feedback-hygiene'];

/** Direct write access to training data is the shortest path to a backdoor (ATLAS AML.T0020). */
export const attackerWritesTrainingData: Rule = {
  id: 'attacker-writes-training-data',
  title: 'Attacker writes training data with no provenance check',
  severity: 'critical',
  severityReason: 'poisoned training data changes every future decision of the model',
  description:
    'An attacker profile has write access to training data, and no implemented provenance or sanitization control guards it.',
  remediation: PROVENANCE,
  atlas: ['AML.T0020'],
  check(ctx) {
    const hits: RuleHit[] = [];
    ctx.model.attackers.forEach((a, ai) => {
      (a.access ?? []).forEach((acc, j) => {
        if (!acc.write.includes('training-data')) return;
        if (ctx.graph.controls(acc.component, 'implemented').some((c) => c.catalog && PROVENANCE.includes(c.catalog)))
          return;
        hits.push({
          component: acc.component,
          attacker: a.id,
          message: `'${a.id}' writes training data at '${acc.component}' and nothing checks its provenance`,
          path: ['attackers', ai, 'access', j],
          evidence: [{ fact: `${a.id} access to ${acc.component}: write [${acc.write.join(', ')}]` }],
        });
      });
    });
    return hits;
  },
};
