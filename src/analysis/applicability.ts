/**
 * Which catalog tactics each attacker can use on each component, what counters them, and how likely one attempt
 * gets through today and with planned controls.
 */
import { keywordOccurs } from '../catalog/match.js';
import type { Control as CatalogControl, Tactic } from '../catalog/types.js';
import { compareText } from '../model/resolved.js';
import type { AttackerT, ComponentT, ControlT } from '../model/schema.js';
import type { Goal } from '../model/vocabulary.js';
import { applicabilityIndex } from './applicability-index.js';
import type { ModelGraph } from './graph.js';
import type { AttackerAnalysis, CounterRef, TacticApplicability } from './result.js';

export interface CatalogData {
  tactics: readonly Tactic[];
  controls: readonly CatalogControl[];
}

/** Which tactic families serve which goal. Feedback abuse serves evasion too (poisoning for evasion). */
export const GOAL_FAMILIES: Record<Goal, readonly string[]> = {
  evade: [
    'input-transformation',
    'layout',
    'access-abuse',
    'automation',
    'activity-shaping',
    'feedback-abuse',
    'model-level',
  ],
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
 * Controls that can stop a tactic aimed at `c`: those on `c` itself and on the live path through it (a normalizer
 * upstream, a review downstream), which list the tactic among what they counter. Sorted by control id.
 */
export function countersFor(t: Tactic, c: ComponentT, graph: ModelGraph, catalog: CatalogData): CounterRef[] {
  return [...applicabilityIndex(graph, catalog).countersFor(t, c.id)];
}

/**
 * Choose, per tactic, the one component it is anchored to (see TacticApplicability.primary): the first use under
 * "breaks an assumption, countered, earlier in the tactic's kind list, deeper on the live path, then id". One
 * linear pass per tactic keeping the first minimum — the element a stable sort would put first.
 */
function markPrimary(list: TacticApplicability[], catalog: CatalogData, graph: ModelGraph): void {
  const depth = graph.liveDepth();
  const byTactic = new Map<string, TacticApplicability[]>();
  for (const a of list) {
    const uses = byTactic.get(a.tactic);
    if (uses) uses.push(a);
    else byTactic.set(a.tactic, [a]);
  }
  const tactics = new Map(catalog.tactics.map((t) => [t.id, t]));
  for (const [tacticId, uses] of byTactic) {
    const kinds = tactics.get(tacticId)?.targets.kinds ?? [];
    const kindRank = (u: TacticApplicability) => {
      const k = graph.byId.get(u.component)?.kind;
      const i = k ? kinds.indexOf(k) : -1;
      return i < 0 ? kinds.length : i;
    };
    const keyOf = (u: TacticApplicability) => ({
      u,
      breaks: Number(u.breaksAssumptions.length > 0),
      countered: Number(u.counteredBy.length > 0),
      kind: kindRank(u),
      depth: depth.get(u.component) ?? -1,
    });
    const order = (a: ReturnType<typeof keyOf>, b: ReturnType<typeof keyOf>) =>
      b.breaks - a.breaks ||
      b.countered - a.countered ||
      a.kind - b.kind ||
      b.depth - a.depth ||
      compareText(a.u.component, b.u.component);
    let best: ReturnType<typeof keyOf> | undefined;
    for (const u of uses) {
      const k = keyOf(u);
      if (!best || order(k, best) < 0) best = k;
    }
    if (best) best.u.primary = true;
  }
}

/**
 * Which catalog tactics an attacker can use on each component: the applicability index of the model (shared with
 * the economics layer, so findings and paths see the same capabilities), with each tactic's primary component.
 */
export function analyzeAttacker(attacker: AttackerT, graph: ModelGraph, catalog: CatalogData): AttackerAnalysis {
  const analysis = applicabilityIndex(graph, catalog).analyze(attacker);
  markPrimary(analysis.applicable, catalog, graph);
  return analysis;
}
