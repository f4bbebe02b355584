/**
 * Control recommendations by what-if re-analysis:
 * - add: each catalog control that counters a step of some attacker's cheapest path today, put on the components
 *   where it counters that step (or the nearest route component of a kind it guards), and each planned control
 *   implemented — ranked by attacker cost raised per unit of defender cost;
 * - existing: each implemented control removed — what the defence would lose;
 * - simple defences: the catalog's cheap heuristic per cheapest-path step, and whether the best simple control
 *   defuses the path (raises it by DEFUSE_FACTOR or blocks it);
 * - hardening: every model-hardening control added on every model at once — where that alone leaves the path open.
 *
 * Attacker cost raised = Σ over attackers of the change in the cheapest path's weighted cost (with the stated
 * weights). A change that leaves an attacker with no path at all ranks above every finite one (`blocksSome`).
 */
import type { Control as CatalogControl } from '../../catalog/types.js';
import { type CostVector, defenderCostOf, defenderCostScalar } from '../../model/cost.js';
import { compareText } from '../../model/resolved.js';
import type { ControlT, SystemModel } from '../../model/schema.js';
import type { CatalogData } from '../applicability.js';
import { ModelGraph } from '../graph.js';
import { catalogIndex } from './catalog-index.js';
import { COST_EPSILON, DEFUSE_FACTOR, MAX_WHAT_IF_CANDIDATES } from './defaults.js';
import { controlDefenderCost } from './defender.js';
import { attackerRoute } from './route.js';
import type {
  AttackPath,
  ControlCandidate,
  ControlDelta,
  HardeningCheck,
  Recommendations,
  SimpleDefence,
} from './types.js';
import { cheapestPathsAfter, whatIfBase, withControl, withImplemented, withoutControl } from './what-if.js';

export interface RecommendInput {
  model: SystemModel;
  catalog: CatalogData;
  weights: CostVector;
  /** Today's cheapest path per attacker (already computed by the caller). */
  baseline: Map<string, AttackPath | null>;
  maxCandidates?: number;
  /** Called after each what-if re-analysis (done, total), for progress on large models. */
  onProgress?: (done: number, total: number) => void;
}

function deltas(baseline: Map<string, AttackPath | null>, after: Map<string, AttackPath | null>): ControlDelta[] {
  return [...baseline.entries()].map(([attacker, b]) => {
    const a = after.get(attacker) ?? null;
    const before = b ? b.weightedCost : null;
    const afterCost = a ? a.weightedCost : null;
    return {
      attacker,
      before,
      after: afterCost,
      delta: before !== null && afterCost !== null ? afterCost - before : null,
      ...(b && !a ? { blocks: true } : {}),
      ...(!b && a ? { opens: true } : {}),
      ...(a ? { cheapestAfter: a.key } : {}),
    };
  });
}

function candidate(
  base: Omit<ControlCandidate, 'perAttacker' | 'attackerCostRaised' | 'ratio' | 'blocksSome'>,
  perAttacker: ControlDelta[],
): ControlCandidate {
  const raised = perAttacker.reduce((s, d) => s + (d.delta ?? 0), 0);
  const ratio = base.defenderCost > 0 ? raised / base.defenderCost : null;
  return {
    ...base,
    perAttacker,
    attackerCostRaised: raised,
    ratio,
    blocksSome: perAttacker.some((d) => d.blocks === true),
  };
}

/** Blocking first; then higher ratio; a free control that raises cost ranks above any paid one; then id. */
function byValue(a: ControlCandidate, b: ControlCandidate): number {
  if (a.blocksSome !== b.blocksSome) return a.blocksSome ? -1 : 1;
  const score = (c: ControlCandidate) =>
    c.ratio !== null ? c.ratio : c.attackerCostRaised > COST_EPSILON ? Number.POSITIVE_INFINITY : 0;
  return score(b) - score(a) || b.attackerCostRaised - a.attackerCostRaised || compareText(a.control, b.control);
}

/** Where to put a catalog control against a path step: the step's components it guards, else the nearest on route. */
function placement(ctl: CatalogControl, components: string[], route: string[], graph: ModelGraph): string[] {
  const guarded = (id: string) => {
    const kind = graph.byId.get(id)?.kind;
    return kind !== undefined && ctl.guards.includes(kind);
  };
  const direct = components.filter(guarded);
  if (direct.length > 0) return direct;
  const first = route.find(guarded);
  return first ? [first] : [];
}

