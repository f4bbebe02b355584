import type { Rule, RuleHit } from '../rule.js';

/** A stated assumption is a promise; this rule lists the applicable tactics that break it. */
export const assumptionBrokenByTactic: Rule = {
  id: 'assumption-broken-by-tactic',
  title: 'A stated assumption is broken by an applicable tactic',
  severity: 'high',
  severityReason: "the design relies on something an attacker who meets the tactic's requirements can falsify",
  description:
    "A component's assumption text matches what a catalog tactic breaks, and some attacker meets that tactic's requirements.",
  remediation: [],
  atlas: [],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const c of ctx.model.components) {
      (c.assumptions ?? []).forEach((as, ai) => {
        const breakers = ctx.attackers.flatMap((a) =>
          a.applicable
            .filter((t) => t.component === c.id && t.breaksAssumptions.includes(as.id))
            .map((t) => ({ a: a.attacker, t })),
        );
        if (breakers.length === 0) return;
        const tactics = [...new Set(breakers.map((b) => b.t.tactic))].sort();
        const attackers = [...new Set(breakers.map((b) => b.a))].sort();
        const counterIds = new Set<string>();
        for (const t of tactics) for (const k of ctx.catalog.controls) if (k.counters.includes(t)) counterIds.add(k.id);
        hits.push({
          component: `${c.id}#${as.id}`,
          message: `assumption '${as.id}' of '${c.id}' ("${as.text}") is broken by ${tactics.join(', ')} (usable by ${attackers.join(', ')})`,
          path: [...ctx.componentPath(c.id), 'assumptions', ai],
          evidence: breakers.map((b) => ({ fact: `${b.a} can use ${b.t.tactic} on ${c.id}` })),
          remediation: [...counterIds].sort(),
          atlas: [...new Set(breakers.flatMap((b) => b.t.atlas))].sort(),
        });
      });
    }
    return hits;
  },
};
