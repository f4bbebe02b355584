import type { Rule } from '../rule.js';

/** RG §V: defenders reach for adversarial training, but practical attackers route around the model. */
export const modelHardeningOnly: Rule = {
  id: 'model-hardening-only',
  title: 'Only model hardening guards the path',
  severity: 'high',
  severityReason:
    'model hardening does not stop account, activity, layout or feedback tactics, which never touch the gradient',
  description:
    "Every implemented control on the live path to an attacker's target is model hardening (adversarial training, ensembles); no system control (normalization, rate limits, reputation, review) is in the way.",
  remediation: ['input-normalization', 'rate-limit', 'account-reputation', 'human-review'],
  atlas: ['AML.T0015'],
  check(ctx) {
    const hardening = new Set(ctx.catalog.controls.filter((c) => c.category === 'model-hardening').map((c) => c.id));
    return ctx.model.attackers.flatMap((a) => {
      const path = [a.target, ...ctx.graph.upstream(a.target, ['live'])];
      const controls = [...new Set(path.flatMap((id) => ctx.graph.controls(id, 'implemented')))];
      if (controls.length === 0 || !controls.every((c) => c.catalog && hardening.has(c.catalog))) return [];
      return [
        {
          component: a.target,
          attacker: a.id,
          message: `the only implemented controls between '${a.id}' and '${a.target}' are model hardening (${controls.map((c) => c.id).join(', ')})`,
          path: ctx.attackerPath(a.id),
          evidence: controls.map((c) => ({
            fact: `${c.id}: ${c.catalog}`,
            location: ctx.positionOf(['controls', ctx.model.controls.indexOf(c)]),
          })),
        },
      ];
    });
  },
};
