/**
 * Attack paths for one attacker: the route's stages, the ways past each, the Pareto front over (cost vector,
 * success probability) and the cheapest path under the given weights — today and with planned controls.
 */
import { type CostVector, DEFAULT_COST_WEIGHTS } from '../../model/cost.js';
import { compareText } from '../../model/resolved.js';
import type { AttackerT } from '../../model/schema.js';
import { attackerWeights } from './attacker-costs.js';
import type { ApplicableList, EconomicsContext } from './context.js';
import { DEFAULT_MAX_LABELS_PER_STAGE, DEFAULT_MAX_PARETO_REPORTED } from './defaults.js';
import { type StageOptions, stageOptions } from './options.js';
import { paretoFilter } from './pareto.js';
import { alternativeRoutes, attackerRoute, type Route } from './route.js';
import { type Label, labelSteps, searchPaths } from './search.js';
import { stepKey } from './step.js';
import type { AttackerEconomics, AttackPath, BudgetCheck, PathSet, PathStep, Scenario, SideDoor } from './types.js';

export interface PathOptions {
  weights?: CostVector;
  maxLabelsPerStage?: number;
  maxParetoReported?: number;
}

export function budgetCheck(attacker: AttackerT, cost: CostVector, accounts: number): BudgetCheck {
  const b = attacker.budget ?? {};
  const exceeded: BudgetCheck['exceeded'] = [];
  const check = (dimension: string, need: number, have: number | undefined) => {
    if (have !== undefined && need > have * (1 + 1e-12)) exceeded.push({ dimension, need, have });
  };
  check('money', cost.money, b.money);
  check('humanHours', cost.humanHours, b.humanHours);
  check('implementationHours', cost.implementationHours, b.implementationHours);
  check('queries', cost.queries, b.queries);
  check('timeHours', cost.timeHours, b.timeHours);
  check('detectionRisk', cost.detectionRisk, b.maxDetectionRisk);
  check('accounts', accounts, b.accounts);
  return { within: exceeded.length === 0, exceeded };
}

export function toAttackPath(
  attacker: AttackerT,
  steps: PathStep[],
  label: Pick<Label, 'cost' | 'p' | 'w'>,
): AttackPath {
  const accounts = steps.reduce((n, s) => n + s.accountsPerAttempt * s.attempts, 0);
  const doors = [...new Set(steps.map((s) => s.sideDoor).filter((d): d is SideDoor => d !== undefined))];
  return {
    key: steps.map(stepKey).join(' > '),
    steps,
    cost: label.cost,
    weightedCost: label.w,
    successProbability: label.p,
    expectedAttempts: steps.reduce((n, s) => n + s.attempts, 0),
    expectedAccounts: accounts,
    sideDoors: doors,
    budget: budgetCheck(attacker, label.cost, accounts),
    ...(attacker.gainPerSuccess && attacker.gainPerSuccess > 0
      ? { breakEvenSuccesses: label.cost.money / attacker.gainPerSuccess }
      : {}),
  };
}

/** Cheapest first; ties by higher success probability, then key — so the order never depends on input order. */
export function comparePaths(a: AttackPath, b: AttackPath): number {
  return a.weightedCost - b.weightedCost || b.successProbability - a.successProbability || compareText(a.key, b.key);
}

