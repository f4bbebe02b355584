import type { Rule } from '../rule.js';
import { hasBudget } from './helpers.js';

/** RG Position 2: a threat model without cost cannot say which attack is likely. */
export const attackerWithoutBudget: Rule = {
  id: 'attacker-without-budget',
  title: 'Attacker profile without budget or gain',
  severity: 'medium',
  severityReason: 'without a budget, analysis cannot tell a likely attack from an unaffordable one',
  description: 'An attacker profile states no budget (money, hours, accounts, queries, time) and no gain per success.',
  remediation: ['threat-modeling'],
  atlas: [],
  check(ctx) {
    return ctx.model.attackers
      .filter((a) => !hasBudget(a.budget) && a.gainPerSuccess === undefined)
      .map((a) => ({
        attacker: a.id,
        component: a.target,
        message: `attacker '${a.id}' has no budget and no gainPerSuccess${a.resources === 'nation-state' ? '' : ' (an economically rational attacker stops when the attack costs more than it earns)'}`,
        path: ctx.attackerPath(a.id),
        evidence: [],
      }));
  },
};
