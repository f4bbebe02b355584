/**
 * Re-analysis of a changed model: today's cheapest path per attacker. The recommendation engine calls it once per
 * candidate change, so it uses the indexed applicability analysis and skips everything but the cheapest path.
 */
import type { CostVector } from '../../model/cost.js';
import type { ControlT, SystemModel } from '../../model/schema.js';
import type { CatalogData } from '../applicability.js';
import { ApplicabilityIndex } from './applicability-index.js';
import { economicsContext } from './context.js';
import { attackerPathSet } from './paths.js';
import { attackerRoute, relevantComponents } from './route.js';
import type { AttackPath, Scenario } from './types.js';

export interface PathsByAttacker {
  /** attacker id → cheapest path (null: blocked). */
  cheapest: Map<string, AttackPath | null>;
}

export function cheapestPaths(
  model: SystemModel,
  catalog: CatalogData,
  weights: CostVector,
  scenario: Scenario = 'today',
  maxLabelsPerStage?: number,
): PathsByAttacker {
  const index = new ApplicabilityIndex(model, catalog);
  const ctx = economicsContext(model, catalog);
  const cheapest = new Map<string, AttackPath | null>();
  for (const a of model.attackers) {
    const route = attackerRoute(a, ctx.graph);
    const analysis = index.analyze(a, relevantComponents(ctx.graph, route));
    const set = attackerPathSet(
      ctx,
      a,
      analysis,
      scenario,
      { weights, maxParetoReported: 1, ...(maxLabelsPerStage ? { maxLabelsPerStage } : {}) },
      route,
    );
    cheapest.set(a.id, set.cheapest);
  }
  return { cheapest };
}

/** The model with one control added (status implemented). */
export function withControl(model: SystemModel, control: ControlT): SystemModel {
  return { ...model, controls: [...model.controls, control] };
}

/** The model without one control (also unlinked from components that list it). */
export function withoutControl(model: SystemModel, id: string): SystemModel {
  const controls = model.controls.filter((c) => c.id !== id);
  // Keep the same components array when no component lists the control: indexes cache per components array.
  if (!model.components.some((c) => c.controls?.includes(id))) return { ...model, controls };
  return {
    ...model,
    controls,
    components: model.components.map((c) =>
      c.controls?.includes(id) ? { ...c, controls: c.controls.filter((x) => x !== id) } : c,
    ),
  };
}

/** The model with one planned control implemented. */
export function withImplemented(model: SystemModel, id: string): SystemModel {
  return {
    ...model,
    controls: model.controls.map((c) => (c.id === id ? { ...c, status: 'implemented' as const } : c)),
  };
}
