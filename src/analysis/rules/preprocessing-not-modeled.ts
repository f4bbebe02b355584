import type { Rule } from '../rule.js';

/** RG Observation 1: a model is one component; what feeds it (parsing, rendering, tokenizing) is where tricks land. */
export const preprocessingNotModeled: Rule = {
  id: 'preprocessing-not-modeled',
  title: 'Model fed straight from an input source',
  severity: 'medium',
  severityReason: 'analysis cannot see the parsing and feature steps that practical tactics target',
  description:
    'A model receives live data directly from an input source: the preprocessing and feature extraction in between are not modeled, so the assumptions they make cannot be checked.',
  remediation: ['threat-modeling', 'feature-pipeline-integrity'],
  atlas: ['AML.T0043.003'],
  check(ctx) {
    return ctx.graph.ofKind('model').flatMap((m) => {
      const direct = ctx.graph
        .incoming(m.id, ['live'])
        .filter((f) => ctx.graph.byId.get(f.from)?.kind === 'input-source');
      if (direct.length === 0) return [];
      return [
        {
          component: m.id,
          message: `model '${m.id}' takes live input straight from ${direct.map((f) => `'${f.from}'`).join(', ')}; model the preprocessing and feature extraction between them`,
          path: ctx.componentPath(m.id),
          evidence: direct.map((f) => ({
            fact: `live flow ${f.from} → ${m.id}`,
            location: ctx.positionOf(['flows', ctx.model.flows.indexOf(f)]),
          })),
        },
      ];
    });
  },
};
