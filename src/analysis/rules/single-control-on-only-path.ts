import type { Rule, RuleHit } from '../rule.js';

/** Defense in depth: when one control is all that stands between the entry and the decision, one bypass wins. */
export const singleControlOnOnlyPath: Rule = {
  id: 'single-control-on-only-path',
  title: 'One control guards the only path to the decision',
  severity: 'medium',
  severityReason: 'a single bypass of one control reaches the decision',
  description:
    'Between every component an attacker writes live input to and their target, exactly one implemented control stands.',
  remediation: ['human-review', 'rate-limit', 'input-normalization'],
  atlas: ['AML.T0015'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const a of ctx.model.attackers) {
      const entries = (a.access ?? []).filter((e) => e.write.includes('live-input')).map((e) => e.component);
      if (entries.length === 0) continue;
      const between = new Set<string>();
      const upstreamOfTarget = ctx.graph.upstream(a.target, ['live']);
      for (const e of entries) {
        if (e !== a.target && !upstreamOfTarget.has(e)) continue;
        between.add(e);
        for (const id of ctx.graph.reachable(e, ['live'])) if (upstreamOfTarget.has(id)) between.add(id);
      }
      between.add(a.target);
      const controls = [...new Set([...between].flatMap((id) => ctx.graph.controls(id, 'implemented')))];
      if (controls.length !== 1) continue;
      const only = controls[0]!;
      hits.push({
        component: a.target,
        attacker: a.id,
        message: `only '${only.id}' stands between '${a.id}'s input and '${a.target}'`,
        path: ['controls', ctx.model.controls.indexOf(only)],
        evidence: [{ fact: `path components: ${[...between].join(', ')}` }],
      });
    }
    return hits;
  },
};
