import type { Rule, RuleHit } from '../rule.js';

const CONSISTENCY = ['training-serving-consistency', 'feature-pipeline-integrity'];

/**
 * When training data reaches a model without going through the preprocessing its live input goes through, the
 * model learns features it never sees in serving (and attackers exploit the gap).
 */
export const trainingServingSkew: Rule = {
  id: 'training-serving-skew',
  title: 'Training and serving preprocessing may differ',
  severity: 'medium',
  severityReason: 'skew silently degrades detection and hides which preprocessing assumptions the model relies on',
  description:
    'A preprocessing step declares a training implementation different from its serving one, or training data reaches a model around the live-path preprocessing with no training-serving consistency control and no component marked `properties.sharedWithTraining: true`.',
  remediation: CONSISTENCY,
  atlas: ['AML.T0020'],
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const m of ctx.graph.ofKind('model')) {
      const livePre = [...ctx.graph.upstream(m.id, ['live'])]
        .map((id) => ctx.graph.byId.get(id)!)
        .filter((c) => c.kind === 'preprocessing' || c.kind === 'feature-extraction');
      const explicit = livePre.filter((c) => {
        const t = c.properties?.trainingImplementation;
        return typeof t === 'string' && t !== c.implementation;
      });
      const trainingIn = ctx.graph.incoming(m.id, ['training']);
      const bypass =
        trainingIn.length > 0 && livePre.length > 0 && !livePre.some((c) => c.properties?.sharedWithTraining === true);
      const guarded = [m.id, ...livePre.map((c) => c.id)].some((id) =>
        ctx.graph.controls(id, 'implemented').some((c) => c.catalog && CONSISTENCY.includes(c.catalog)),
      );
      if (explicit.length === 0 && (!bypass || guarded)) continue;
      hits.push({
        component: m.id,
        message:
          explicit.length > 0
            ? `'${m.id}' is trained with different preprocessing than it serves with (${explicit.map((c) => `${c.id}: ${c.implementation ?? '?'} vs ${String(c.properties?.trainingImplementation)}`).join('; ')})`
            : `training data reaches '${m.id}' around its live preprocessing (${livePre.map((c) => c.id).join(', ')}); nothing states that training uses the same steps`,
        path: ctx.componentPath(m.id),
        evidence: [
          ...trainingIn.map((f) => ({
            fact: `training flow ${f.from} → ${m.id}`,
            location: ctx.positionOf(['flows', ctx.model.flows.indexOf(f)]),
          })),
          ...livePre.map((c) => ({
            fact: `live preprocessing ${c.id}`,
            location: ctx.positionOf(ctx.componentPath(c.id)),
          })),
        ],
      });
    }
    return hits;
  },
};
