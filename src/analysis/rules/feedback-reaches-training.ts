import type { Rule, RuleHit } from '../rule.js';

const HYGIENE = ['feedback-rate-limit', 'feedback-hygiene', 'training-data-sanitization', 'data-provenance'];

/** The "not spam" click that retrains the filter: attacker-writable feedback that reaches training (poisoning). */
export const feedbackReachesTraining: Rule = {
  id: 'feedback-reaches-training',
  title: 'Attacker-writable feedback reaches training data',
  severity: 'high',
  severityReason:
    'poisoning through feedback needs only accounts and clicks, and its effect persists across retraining',
  description:
    'An attacker can write to a feedback component whose feedback/training flows reach training data or a model, with no implemented feedback-hygiene control on the way.',
  remediation: HYGIENE,
  atlas: ['AML.T0020', 'AML.T0031'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of ctx.model.attackers) {
      for (const acc of a.access ?? []) {
        if (!acc.write.includes('feedback')) continue;
        const reached = [...ctx.graph.reachable(acc.component, ['feedback', 'training'])].filter((id) => {
          const k = ctx.graph.byId.get(id)?.kind;
          return k === 'training-data' || k === 'model';
        });
        if (reached.length === 0) continue;
        const onPath = [acc.component, ...reached].flatMap((id) => ctx.graph.controls(id, 'implemented'));
        const hygiene = onPath.filter((c) => c.catalog && HYGIENE.includes(c.catalog));
        if (hygiene.length) continue;
        hits.push({
          component: acc.component,
          attacker: a.id,
          message: `'${a.id}' writes feedback at '${acc.component}', which reaches ${reached.map((r) => `'${r}'`).join(', ')} with no feedback hygiene in between`,
          path: ctx.componentPath(acc.component),
          evidence: [
            { fact: `${a.id} writes feedback at ${acc.component}` },
            ...reached.map((r) => ({
              fact: `feedback/training flows reach ${r}`,
              location: ctx.positionOf(ctx.componentPath(r)),
            })),
          ],
          severity: 'critical' as const,
          severityReason: 'the attacker writes feedback directly and nothing filters it before retraining',
        });
      }
    }
    return hits;
  },
};