function proposeAdditions(
  input: RecommendInput,
  graph: ModelGraph,
): Array<{ ctl: CatalogControl; on: string[]; hits: number }> {
  const { model, catalog, baseline } = input;
  const found = new Map<string, { ctl: CatalogControl; on: Set<string>; hits: number }>();
  // Implemented model controls by catalog id, and catalog controls by the tactics they counter (map look-ups in the
  // loop over every attacker's path steps).
  const implementedByCatalog = new Map<string, ControlT[]>();
  for (const c of model.controls) {
    if (c.status !== 'implemented' || c.catalog === undefined) continue;
    const list = implementedByCatalog.get(c.catalog);
    if (list) list.push(c);
    else implementedByCatalog.set(c.catalog, [c]);
  }
  const countering = new Map<string, CatalogControl[]>();
  for (const ctl of catalog.controls) {
    for (const t of new Set(ctl.counters)) {
      const list = countering.get(t);
      if (list) list.push(ctl);
      else countering.set(t, [ctl]);
    }
  }
  for (const attacker of model.attackers) {
    const path = baseline.get(attacker.id);
    if (!path) continue;
    const route = attackerRoute(attacker, graph).components;
    for (const step of path.steps) {
      if (!step.tactic || !step.component) continue;
      for (const ctl of countering.get(step.tactic) ?? []) {
        const comps = [step.component, ...(step.alsoAt ?? []), ...(step.landsOn ? [step.landsOn] : [])];
        const on = placement(ctl, comps, route, graph);
        if (on.length === 0) continue;
        const already = (implementedByCatalog.get(ctl.id) ?? []).some((c) => on.every((id) => c.on.includes(id)));
        if (already) continue;
        const entry = found.get(ctl.id) ?? { ctl, on: new Set<string>(), hits: 0 };
        for (const id of on) entry.on.add(id);
        entry.hits++;
        found.set(ctl.id, entry);
      }
    }
  }
  return [...found.values()]
    .sort((a, b) => b.hits - a.hits || compareText(a.ctl.id, b.ctl.id))
    .slice(0, input.maxCandidates ?? MAX_WHAT_IF_CANDIDATES)
    .map((e) => ({ ctl: e.ctl, on: [...e.on].sort(), hits: e.hits }));
}

function whatIfControl(ctl: CatalogControl, on: string[]): ControlT {
  return { id: `what-if-${ctl.id}`, catalog: ctl.id, on, status: 'implemented' };
}

export function recommend(input: RecommendInput): Recommendations {
  const { model, catalog, weights, baseline } = input;
  const graph = new ModelGraph(model);
  const index = catalogIndex(catalog);
  const proposals = proposeAdditions(input, graph);
  const total =
    proposals.length + model.controls.length + (catalog.controls.some((c) => c.category === 'model-hardening') ? 1 : 0);
  let done = 0;
  // Incremental what-if: the unchanged model's paths once, with what each attacker's search read; each candidate
  // then recomputes only the attackers its controls can reach.
  const base = whatIfBase(model, catalog, weights);
  const rerun = (m: SystemModel, changed: readonly string[]) => {
    const out = cheapestPathsAfter(base, m, changed).cheapest;
    input.onProgress?.(++done, total);
    return out;
  };

  const added: ControlCandidate[] = [];
  const afterByCatalog = new Map<string, Map<string, AttackPath | null>>();
  for (const { ctl, on } of proposals) {
    const extra = whatIfControl(ctl, on);
    const after = rerun(withControl(model, extra), [extra.id]);
    afterByCatalog.set(ctl.id, after);
    added.push(
      candidate(
        {
          control: ctl.id,
          name: ctl.name,
          action: 'add',
          category: ctl.category,
          ...(ctl.simple ? { simple: true } : {}),
          on,
          defenderCost: defenderCostScalar(defenderCostOf(ctl.defenderCost)),
        },
        deltas(baseline, after),
      ),
    );
  }
  for (const ctl of model.controls.filter((c) => c.status === 'planned')) {
    const cat = ctl.catalog ? index.control(ctl.catalog) : undefined;
    added.push(
      candidate(
        {
          control: ctl.id,
          name: ctl.name ?? cat?.name ?? ctl.id,
          action: 'implement-planned',
          ...(cat ? { category: cat.category } : {}),
          ...(cat?.simple ? { simple: true } : {}),
          on: ctl.on,
          defenderCost: defenderCostScalar(controlDefenderCost(ctl, index)),
        },
        deltas(baseline, rerun(withImplemented(model, ctl.id), [ctl.id])),
      ),
    );
  }
  added.sort(byValue);

  const existing = model.controls
    .filter((c) => c.status === 'implemented')
    .map((ctl) => {
      const cat = ctl.catalog ? index.control(ctl.catalog) : undefined;
      return candidate(
        {
          control: ctl.id,
          name: ctl.name ?? cat?.name ?? ctl.id,
          action: 'remove',
          ...(cat ? { category: cat.category } : {}),
          ...(cat?.simple ? { simple: true } : {}),
          on: ctl.on,
          defenderCost: defenderCostScalar(controlDefenderCost(ctl, index)),
        },
        deltas(baseline, rerun(withoutControl(model, ctl.id), [ctl.id])),
      );
    })
    // Largest loss (most negative change, or opening a path) first.
    .sort(
      (a, b) =>
        Number(b.perAttacker.some((d) => d.opens)) - Number(a.perAttacker.some((d) => d.opens)) ||
        a.attackerCostRaised - b.attackerCostRaised ||
        compareText(a.control, b.control),
    );

  const simpleDefences: SimpleDefence[] = model.attackers.map((attacker) => {
    const path = baseline.get(attacker.id) ?? null;
    const heuristics = (path?.steps ?? [])
      .filter((s) => s.tactic && s.simpleHeuristic)
      .map((s) => ({
        step: `${s.stage}:${s.tactic}@${s.component}`,
        tactic: s.tactic!,
        heuristic: s.simpleHeuristic!,
      }));
    let best: SimpleDefence['best'];
    if (path) {
      for (const c of added.filter((x) => x.simple && x.action === 'add')) {
        const d = c.perAttacker.find((x) => x.attacker === attacker.id);
        if (!d) continue;
        const factor = d.after !== null && d.before !== null && d.before > 0 ? d.after / d.before : null;
        const defuses = d.blocks === true || (factor !== null && factor >= DEFUSE_FACTOR);
        const better =
          !best ||
          (d.blocks && best.factor !== null) ||
          (factor !== null && best.factor !== null && factor > best.factor + COST_EPSILON);
        if (better && (d.blocks || (factor !== null && factor > 1 + COST_EPSILON))) {
          best = {
            control: c.control,
            name: c.name,
            factor: d.blocks ? null : factor,
            defuses,
            ...(d.cheapestAfter ? { cheapestAfter: d.cheapestAfter } : {}),
          };
        }
      }
    }
    return { attacker: attacker.id, heuristics, ...(best ? { best } : {}) };
  });

  return {
    weights,
    defuseFactor: DEFUSE_FACTOR,
    add: added,
    existing,
    simpleDefences,
    hardening: hardeningChecks(model, catalog, baseline, graph, rerun),
  };
}

