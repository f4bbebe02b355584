/**
 * The primitive questions about one tactic, one component and one control that the applicability index and the
 * rules ask: does the tactic aim at the component, which assumptions does it break, what does a control counter and
 * how well. Kept apart from applicability.ts so that the index (which applicability.ts answers through) can use
 * them without an import circle.
 */
import { keywordOccurs } from '../catalog/match.js';
import { type Control as CatalogControl, TACTIC_FAMILIES, type Tactic, type TacticFamily } from '../catalog/types.js';
import type { CostSpread } from '../model/cost.js';
import type { ComponentT, ControlT } from '../model/schema.js';
import type { Goal } from '../model/vocabulary.js';
import type { ModelGraph } from './graph.js';

export interface CatalogData {
  tactics: readonly Tactic[];
  controls: readonly CatalogControl[];
  /**
   * Catalog control id → tactic id → how well it stops that tactic, where a model's own knowledge says so
   * (a custom control's `counters: [{tactic, effectiveness}]`, a custom tactic's `counteredBy`).
   */
  counterEffectiveness?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Tactic id → the cost dimensions a model gave as ranges (`cost` holds their means). */
  costSpread?: ReadonlyMap<string, CostSpread>;
}

/** Which tactic families serve which goal. Feedback abuse serves evasion too (poisoning for evasion). */
export const GOAL_FAMILIES: Record<Goal, readonly TacticFamily[]> = {
  evade: TACTIC_FAMILIES,
  abuse: ['input-transformation', 'layout', 'access-abuse', 'automation', 'activity-shaping', 'feedback-abuse'],
  poison: ['feedback-abuse', 'access-abuse', 'automation'],
  extract: ['model-level', 'automation', 'access-abuse'],
  disrupt: ['automation', 'activity-shaping', 'access-abuse', 'feedback-abuse'],
};

export function targetsComponent(t: Tactic, c: ComponentT, graph?: ModelGraph): boolean {
  if (!t.targets.kinds.includes(c.kind)) return false;
  if (t.targets.layers && c.layer && !t.targets.layers.includes(c.layer)) return false;
  const wanted = t.targets.modalities;
  if (!wanted) return true;
  if (c.modality) return wanted.includes(c.modality);
  // A component without a stated modality (a policy, a feature store) sees what its live inputs carry: when some
  // upstream component states a modality, the tactic needs one of those; with no information at all, assume it may
  // apply (an image-hash trick is not a risk for a text-only pipeline, but an undescribed one might take images).
  if (!graph) return true;
  const upstream = [...graph.upstream(c.id, ['live'])]
    .map((id) => graph.byId.get(id)?.modality)
    .filter((m): m is NonNullable<ComponentT['modality']> => m !== undefined);
  return upstream.length === 0 || upstream.some((m) => wanted.includes(m));
}

export function assumptionsBroken(t: Tactic, c: ComponentT): string[] {
  return (c.assumptions ?? [])
    .filter((a) => !a.excludedFromAnalysis)
    .filter((a) => {
      return t.breaks.some((k) => keywordOccurs(a.text, k));
    })
    .map((a) => a.id);
}

const catalogControls = new WeakMap<CatalogData, Map<string, CatalogControl>>();

/** Catalog controls by id (a map per catalog object: control look-ups sit in the inner loops). */
function catalogControl(catalog: CatalogData, id: string | undefined): CatalogControl | undefined {
  if (id === undefined) return undefined;
  let byId = catalogControls.get(catalog);
  if (!byId) {
    byId = new Map();
    // First occurrence wins, as a linear find would.
    for (const c of catalog.controls) if (!byId.has(c.id)) byId.set(c.id, c);
    catalogControls.set(catalog, byId);
  }
  return byId.get(id);
}

/** The tactic ids a model control counters: its own list, else its catalog control's. */
export function controlCounters(ctl: ControlT, catalog: CatalogData): readonly string[] {
  if (ctl.counters) return ctl.counters;
  return catalogControl(catalog, ctl.catalog)?.counters ?? [];
}

export function controlEffectiveness(ctl: ControlT, catalog: CatalogData): number {
  return ctl.effectiveness ?? catalogControl(catalog, ctl.catalog)?.effectiveness ?? 0.5;
}

/**
 * How well a model control stops one tactic, most specific first: the control's `effectivenessAgainst` for the
 * tactic (this system), its own `effectiveness`, the catalog's per-tactic figure, the catalog control's default.
 */
export function controlEffectivenessAgainst(ctl: ControlT, catalog: CatalogData, tacticId: string): number {
  const own = ctl.effectivenessAgainst?.[tacticId];
  if (own !== undefined) return own;
  if (ctl.effectiveness !== undefined) return ctl.effectiveness;
  const perTactic = ctl.catalog ? catalog.counterEffectiveness?.get(ctl.catalog)?.get(tacticId) : undefined;
  return perTactic ?? controlEffectiveness(ctl, catalog);
}

/** True when some tactic gets a figure of its own from this control (so counters must ask per tactic). */
export function hasPerTacticEffectiveness(ctl: ControlT, catalog: CatalogData): boolean {
  if (ctl.effectivenessAgainst && Object.keys(ctl.effectivenessAgainst).length > 0) return true;
  return (
    ctl.effectiveness === undefined && ctl.catalog !== undefined && !!catalog.counterEffectiveness?.has(ctl.catalog)
  );
}
