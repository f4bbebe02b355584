import type { Tactic } from '../../catalog/types.js';
import { compareText } from '../../model/resolved.js';
import type { AttackerT } from '../../model/schema.js';
import type { Severity } from '../../model/vocabulary.js';
import type { TacticApplicability } from '../result.js';
import type { Rule, RuleHit } from '../rule.js';

/** A tactic is affordable when one attempt fits inside every budget dimension the attacker states. */
export function affordable(t: Pick<Tactic, 'cost'>, a: AttackerT): boolean {
  const b = a.budget;
  if (!b) return true;
  const c = t.cost;
  return (
    (b.money === undefined || c.money <= b.money) &&
    (b.humanHours === undefined || c.humanHours <= b.humanHours) &&
    (b.implementationHours === undefined || c.implementationHours <= b.implementationHours) &&
    (b.queries === undefined || c.queries <= b.queries) &&
    (b.timeHours === undefined || c.timeHours <= b.timeHours)
  );
}

/**
 * Likelihood-based severity: critical when a practical (non-gradient) tactic likely succeeds, breaks an
 * assumption the designers wrote down, and fits the attacker's budget; high when it likely succeeds; else medium.
 */
function severityOf(list: TacticApplicability[], a: AttackerT): { severity: Severity; reason: string } {
  const practical = list.filter((u) => u.family !== 'model-level');
  const critical = practical.find(
    (u) => u.successProbability >= 0.5 && u.breaksAssumptions.length > 0 && affordable(u, a),
  );
  if (critical) {
    return {
      severity: 'critical',
      reason: `${critical.tactic} succeeds with probability ≈ ${critical.successProbability.toFixed(2)} per attempt, breaks the stated assumption '${critical.breaksAssumptions[0]}', and one attempt fits ${a.id}'s budget`,
    };
  }
  const likely = practical.find((u) => u.successProbability >= 0.3);
  if (likely)
    return {
      severity: 'high',
      reason: `${likely.tactic} succeeds with probability ≈ ${likely.successProbability.toFixed(2)} per attempt and nothing implemented stops it`,
    };
  return {
    severity: 'medium',
    reason: 'open tactics exist but each is unlikely to succeed per attempt, or needs model-level capabilities',
  };
}

/** The core question: where does a practical attacker get through with nothing in the way? */
export const uncounteredTactics: Rule = {
  id: 'uncountered-tactics',
  title: 'Practical tactics with no control in the way',
  severity: 'high',
  severityReason: 'the attacker has every capability the tactic needs and no implemented control counters it',
  description:
    'For each attacker, the catalog tactics whose requirements the attacker meets (write surfaces, observable output, knowledge) and that no implemented control on the live path counters, reported once per tactic at the component it is anchored to.',
  remediation: [],
  atlas: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of ctx.attackers) {
      const attacker = ctx.model.attackers.find((x) => x.id === a.attacker)!;
      const byComponent = new Map<string, TacticApplicability[]>();
      for (const u of a.uncountered.filter((x) => x.primary))
        byComponent.set(u.component, [...(byComponent.get(u.component) ?? []), u]);
      for (const [component, list] of byComponent) {
        list.sort((x, y) => y.successProbability - x.successProbability || compareText(x.tactic, y.tactic));
        const planned = list.filter((u) => u.counteredBy.some((k) => k.status === 'planned'));
        const controlIds = new Set<string>();
        for (const t of list)
          for (const c of ctx.catalog.controls) if (c.counters.includes(t.tactic)) controlIds.add(c.id);
        const sev = severityOf(list, attacker);
        hits.push({
          component,
          attacker: a.attacker,
          message: `${a.attacker} can use ${list.length} tactic${list.length === 1 ? '' : 's'} at ${component} with no implemented control in the way: ${list
            .map((u) => u.tactic)
            .join(', ')}${planned.length ? ` (${planned.length} countered once planned controls ship)` : ''}`,
          path: ctx.componentPath(component),
          evidence: list.map((u) => ({
            fact: `${u.tactic} (${u.tacticName}): success per attempt ≈ ${u.successProbability.toFixed(2)}${u.breaksAssumptions.length ? `; breaks assumption ${u.breaksAssumptions.join(', ')}` : ''}${u.counteredBy.length ? `; planned: ${u.counteredBy.map((k) => k.control).join(', ')}` : ''}`,
          })),
          severity: sev.severity,
          severityReason: sev.reason,
          remediation: [...controlIds].sort(),
          atlas: [...new Set(list.flatMap((u) => u.atlas))].sort(),
        });
      }
    }
    return hits;
  },
};
