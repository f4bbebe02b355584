import type { Rule, RuleHit } from '../rule.js';

/** The core question: where does a practical attacker get through with nothing in the way? */
export const uncounteredTactics: Rule = {
  id: 'uncountered-tactics',
  title: 'Practical tactics with no control in the way',
  severity: 'high',
  severityReason: 'the attacker has every capability the tactic needs and no implemented control counters it',
  description:
    'For each attacker and component, the catalog tactics whose requirements the attacker meets (write surfaces, observable output, knowledge) and that no implemented control on the live path counters.',
  remediation: [],
  atlas: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of ctx.attackers) {
      const byComponent = new Map<string, typeof a.uncountered>();
      for (const u of a.uncountered) byComponent.set(u.component, [...(byComponent.get(u.component) ?? []), u]);
      for (const [component, list] of byComponent) {
        const planned = list.filter((u) => u.counteredBy.some((k) => k.status === 'planned'));
        const controlIds = new Set<string>();
        for (const t of list) {
          for (const c of ctx.catalog.controls) if (c.counters.includes(t.tactic)) controlIds.add(c.id);
        }
        const best = Math.max(...list.map((u) => u.successProbability));
        const critical = best >= 0.5 && list.some((u) => u.family !== 'model-level');
        hits.push({
          component,
          attacker: a.attacker,
          message: `${a.attacker} can use ${list.length} tactic${list.length === 1 ? '' : 's'} on ${component} with no implemented control in the way: ${list
            .map((u) => u.tactic)
            .join(', ')}${planned.length ? ` (${planned.length} would be countered by planned controls)` : ''}`,
          path: ctx.componentPath(component),
          evidence: list.map((u) => ({
            fact: `${u.tactic} (${u.tacticName}): success per attempt ≈ ${u.successProbability.toFixed(2)}${u.breaksAssumptions.length ? `; breaks assumption ${u.breaksAssumptions.join(', ')}` : ''}`,
          })),
          ...(critical
            ? { severity: 'critical' as const, severityReason: `a practical (non-gradient) tactic succeeds with probability ≈ ${best.toFixed(2)} per attempt` }
            : {}),
          remediation: [...controlIds].sort(),
          atlas: [...new Set(list.flatMap((u) => u.atlas))].sort(),
        });
      }
    }
    return hits;
  },
};
