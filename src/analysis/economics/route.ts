/**
 * An attacker's route through the funnel: the components their items and accounts pass on the way to the target,
 * grouped into the funnel stages (automation → access → activity → application) they must get past.
 *
 * - Items enter where the attacker writes live input and flow downstream along live flows to the target.
 * - Accounts are held where the attacker writes `account`: that component is on the route, but items do not flow
 *   from it (owning an account is a capability, not an entry point).
 * - Every component the attacker's access names as a live-input or account entry is on the route, and so is the target.
 * - A component without a layer takes the layer of its nearest upstream layered component (else application).
 */

import { compareText } from '../../model/resolved.js';
import type { AttackerT } from '../../model/schema.js';
import { LAYERS, type Layer } from '../../model/vocabulary.js';
import type { ModelGraph } from '../graph.js';
import { DECIDER_KINDS } from './defaults.js';
import type { Scenario } from './types.js';

export interface RouteStage {
  stage: Layer;
  /** Route components in this stage, in funnel order (live depth, then id). */
  components: string[];
}

export interface Route {
  target: string;
  /** All route components, in funnel order. */
  components: string[];
  stages: RouteStage[];
  /** The stage the target sits in. */
  targetStage: Layer;
  liveEntries: string[];
  accountEntries: string[];
}

/** The funnel stage of a component (its layer, else inherited from upstream; the resolved model caches it). */
export function stageOf(graph: ModelGraph, id: string): Layer {
  return graph.stageOf(id);
}

export function attackerRoute(attacker: AttackerT, graph: ModelGraph): Route {
  const target = attacker.target;
  const access = attacker.access ?? [];
  const known = (id: string) => graph.byId.has(id);
  const liveEntries = access
    .filter((a) => a.write.includes('live-input') && known(a.component))
    .map((a) => a.component);
  const accountEntries = access
    .filter((a) => a.write.includes('account') && known(a.component))
    .map((a) => a.component);
  return routeThrough(graph, target, liveEntries, accountEntries);
}

/** The route from the given entries (a subset of an attacker's) to the target. */
export function routeThrough(
  graph: ModelGraph,
  target: string,
  liveEntries: readonly string[],
  accountEntries: readonly string[],
): Route {
  const known = (id: string) => graph.byId.has(id);
  const toTarget = graph.upstream(target, ['live']);
  toTarget.add(target);
  const onRoute = new Set<string>();
  if (known(target)) onRoute.add(target);
  // Downstream of an entry and upstream of the target: every node on such a path is itself upstream of the target,
  // so the walk can stay inside `toTarget` (on a model where a shared service joins every pipeline, this keeps
  // the walk to the attacker's own pipeline instead of the whole model).
  const stack = [...liveEntries];
  for (const e of liveEntries) onRoute.add(e);
  const seen = new Set<string>(liveEntries);
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const f of graph.outgoing(cur, ['live'])) {
      if (seen.has(f.to) || !toTarget.has(f.to)) continue;
      seen.add(f.to);
      onRoute.add(f.to);
      stack.push(f.to);
    }
  }
  for (const e of accountEntries) onRoute.add(e);

  const depth = graph.liveDepth();
  const order = (a: string, b: string) =>
    LAYERS.indexOf(stageOf(graph, a)) - LAYERS.indexOf(stageOf(graph, b)) ||
    (depth.get(a) ?? -1) - (depth.get(b) ?? -1) ||
    compareText(a, b);
  const components = [...onRoute].sort(order);
  const stages: RouteStage[] = [];
  for (const layer of LAYERS) {
    const inStage = components.filter((id) => stageOf(graph, id) === layer);
    if (inStage.length > 0) stages.push({ stage: layer, components: inStage });
  }
  return {
    target,
    components,
    stages,
    targetStage: stageOf(graph, target),
    liveEntries: [...new Set(liveEntries)],
    accountEntries: [...new Set(accountEntries)],
  };
}

/** Above this many account entries, only all / each one / none are tried as account-only routes. */
export const MAX_ACCOUNT_SUBSETS_OF = 4;

/**
 * The routes an attacker may take: the full route through every entry they hold, and the routes that send no item
 * into the live funnel — one per subset of their account entries, down to none (they use some accounts, e.g. to
 * write feedback, or only poison: feedback, training data, an unpinned dependency reaching the target's stage).
 * Poison needs no item to pass the funnel, so holding more live-input or account access must not put more stages
 * in its way (access is a capability, not an obligation). The live entries themselves stay conjunctive: a model
 * lists the components one campaign's items pass (submission, content), not alternatives. Routes without live
 * entries carry no front door except at their account entries (options.ts). Identical routes are kept once.
 */
export function alternativeRoutes(
  attacker: AttackerT,
  graph: ModelGraph,
  full: Route = attackerRoute(attacker, graph),
): Route[] {
  const accounts = full.accountEntries;
  if (full.liveEntries.length === 0 && accounts.length === 0) return [full];
  const subsets: string[][] = [];
  if (accounts.length <= MAX_ACCOUNT_SUBSETS_OF) {
    for (let mask = (1 << accounts.length) - 1; mask >= 0; mask--) {
      subsets.push(accounts.filter((_, i) => mask & (1 << i)));
    }
  } else subsets.push([...accounts], ...accounts.map((a) => [a]), []);
  const out = [full];
  const seen = new Set([`${full.liveEntries.join(',')}|${accounts.join(',')}`]);
  for (const sub of subsets) {
    const key = `|${sub.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(routeThrough(graph, full.target, [], sub));
  }
  return out;
}

/**
 * Whether a stage stops the attacker in a scenario: it holds a deciding component (account, activity monitor,
 * model, policy, review) or a component carrying a control active in the scenario. A stage that stops nothing is
 * passed for free ("no control there").
 */
export function stageIsBarrier(graph: ModelGraph, stage: RouteStage, scenario: Scenario): boolean {
  for (const id of stage.components) {
    const c = graph.byId.get(id);
    if (!c) continue;
    if (DECIDER_KINDS.includes(c.kind)) return true;
    if (graph.controls(id, scenario === 'today' ? 'implemented' : undefined).length > 0) return true;
  }
  return false;
}

/**
 * The components whose applicability the path search reads: the route, plus every component that feeds a route
 * model through feedback or training flows (where poison side doors start). One multi-source walk upstream.
 */
export function relevantComponents(graph: ModelGraph, route: Route): string[] {
  const out = new Set(route.components);
  const stack = route.components.filter((id) => graph.byId.get(id)?.kind === 'model');
  const seen = new Set(stack);
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const f of graph.incoming(cur, ['feedback', 'training'])) {
      if (seen.has(f.from)) continue;
      seen.add(f.from);
      out.add(f.from);
      stack.push(f.from);
    }
  }
  return [...out];
}
