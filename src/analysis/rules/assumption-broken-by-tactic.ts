import type { TacticApplicability } from '../result.js';
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
    // One pass over every attacker's applicable tactics, grouped by (component, assumption): in attacker order,
    // then applicability order — the order a scan per assumption would find them in.
    const byAssumption = new Map<string, Array<{ a: string; t: TacticApplicability }>>();
    for (const a of ctx.attackers) {
      for (const t of a.applicable) {
        for (const id of new Set(t.breaksAssumptions)) {
          const key = `${t.component}\u0000${id}`;
          const list = byAssumption.get(key);
          if (list) list.push({ a: a.attacker, t });
          else byAssumption.set(key, [{ a: a.attacker, t }]);
        }
      }
    }
    for (const c of ctx.model.components) {
      (c.assumptions ?? []).forEach((as, ai) => {
        const breakers = byAssumption.get(`${c.id}\u0000${as.id}`) ?? [];
        if (breakers.length === 0) return;
        const tactics = [...new Set(breakers.map((b) => b.t.tactic))].sort();
        const attackers = [...new Set(breakers.map((b) => b.a))].sort();
        const counterIds = new Set<string>();
        const wanted = new Set(tactics);
        for (const k of ctx.catalog.controls) if (k.counters.some((t) => wanted.has(t))) counterIds.add(k.id);
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
