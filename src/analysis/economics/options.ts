/**
 * The ways past each stage of an attacker's route, in one scenario:
 * - front door: each applicable tactic on a route component of the stage (the applicability analysis decides
 *   which tactics apply and which controls counter them);
 * - open: when the stage holds nothing that stops the attacker (no deciding component, no control in scenario);
 * - side doors (side-doors.ts), on the stage of the component they land on.
 * A poisoner's target stage is passed only through a side door: evading the model's decision does not poison it.
 * A route without live entries (route.ts alternativeRoutes: the attacker sends no item into the funnel) has a front
 * door and an open step only at its account entries; elsewhere only poison side doors pass — those whose tactic
 * needs no live input, and no account write unless the route holds accounts.
 * Repeats of one tactic with the same odds at several components of a stage are kept once (`alsoAt`).
 */

import { compareText } from '../../model/resolved.js';
import type { AttackerT } from '../../model/schema.js';
import type { Layer } from '../../model/vocabulary.js';
import type { TacticApplicability } from '../result.js';
import { priceStep } from './attacker-costs.js';
import { missingRequirements } from './blocked-why.js';
import type { ApplicableList, EconomicsContext } from './context.js';
import { type Route, stageIsBarrier, stageOf } from './route.js';
import { sideDoorOptions } from './side-doors.js';
import { counterRefs, openStep, tacticStep } from './step.js';
import type { PathStep, Scenario } from './types.js';

export interface StageWays {
  stage: Layer;
  components: string[];
  barrier: boolean;
  options: PathStep[];
}

export interface StageOptions {
  scenario: Scenario;
  stages: StageWays[];
  /** The first stage with no way past it. */
  blocked?: { stage: Layer; reason: string };
}

function dedupe(options: PathStep[]): PathStep[] {
  const byKey = new Map<string, PathStep>();
  for (const o of options) {
    const key = [
      o.kind,
      o.sideDoor ?? '',
      o.tactic ?? '',
      o.landsOn ?? '',
      o.dependency ?? '',
      o.successProbability,
    ].join('|');
    const first = byKey.get(key);
    if (!first) byKey.set(key, o);
    else if (o.component && o.component !== first.component && !first.alsoAt?.includes(o.component)) {
      first.alsoAt = [...(first.alsoAt ?? []), o.component];
    }
  }
  return [...byKey.values()];
}

/** A side door that cannot be taken without sending items into the funnel: an assumption door (its input travels
 * the live route) or a tactic that itself writes live input — or accounts, on a route that holds none. */
function needsFunnel(ctx: EconomicsContext, door: PathStep, holdsAccounts: boolean): boolean {
  if (door.sideDoor === 'assumption') return true;
  const write = ctx.catalog.tactic(door.tactic ?? '')?.requires.write ?? [];
  return write.includes('live-input') || (!holdsAccounts && write.includes('account'));
}

export function stageOptions(
  ctx: EconomicsContext,
  route: Route,
  attacker: AttackerT,
  analysis: ApplicableList,
  scenario: Scenario,
): StageOptions {
  const order = new Map(route.components.map((id, i) => [id, i]));
  // Group the front door by (stage, tactic, odds) before building steps: large models repeat one tactic on many
  // components of a stage with the same odds.
  const groups = new Map<string, { a: TacticApplicability; also: string[] }>();
  // Route position looked up once per entry, not once per comparison.
  const decorated: Array<{ a: TacticApplicability; at: number }> = [];
  for (const a of analysis.applicable) {
    const at = order.get(a.component);
    if (at !== undefined) decorated.push({ a, at });
  }
  decorated.sort((x, y) => x.at - y.at || compareText(x.a.tactic, y.a.tactic));
  for (const { a } of decorated) {
    const p = scenario === 'today' ? a.successProbability : a.plannedSuccessProbability;
    const key = `${stageOf(ctx.graph, a.component)}|${a.tactic}|${p}`;
    const g = groups.get(key);
    if (g) {
      if (g.a.component !== a.component && !g.also.includes(a.component)) g.also.push(a.component);
    } else groups.set(key, { a, also: [] });
  }
  const doors = sideDoorOptions(ctx, route, attacker, analysis, scenario);
  const poisonTarget = attacker.goal === 'poison';
  const noLive = route.liveEntries.length === 0;
  const accountsHeld = new Set(route.accountEntries);

  const stages: StageWays[] = [];
  let blocked: StageOptions['blocked'];
  for (const rs of route.stages) {
    const barrier = stageIsBarrier(ctx.graph, rs, scenario);
    const sideOnly =
      (noLive && !rs.components.some((id) => accountsHeld.has(id))) || (poisonTarget && rs.stage === route.targetStage);
    const options: PathStep[] = [];
    if (!sideOnly) {
      if (!barrier) options.push(openStep(rs.stage, rs.components));
      for (const { a, also } of groups.values()) {
        if (stageOf(ctx.graph, a.component) !== rs.stage) continue;
        if (noLive && !accountsHeld.has(a.component)) continue;
        const tactic = ctx.catalog.tactic(a.tactic);
        if (!tactic) continue;
        const step = tacticStep({
          stage: rs.stage,
          kind: 'tactic',
          tactic,
          component: a.component,
          counters: counterRefs(a.counteredBy, scenario),
          successProbability: scenario === 'today' ? a.successProbability : a.plannedSuccessProbability,
          breaksAssumptions: a.breaksAssumptions,
          note: `${tactic.name} against ${a.component}`,
        });
        if (step) {
          if (also.length > 0) step.alsoAt = also;
          options.push(step);
        }
      }
    }
    for (const d of doors)
      if (d.stage === rs.stage && !(noLive && needsFunnel(ctx, d, accountsHeld.size > 0))) options.push(d);
    // This attacker's prices (attackers[].costs) before options are compared.
    const kept = dedupe(options.map((o) => priceStep(o, attacker, ctx.catalog.data)));
    stages.push({ stage: rs.stage, components: rs.components, barrier, options: kept });
    if (kept.length === 0 && !blocked) {
      blocked = {
        stage: rs.stage,
        reason:
          noLive && sideOnly
            ? `without sending items into the funnel, only a way into ${route.target}'s training (feedback, training data or an unpinned dependency) passes the ${rs.stage} stage; none is open to this attacker`
            : sideOnly
              ? `poisoning ${route.target} needs a way into its training (feedback, training data or an unpinned dependency); none is open to this attacker`
              : `the ${rs.stage} stage (${rs.components.join(', ')}) stops this attacker and no catalog tactic their access allows gets past it (${missingRequirements(ctx, attacker, rs.components)})`,
      };
    }
  }
  return { scenario, stages, ...(blocked ? { blocked } : {}) };
}
