/**
 * Side doors: ways past a stage that do not go through its front door.
 *
 * - feedback: a tactic on a feedback component whose reports flow (feedback/training flows) into a model on the
 *   route — the next retraining changes that model's decision;
 * - training-data: a tactic on a training-data (or dependency) component that training flows carry into a model
 *   on the route;
 * - dependency: an unpinned artifact (model.dependencies with `pinned` not true) used by a route component or by a
 *   training component feeding a route model — the supply chain grants write access on its own;
 * - assumption: a tactic that breaks a stated assumption of a preprocessing / feature-extraction component changes
 *   what every downstream decider sees, so model-hardening controls that sit on downstream models (which judge
 *   the already-transformed input) are out of play.
 *
 * Each side door passes the stage of the component it lands on. Its odds: the tactic's base success × Π(1 − e)
 * over the controls on its component and around it (countersFor) and on the feedback/training path to the landing
 * model.
 */
import type { Tactic } from '../../catalog/types.js';
import { compareText } from '../../model/resolved.js';
import type { AttackerT, ComponentT } from '../../model/schema.js';
import type { FlowKind } from '../../model/vocabulary.js';
import { GOAL_FAMILIES } from '../applicability.js';
import type { CounterRef, TacticApplicability } from '../result.js';
import type { ApplicableList, EconomicsContext } from './context.js';
import { PREPROCESSING_KINDS } from './defaults.js';
import { type Route, stageOf } from './route.js';
import { counterRefs, tacticStep } from './step.js';
import type { PathStep, Scenario } from './types.js';

const POISON_FLOWS: readonly FlowKind[] = ['feedback', 'training'];

const reachCache = new WeakMap<EconomicsContext, Map<string, Set<string>>>();

/** graph.reachable, memoised per context (side doors ask for the same components again and again). */
function reach(ctx: EconomicsContext, from: string, kinds: readonly FlowKind[]): Set<string> {
  let memo = reachCache.get(ctx);
  if (!memo) {
    memo = new Map();
    reachCache.set(ctx, memo);
  }
  const key = `${kinds.join(',')}|${from}`;
  let hit = memo.get(key);
  if (!hit) {
    hit = ctx.graph.reachable(from, kinds);
    memo.set(key, hit);
  }
  return hit;
}

/** Models on the route that a poison written at `from` reaches through feedback / training flows. */
function landingModels(ctx: EconomicsContext, route: Route, from: string): string[] {
  const onRoute = new Set(route.components);
  return [...reach(ctx, from, POISON_FLOWS)]
    .filter((id) => onRoute.has(id) && ctx.graph.byId.get(id)?.kind === 'model')
    .sort();
}

/** Controls on the feedback/training path from `from` to `model` (inclusive) that counter the tactic. */
function poisonPathCounters(ctx: EconomicsContext, tactic: Tactic, from: string, model: string): CounterRef[] {
  const down = reach(ctx, from, POISON_FLOWS);
  const up = ctx.graph.upstream(model, POISON_FLOWS);
  const on = [from, ...[...down].filter((id) => up.has(id)), model];
  return ctx.index.countersOn(tactic, on, ctx.reads);
}

function mergeCounters(a: readonly CounterRef[], b: readonly CounterRef[]): CounterRef[] {
  const byId = new Map<string, CounterRef>();
  for (const c of [...a, ...b]) if (!byId.has(c.control)) byId.set(c.control, c);
  return [...byId.values()].sort((x, y) => compareText(x.control, y.control));
}

function poisonDoors(ctx: EconomicsContext, route: Route, analysis: ApplicableList, scenario: Scenario): PathStep[] {
  const out: PathStep[] = [];
  for (const a of analysis.applicable) {
    const comp = ctx.graph.byId.get(a.component);
    if (!comp || (comp.kind !== 'feedback' && comp.kind !== 'training-data' && comp.kind !== 'dependency')) continue;
    const tactic = ctx.catalog.tactic(a.tactic);
    if (!tactic) continue;
    for (const model of landingModels(ctx, route, comp.id)) {
      const counters = mergeCounters(a.counteredBy, poisonPathCounters(ctx, tactic, comp.id, model));
      const door = comp.kind === 'feedback' ? 'feedback' : 'training-data';
      const step = tacticStep({
        stage: stageOf(ctx.graph, model),
        kind: 'side-door',
        sideDoor: door,
        tactic,
        component: comp.id,
        landsOn: model,
        counters: counterRefs(counters, scenario),
        breaksAssumptions: a.breaksAssumptions,
        note:
          door === 'feedback'
            ? `feedback written at ${comp.id} reaches ${model} at its next retraining`
            : `training data written at ${comp.id} is learned by ${model}`,
      });
      if (step) out.push(step);
    }
  }
  return out;
}