/** Every model-hardening catalog control on every model component, at once: does that alone close the path? */
function hardeningChecks(
  model: SystemModel,
  catalog: CatalogData,
  baseline: Map<string, AttackPath | null>,
  graph: ModelGraph,
  rerun: (m: SystemModel, changed: readonly string[]) => Map<string, AttackPath | null>,
): HardeningCheck[] {
  const hardening = catalog.controls.filter((c) => c.category === 'model-hardening');
  const models = model.components.filter((c) => c.kind === 'model').map((c) => c.id);
  const counters = new Set(hardening.flatMap((c) => c.counters));
  let hardened = model;
  const addedIds: string[] = [];
  const changed: string[] = [];
  for (const ctl of hardening) {
    const on = models.filter((id) => ctl.guards.includes(graph.byId.get(id)!.kind));
    if (on.length === 0) continue;
    const extra = whatIfControl(ctl, on);
    hardened = withControl(hardened, extra);
    addedIds.push(ctl.id);
    changed.push(extra.id);
  }
  const after = addedIds.length > 0 ? rerun(hardened, changed) : baseline;
  return model.attackers.map((attacker) => {
    const b = baseline.get(attacker.id) ?? null;
    const a = after.get(attacker.id) ?? null;
    const factor = b && a && b.weightedCost > 0 ? a.weightedCost / b.weightedCost : null;
    const untouched = (b?.steps ?? [])
      .filter((s) => s.kind !== 'open' && !(s.tactic && counters.has(s.tactic)))
      .map((s) => `${s.stage}:${s.tactic}@${s.component}`);
    const leavesOpen = b !== null && a !== null && (factor === null || factor < DEFUSE_FACTOR);
    const message = !b
      ? 'no path today: nothing to harden against'
      : !a
        ? 'model hardening alone leaves no path'
        : leavesOpen
          ? `model hardening alone leaves the path open: cheapest cost ×${(factor ?? 1).toFixed(2)} (under ×${DEFUSE_FACTOR})${untouched.length > 0 ? `; steps no hardening control counters: ${untouched.join(', ')}` : ''}`
          : `model hardening raises the cheapest path ×${(factor ?? 1).toFixed(2)}`;
    return {
      attacker: attacker.id,
      added: addedIds,
      before: b ? b.weightedCost : null,
      after: a ? a.weightedCost : null,
      factor,
      leavesOpen,
      untouchedSteps: untouched,
      message,
    };
  });
}
