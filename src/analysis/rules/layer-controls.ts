import type { Layer } from '../../model/vocabulary.js';
import type { Rule } from '../rule.js';
import { controlsAtLayer } from './helpers.js';

/**
 * RG Observation 4 / Meta's funnel: evasion means getting past every layer. A layer with no control is a layer
 * the attacker gets for free, and the classifier is left to do all the work.
 */
function layerRule(layer: Layer, remediation: string[], atlas: string[], why: string): Rule {
  return {
    id: `no-${layer}-layer-control`,
    title: `No control at the ${layer} layer`,
    severity: 'medium',
    severityReason: `${why}; the application-layer model then carries the whole load`,
    description: `No implemented control guards any component of the ${layer} layer.`,
    remediation,
    atlas,
    check(ctx) {
      const components = ctx.model.components.filter((c) => c.layer === layer);
      if (controlsAtLayer(ctx, layer).length > 0) return [];
      if (components.length === 0 && ctx.model.attackers.every((a) => a.goal === 'poison' || a.goal === 'extract'))
        return [];
      const planned = controlsAtLayer(ctx, layer, 'planned');
      return [
        {
          message:
            components.length === 0
              ? `the model has no ${layer}-layer component at all`
              : `no implemented control on the ${layer} layer (${components.map((c) => c.id).join(', ')})${planned.length ? `; planned: ${planned.map((c) => c.id).join(', ')}` : ''}`,
          path: components[0] ? ctx.componentPath(components[0].id) : ['components'],
          evidence: components.map((c) => ({
            fact: `${c.id} (${c.kind}) has no implemented control`,
            location: ctx.positionOf(ctx.componentPath(c.id)),
          })),
        },
      ];
    },
  };
}

export const noAutomationLayerControl = layerRule(
  'automation',
  ['signup-challenge', 'rate-limit'],
  ['AML.T0021'],
  'scripts and bulk account creation cost the attacker nothing',
);
export const noAccessLayerControl = layerRule(
  'access',
  ['account-reputation'],
  ['AML.T0012', 'AML.T0021'],
  'fresh or bought accounts get write access unchecked',
);
export const noActivityLayerControl = layerRule(
  'activity',
  ['rate-limit', 'template-clustering', 'query-monitoring'],
  ['AML.T0040'],
  'volume, speed and template reuse go unnoticed',
);