function allowedTactic(attacker: AttackerT, tactic: Tactic | undefined): tactic is Tactic {
  if (!tactic) return false;
  if (!GOAL_FAMILIES[attacker.goal].includes(tactic.family)) return false;
  return !attacker.tactics || attacker.tactics.includes(tactic.id);
}

function dependencyDoors(ctx: EconomicsContext, route: Route, attacker: AttackerT, scenario: Scenario): PathStep[] {
  const out: PathStep[] = [];
  const onRoute = new Set(route.components);
  for (const dep of ctx.model.dependencies) {
    if (dep.pinned === true) continue;
    const tactic = ctx.catalog.tactic(
      dep.type === 'dataset' || dep.type === 'model' ? 'access.poisoned-dataset' : 'access.malicious-dependency',
    );
    if (!allowedTactic(attacker, tactic)) continue;
    for (const user of dep.usedBy ?? []) {
      const comp = ctx.graph.byId.get(user);
      if (!comp) continue;
      const landings = onRoute.has(user) ? [user] : landingModels(ctx, route, user);
      for (const landsOn of landings) {
        const around = ctx.index.countersFor(tactic, comp.id, ctx.reads);
        const counters =
          landsOn === user ? around : mergeCounters(around, poisonPathCounters(ctx, tactic, user, landsOn));
        const step = tacticStep({
          stage: stageOf(ctx.graph, landsOn),
          kind: 'side-door',
          sideDoor: 'dependency',
          tactic,
          component: user,
          dependency: dep.id,
          landsOn,
          counters: counterRefs(counters, scenario),
          note: `unpinned ${dep.type} '${dep.name}' used by ${user}${landsOn !== user ? ` (learned by ${landsOn})` : ''}: a tampered release is pulled in without the attacker touching the system`,
        });
        if (step) out.push(step);
      }
    }
  }
  return out;
}

/** Model-hardening controls sitting only on model components downstream of `comp`. */
function downstreamHardening(ctx: EconomicsContext, comp: ComponentT, counters: readonly CounterRef[]): Set<string> {
  const out = new Set<string>();
  const hardening = counters.filter(
    (c) =>
      ctx.catalog.control(ctx.controlsById.get(c.control)?.catalog ?? c.catalog ?? '')?.category === 'model-hardening',
  );
  if (hardening.length === 0) return out;
  const down = reach(ctx, comp.id, ['live']);
  for (const c of hardening) {
    const ctl = ctx.controlsById.get(c.control);
    if (!ctl) continue;
    const on = new Set([...ctl.on, ...ctx.graph.guardedComponents(ctl.id)]);
    if ([...on].every((id) => down.has(id) && ctx.graph.byId.get(id)?.kind === 'model')) out.add(ctl.id);
  }
  return out;
}

function assumptionDoors(
  ctx: EconomicsContext,
  route: Route,
  analysis: ApplicableList,
  scenario: Scenario,
  attacker: AttackerT,
): PathStep[] {
  const out: PathStep[] = [];
  const onRoute = new Set(route.components);
  for (const a of analysis.applicable as readonly TacticApplicability[]) {
    if (a.breaksAssumptions.length === 0 || !onRoute.has(a.component)) continue;
    const comp = ctx.graph.byId.get(a.component);
    if (!comp || !PREPROCESSING_KINDS.includes(comp.kind)) continue;
    const stage = stageOf(ctx.graph, comp.id);
    if (attacker.goal === 'poison' && stage === route.targetStage) continue;
    const tactic = ctx.catalog.tactic(a.tactic);
    if (!tactic) continue;
    const active = counterRefs(a.counteredBy, scenario);
    const skipped = downstreamHardening(ctx, comp, a.counteredBy);
    const bypassed = active.filter((c) => skipped.has(c.control));
    if (bypassed.length === 0) continue;
    const step = tacticStep({
      stage,
      kind: 'side-door',
      sideDoor: 'assumption',
      tactic,
      component: comp.id,
      counters: active.filter((c) => !skipped.has(c.control)),
      bypassed,
      breaksAssumptions: a.breaksAssumptions,
      note: `breaks ${comp.id}'s assumption ${a.breaksAssumptions.join(', ')}: the models downstream judge the transformed input, so their hardening (${bypassed.map((b) => b.control).join(', ')}) is out of play`,
    });
    if (step) out.push(step);
  }
  return out;
}

export function sideDoorOptions(
  ctx: EconomicsContext,
  route: Route,
  attacker: AttackerT,
  analysis: ApplicableList,
  scenario: Scenario,
): PathStep[] {
  return [
    ...poisonDoors(ctx, route, analysis, scenario),
    ...dependencyDoors(ctx, route, attacker, scenario),
    ...assumptionDoors(ctx, route, analysis, scenario, attacker),
  ];
}
