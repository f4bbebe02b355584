/**
 * Re-analysis of a changed model: today's cheapest path per attacker. The recommendation engine calls it once per
 * candidate change, so it skips everything but the cheapest path and recomputes only the attackers the change can
 * reach (cheapestPathsAfter).
 */
import type { CostVector } from '../../model/cost.js';
import type { AttackerT, ControlT, SystemModel } from '../../model/schema.js';
import { type CatalogData, controlCounters } from '../applicability.js';
import { applicabilityIndex, type CounterReads, deriveIndex, tacticIndexOf } from '../applicability-index.js';
import { modelGraph } from '../graph.js';
import { economicsContext } from './context.js';
import { attackerPathSet } from './paths.js';
import { attackerRoute, relevantComponents } from './route.js';
import type { AttackPath, Scenario } from './types.js';

export interface PathsByAttacker {
  /** attacker id → cheapest path (null: blocked). */
  cheapest: Map<string, AttackPath | null>;
}

interface Footprint {
  /** Counter look-ups the attacker's path search made (tactic index × components + component index). */
  reads: CounterReads;
  /** Route component indices (their controls decide whether a stage is a barrier). */
  route: Uint8Array;
}

/**
 * Today's cheapest paths of a model, with what each attacker's search read, so re-analysis of a changed model can
 * recompute only the attackers a change can affect (incremental what-if).
 */
export interface WhatIfBase extends PathsByAttacker {
  model: SystemModel;
  catalog: CatalogData;
  weights: CostVector;
  scenario: Scenario;
  maxLabelsPerStage?: number;
  footprints: Map<string, Footprint>;
}

function pathsFor(
  model: SystemModel,
  catalog: CatalogData,
  weights: CostVector,
  scenario: Scenario,
  maxLabelsPerStage: number | undefined,
  attackers: readonly AttackerT[],
  footprints?: Map<string, Footprint>,
): Map<string, AttackPath | null> {
  const base = economicsContext(model, catalog);
  const cheapest = new Map<string, AttackPath | null>();
  for (const a of attackers) {
    const reads: CounterReads | undefined = footprints ? new Set() : undefined;
    const ctx = reads ? { ...base, reads } : base;
    const route = attackerRoute(a, ctx.graph);
    const analysis = ctx.index.analyze(a, relevantComponents(ctx.graph, route), reads);
    const set = attackerPathSet(
      ctx,
      a,
      analysis,
      scenario,
      { weights, maxParetoReported: 1, ...(maxLabelsPerStage ? { maxLabelsPerStage } : {}) },
      route,
    );
    cheapest.set(a.id, set.cheapest);
    if (footprints && reads) {
      const onRoute = new Uint8Array(ctx.graph.size);
      for (const id of route.components) {
        const i = ctx.graph.indexOf.get(id);
        if (i !== undefined) onRoute[i] = 1;
      }
      footprints.set(a.id, { reads, route: onRoute });
    }
  }
  return cheapest;
}

export function cheapestPaths(
  model: SystemModel,
  catalog: CatalogData,
  weights: CostVector,
  scenario: Scenario = 'today',
  maxLabelsPerStage?: number,
): PathsByAttacker {
  return { cheapest: pathsFor(model, catalog, weights, scenario, maxLabelsPerStage, model.attackers) };
}

/** Cheapest paths of a model, remembering what each attacker's search read (the base of incremental what-if). */
export function whatIfBase(
  model: SystemModel,
  catalog: CatalogData,
  weights: CostVector,
  scenario: Scenario = 'today',
  maxLabelsPerStage?: number,
): WhatIfBase {
  const footprints = new Map<string, Footprint>();
  const cheapest = pathsFor(model, catalog, weights, scenario, maxLabelsPerStage, model.attackers, footprints);
  return {
    model,
    catalog,
    weights,
    scenario,
    ...(maxLabelsPerStage ? { maxLabelsPerStage } : {}),
    cheapest,
    footprints,
  };
}

/**
 * Cheapest paths of `changed` — the base model with the controls `changedControls` added, removed or re-statused
 * (components, flows, attackers and dependencies unchanged) — recomputing only the attackers the change can affect.
 *
 * A control counters a tactic at a component when it guards the component or one up or down its live path; so a
 * change to controls guarding S, countering tactics T, can only change a counter look-up (t, c) with t in T and c in
 * S or up or down the live path from S, and a stage barrier on S. An attacker whose search made no such look-up
 * and whose route avoids S gets exactly the base answer, so it is reused. The changed model's applicability index
 * is derived from the base model's: only counters around the touched components are recomputed.
 */
export function cheapestPathsAfter(
  base: WhatIfBase,
  changed: SystemModel,
  changedControls: readonly string[],
): PathsByAttacker {
  const before = modelGraph(base.model);
  const after = modelGraph(changed);
  const n = before.size;
  const guarded = new Set<number>();
  const tactics = new Set<number>();
  const tacticIndex = tacticIndexOf(base.catalog);
  for (const id of changedControls) {
    for (const graph of [before, after]) {
      for (const c of graph.guardedComponents(id)) {
        const i = graph.indexOf.get(c);
        if (i !== undefined) guarded.add(i);
      }
      const ctl = graph.controlById.get(id);
      if (!ctl) continue;
      for (const t of controlCounters(ctl, base.catalog)) {
        const ti = tacticIndex.get(t);
        if (ti !== undefined) tactics.add(ti);
      }
    }
  }
  const touched = new Uint8Array(n);
  const starts = [...guarded];
  for (const i of starts) touched[i] = 1;
  before.walk(starts, before.downIndex('live'), (i) => (touched[i] = 1));
  before.walk(starts, before.upIndex('live'), (i) => (touched[i] = 1));
  const affected = changed.attackers.filter((a) => {
    const f = base.footprints.get(a.id);
    if (!f) return true;
    for (const i of starts) if (f.route[i]) return true;
    for (const key of f.reads) if (touched[key % n] && tactics.has(Math.floor(key / n))) return true;
    return false;
  });
  if (affected.length > 0) deriveIndex(applicabilityIndex(before, base.catalog), after, changedControls, touched);
  const recomputed = pathsFor(changed, base.catalog, base.weights, base.scenario, base.maxLabelsPerStage, affected);
  const cheapest = new Map<string, AttackPath | null>();
  for (const a of changed.attackers) {
    cheapest.set(a.id, recomputed.has(a.id) ? recomputed.get(a.id)! : (base.cheapest.get(a.id) ?? null));
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
