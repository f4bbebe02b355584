import type { Rule } from '../rule.js';
import { implementedControlsOf } from './helpers.js';

/** Attackers adapt over time; without drift and posture monitoring, a slow campaign looks like normal traffic. */
export const noDriftMonitoring: Rule = {
  id: 'no-drift-monitoring',
  title: 'No drift or posture monitoring',
  severity: 'medium',
  severityReason: 'slow adaptation by attackers (and natural drift) goes unnoticed until damage shows',
  description: 'No implemented control monitors input/score drift or a posture baseline.',
  remediation: ['drift-monitoring', 'posture-baseline', 'operational-metrics'],
  atlas: ['AML.T0031', 'AML.T0015'],
  check(ctx) {
    if (ctx.graph.ofKind('model').length === 0) return [];
    if (implementedControlsOf(ctx, ['drift-monitoring', 'posture-baseline']).length > 0) return [];
    const m = ctx.graph.ofKind('model')[0]!;
    return [
      {
        component: m.id,
        message: 'no implemented drift or posture-baseline monitoring covers the models',
        path: ctx.componentPath(m.id),
        evidence: [],
      },
    ];
  },
};
