import type { Rule } from '../rule.js';

/** A component with no flows is invisible to path analysis; usually a modeling slip. */
export const unconnectedComponent: Rule = {
  id: 'unconnected-component',
  title: 'Component connected by no flow',
  severity: 'low',
  severityReason: 'analysis cannot reason about how data reaches or leaves it',
  description: 'A component has no incoming or outgoing flow.',
  remediation: ['threat-modeling'],
  atlas: [],
  check(ctx) {
    if (ctx.model.flows.length === 0) return [];
    return ctx.model.components
      .filter((c) => ctx.graph.incoming(c.id).length === 0 && ctx.graph.outgoing(c.id).length === 0)
      .map((c) => ({
        component: c.id,
        message: `'${c.id}' has no flows; connect it or remove it`,
        path: ctx.componentPath(c.id),
        evidence: [],
      }));
  },
};
