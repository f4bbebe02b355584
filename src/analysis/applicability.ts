/**
 * Which catalog tactics each attacker can use on each component, what counters them, and how likely one attempt
 * gets through today and with planned controls.
 */
import type { Tactic } from '../catalog/types.js';
import { compareText } from '../model/resolved.js';
import type { AttackerT, ComponentT } from '../model/schema.js';
import { applicabilityIndex } from './applicability-index.js';
import type { ModelGraph } from './graph.js';
import type { AttackerAnalysis, CounterRef, TacticApplicability } from './result.js';
import type { CatalogData } from './tactic-matching.js';

export {
  assumptionsBroken,
  type CatalogData,
  controlCounters,
  controlEffectiveness,
  GOAL_FAMILIES,
  targetsComponent,
} from './tactic-matching.js';

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
