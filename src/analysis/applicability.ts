/**
 * Which catalog tactics each attacker can use on each component, what counters them, and how likely one attempt
 * gets through today and with planned controls.
 */
import { keywordOccurs } from '../catalog/match.js';
import type { Control as CatalogControl, Tactic } from '../catalog/types.js';
import type { AttackerT, ComponentT, ControlT } from '../model/schema.js';
import type { Goal } from '../model/vocabulary.js';
import { effectiveAccess, knowledgeAtLeast } from './capabilities.js';
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

/** The tactic ids a model control counters: its own list, else its catalog control's. */
export function controlCounters(ctl: ControlT, catalog: CatalogData): readonly string[] {
  if (ctl.counters) return ctl.counters;
  return catalog.controls.find((c) => c.id === ctl.catalog)?.counters ?? [];
}

export function controlEffectiveness(ctl: ControlT, catalog: CatalogData): number {
  return ctl.effectiveness ?? catalog.controls.find((c) => c.id === ctl.catalog)?.effectiveness ?? 0.5;
}

/**
 * Controls that can stop a tactic aimed at `c`: those on `c` itself and on the live path through it (a normalizer
 * upstream, a review downstream), which list the tactic among what they counter.
 */
export function countersFor(t: Tactic, c: ComponentT, graph: ModelGraph, catalog: CatalogData): CounterRef[] {
  const around = new Set([c.id, ...graph.upstream(c.id, ['live']), ...graph.reachable(c.id, ['live'])]);
  const seen = new Set<string>();
  const out: CounterRef[] = [];
  for (const id of around) {
    for (const ctl of graph.controls(id)) {
      if (seen.has(ctl.id) || !controlCounters(ctl, catalog).includes(t.id)) continue;
      seen.add(ctl.id);
      out.push({
        control: ctl.id,
        ...(ctl.catalog ? { catalog: ctl.catalog } : {}),
        effectiveness: controlEffectiveness(ctl, catalog),
        status: ctl.status,
      });
    }
  }
  return out.sort((a, b) => a.control.localeCompare(b.control));
}

function survive(base: number, counters: CounterRef[]): number {
  return counters.reduce((p, c) => p * (1 - c.effectiveness), base);
}

/** Choose, per tactic, the one component it is anchored to (see TacticApplicability.primary). */
function markPrimary(list: TacticApplicability[], catalog: CatalogData, graph: ModelGraph): void {
  const depth = graph.liveDepth();
  const byTactic = new Map<string, TacticApplicability[]>();
  for (const a of list) byTactic.set(a.tactic, [...(byTactic.get(a.tactic) ?? []), a]);
  for (const [tacticId, uses] of byTactic) {
    const kinds = catalog.tactics.find((t) => t.id === tacticId)?.targets.kinds ?? [];
    const kindRank = (u: TacticApplicability) => {
      const k = graph.byId.get(u.component)?.kind;
      const i = k ? kinds.indexOf(k) : -1;
      return i < 0 ? kinds.length : i;
    };
    const best = [...uses].sort(
      (a, b) =>
        Number(b.breaksAssumptions.length > 0) - Number(a.breaksAssumptions.length > 0) ||
        Number(b.counteredBy.length > 0) - Number(a.counteredBy.length > 0) ||
        kindRank(a) - kindRank(b) ||
        (depth.get(b.component) ?? -1) - (depth.get(a.component) ?? -1) ||
        a.component.localeCompare(b.component),
    )[0];
    if (best) best.primary = true;
  }
}

export function analyzeAttacker(attacker: AttackerT, graph: ModelGraph, catalog: CatalogData): AttackerAnalysis {
  const access = effectiveAccess(attacker, graph);
  const families = GOAL_FAMILIES[attacker.goal];
  const allowed = attacker.tactics ? new Set(attacker.tactics) : undefined;
  const applicable: TacticApplicability[] = [];
  let notApplicableCount = 0;
  for (const c of graph.model.components) {
    const acc = access.get(c.id)!;
    for (const t of catalog.tactics) {
      if (!families.includes(t.family) || (allowed && !allowed.has(t.id)) || !targetsComponent(t, c, graph)) continue;
      const missing: string[] = [];
      for (const w of t.requires.write) if (!acc.write.has(w)) missing.push(`write ${w}`);
      if (t.requires.read && t.requires.read.length > 0 && !t.requires.read.some((r) => acc.read.has(r))) {
        missing.push(`read ${t.requires.read.join('|')}`);
      }
      if (!knowledgeAtLeast(acc.knowledge, t.requires.knowledge)) missing.push(`knowledge ${t.requires.knowledge}`);
      if (missing.length > 0) {
        notApplicableCount++;
        continue;
      }
      const counters = countersFor(t, c, graph, catalog);
      const implemented = counters.filter((k) => k.status === 'implemented');
      applicable.push({
        tactic: t.id,
        tacticName: t.name,
        family: t.family,
        component: c.id,
        applicable: true,
        missing,
        counteredBy: counters,
        successProbability: survive(t.baseSuccess, implemented),
        plannedSuccessProbability: survive(t.baseSuccess, counters),
        breaksAssumptions: assumptionsBroken(t, c),
        primary: false,
        cost: t.cost,
        atlas: t.atlas,
      });
    }
  }
  markPrimary(applicable, catalog, graph);
  return {
    attacker: attacker.id,
    goal: attacker.goal,
    target: attacker.target,
    applicable,
    uncountered: applicable.filter((a) => !a.counteredBy.some((k) => k.status === 'implemented')),
    notApplicableCount,
  };
}
