import type { Rule } from '../rule.js';
import { implementedControlsOf } from './helpers.js';

/** Logs nobody alerts on: probing bursts and feedback spikes are recorded but no one is told. */
export const noSecurityAlerting: Rule = {
  id: 'no-security-alerting',
  title: 'Logs exist but nothing alerts on attacks',
  severity: 'low',
  severityReason: 'detection happens only when someone reads the logs',
  description: 'The model has logging components but no implemented security-alerting or query-monitoring control.',
  remediation: ['security-alerting', 'query-monitoring'],
  atlas: ['AML.T0040'],
  check(ctx) {
    const logs = ctx.graph.ofKind('logging');
    if (logs.length === 0 || implementedControlsOf(ctx, ['security-alerting', 'query-monitoring']).length > 0)
      return [];
    return [
      {
        component: logs[0]!.id,
        message: `decisions are logged in '${logs[0]!.id}' but no control alerts on probing, template surges or feedback spikes`,
        path: ctx.componentPath(logs[0]!.id),
        evidence: [],
      },
    ];
  },
};