export function pathSetFromOptions(
  attacker: AttackerT,
  options: StageOptions,
  opts: PathOptions = {},
): PathSet & { front: AttackPath[] } {
  // An attacker's hourly rate prices their hours (attacker-costs.ts).
  const weights = attackerWeights(attacker, opts.weights ?? DEFAULT_COST_WEIGHTS);
  const maxLabels = opts.maxLabelsPerStage ?? DEFAULT_MAX_LABELS_PER_STAGE;
  const maxReported = opts.maxParetoReported ?? DEFAULT_MAX_PARETO_REPORTED;
  const stageInfo = (kept?: number[]) =>
    options.stages.map((s, i) => ({
      stage: s.stage,
      components: s.components,
      barrier: s.barrier,
      options: s.options.length,
      optionsKept: kept?.[i] ?? s.options.length,
    }));
  if (options.blocked) {
    return {
      scenario: options.scenario,
      stages: stageInfo(),
      blocked: options.blocked,
      cheapest: null,
      pareto: [],
      paretoSize: 0,
      search: { labels: 0, maxLabelsPerStage: maxLabels, truncated: false },
      front: [],
    };
  }
  const result = searchPaths(
    options.stages.map((s) => s.options),
    weights,
    maxLabels,
  );
  const front = result.labels.map((l) => toAttackPath(attacker, labelSteps(l), l)).sort(comparePaths);
  return {
    scenario: options.scenario,
    stages: stageInfo(result.optionsKept),
    cheapest: front[0] ?? null,
    pareto: front.slice(0, maxReported),
    paretoSize: front.length,
    search: { labels: result.created, maxLabelsPerStage: maxLabels, truncated: result.truncated },
    front,
  };
}

/**
 * The attacker's paths in one scenario: the union of the paths over every route their entries allow (alternativeRoutes —
 * access is optional, so holding more of it never blocks a path). The stages reported are those of the route the
 * cheapest path takes; when every route is blocked, those of the full route and its blocking stage.
 */
export function attackerPathSet(
  ctx: EconomicsContext,
  attacker: AttackerT,
  analysis: ApplicableList,
  scenario: Scenario,
  opts: PathOptions = {},
  route: Route = attackerRoute(attacker, ctx.graph),
): PathSet {
  const sets = alternativeRoutes(attacker, ctx.graph, route).map((r) =>
    pathSetFromOptions(attacker, stageOptions(ctx, r, attacker, analysis, scenario), opts),
  );
  const full = sets[0]!;
  if (sets.length === 1) {
    const { front: _front, ...set } = full;
    return set;
  }
  const maxReported = opts.maxParetoReported ?? DEFAULT_MAX_PARETO_REPORTED;
  const seen = new Set<string>();
  const all: Array<AttackPath & { p: number; w: number }> = [];
  for (const s of sets) {
    for (const path of s.front) {
      if (seen.has(path.key)) continue;
      seen.add(path.key);
      all.push({ ...path, p: path.successProbability, w: path.weightedCost });
    }
  }
  const front = paretoFilter(all)
    .map(({ p: _p, w: _w, ...path }) => path as AttackPath)
    .sort(comparePaths);
  const cheapest = front[0] ?? null;
  const chosen = (cheapest && sets.find((s) => s.front.some((p) => p.key === cheapest.key))) ?? full;
  const { front: _front, ...base } = chosen;
  return {
    ...base,
    ...(cheapest ? {} : { blocked: full.blocked ?? base.blocked! }),
    cheapest,
    pareto: front.slice(0, maxReported),
    paretoSize: front.length,
    search: {
      labels: sets.reduce((n, s) => n + s.search.labels, 0),
      maxLabelsPerStage: full.search.maxLabelsPerStage,
      truncated: sets.some((s) => s.search.truncated),
    },
  };
}

export function attackerEconomics(
  ctx: EconomicsContext,
  attacker: AttackerT,
  analysis: ApplicableList,
  opts: PathOptions = {},
  route: Route = attackerRoute(attacker, ctx.graph),
): AttackerEconomics {
  return {
    attacker: attacker.id,
    ...(attacker.name ? { name: attacker.name } : {}),
    goal: attacker.goal,
    target: attacker.target,
    route: route.components,
    ...(attacker.costs?.hourlyRate !== undefined
      ? { weights: attackerWeights(attacker, opts.weights ?? DEFAULT_COST_WEIGHTS) }
      : {}),
    today: attackerPathSet(ctx, attacker, analysis, 'today', opts, route),
    planned: attackerPathSet(ctx, attacker, analysis, 'planned', opts, route),
  };
}
