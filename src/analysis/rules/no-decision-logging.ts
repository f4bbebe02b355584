import type { Rule } from '../rule.js';

/** Without decision logs there is no trace to mine for near misses and no baseline to monitor. */
export const noDecisionLogging: Rule = {
  id: 'no-decision-logging',
  title: 'Decisions are not logged',
  severity: 'medium',
  severityReason: 'evasions and probing leave no trace; regression suites and monitoring have nothing to read',
  description: 'No logging component receives live flows from a policy or model.',
  remediation: ['decision-logging'],
  atlas: ['AML.T0015'],
  check(ctx) {
    const deciders = ctx.graph.ofKind('policy', 'model', 'post-processing');
    if (deciders.length === 0) return [];
    const logged = ctx.graph
      .ofKind('logging')
      .some((l) => ctx.graph.incoming(l.id).some((f) => deciders.some((d) => d.id === f.from)));
    if (logged) return [];
    const policy = deciders.find((d) => d.kind === 'policy') ?? deciders[0]!;
    return [
      {
        component: policy.id,
        message: `no logging component receives decisions from ${deciders.map((d) => `'${d.id}'`).join(', ')}`,
        path: ctx.componentPath(policy.id),
        evidence: [{ fact: `${ctx.graph.ofKind('logging').length} logging components, none fed by a decider` }],
      },
    ];
  },
};
