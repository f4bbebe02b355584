/**
 * The economics analysis of one model: attack paths per attacker (today and planned), the defender's standing
 * cost, optionally a seeded Monte Carlo simulation of each attacker's cheapest path, control recommendations by
 * what-if re-analysis, and the predicted-vs-measured calibration comparison. Pure: same inputs, same document.
 */
import type { CalibrationFile } from '../../contracts/calibration.js';
import { type CostVector, DEFAULT_COST_WEIGHTS } from '../../model/cost.js';
import type { AttackerT, SystemModel } from '../../model/schema.js';
import type { CatalogData } from '../applicability.js';
import { applicabilityIndex } from './applicability-index.js';
import { beliefsFor, calibratedCatalog, compareCalibration } from './calibrate.js';
import { economicsContext } from './context.js';
import { activeControls, controlDefenderCost, defenderSummary, trafficFacts } from './defender.js';
import { attackerEconomics } from './paths.js';
import { recommend } from './recommend.js';
import { attackerRoute, relevantComponents } from './route.js';
import { simulatePath } from './simulate.js';
import { ECONOMICS_SCHEMA_VERSION, type EconomicsResult, SCENARIOS, type SimulationResult } from './types.js';
import { formatWeights } from './weights.js';

export interface EconomicsOptions {
  weights?: CostVector;
  /** Run the Monte Carlo simulation with this many trials per attacker and scenario. */
  simulate?: { trials: number; seed: number };
  /** What-if recommendations (default true; they re-analyse the model once per candidate control). */
  recommendations?: boolean;
  /** Measured tactic rates and costs; `apply` (default true) recomputes paths with them. */
  calibration?: { file: CalibrationFile; path?: string; apply?: boolean };
  /** Budget dimensions that override every attacker's own (for "what if they had $500"). */
  budget?: NonNullable<AttackerT['budget']>;
  maxLabelsPerStage?: number;
  maxParetoReported?: number;
  /** Progress of the what-if re-analyses (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Seed of attacker i's simulation: distinct per attacker, fixed by the run's seed. */
export function attackerSeed(seed: number, i: number, scenario: number): number {
  return (seed + 7919 * i + 104_729 * scenario) | 0;
}

export function analyzeEconomics(
  input: SystemModel,
  baseCatalog: CatalogData,
  opts: EconomicsOptions = {},
): EconomicsResult {
  const weights = opts.weights ?? DEFAULT_COST_WEIGHTS;
  const model: SystemModel = opts.budget
    ? { ...input, attackers: input.attackers.map((a) => ({ ...a, budget: { ...(a.budget ?? {}), ...opts.budget } })) }
    : input;
  const applyCalibration = opts.calibration !== undefined && opts.calibration.apply !== false;
  const catalog =
    opts.calibration && applyCalibration ? calibratedCatalog(baseCatalog, opts.calibration.file) : baseCatalog;
  const notes: string[] = [`cheapest = lowest weighted cost with weights ${formatWeights(weights)}`];

  const ctx = economicsContext(model, catalog);
  const index = ctx.index;
  const pathOpts = {
    weights,
    ...(opts.maxLabelsPerStage ? { maxLabelsPerStage: opts.maxLabelsPerStage } : {}),
    ...(opts.maxParetoReported ? { maxParetoReported: opts.maxParetoReported } : {}),
  };
  const attackers = model.attackers.map((a) => {
    const route = attackerRoute(a, ctx.graph);
    return attackerEconomics(ctx, a, index.analyze(a, relevantComponents(ctx.graph, route)), pathOpts, route);
  });
  for (const a of model.attackers) {
    const c = a.costs;
    if (!c) continue;
    const parts = [
      c.hourlyRate !== undefined ? `hours at ${c.hourlyRate} USD (their ranking weight)` : '',
      c.accountPrice !== undefined ? `accounts at ≥ ${c.accountPrice} USD each` : '',
      c.infrastructurePerQuery !== undefined ? `infrastructure ${c.infrastructurePerQuery} USD per query` : '',
      c.tactics ? `own costs for ${Object.keys(c.tactics).join(', ')}` : '',
    ].filter(Boolean);
    if (parts.length > 0) notes.push(`${a.id} pays what the model says: ${parts.join('; ')}`);
  }
  for (const a of attackers) {
    for (const s of SCENARIOS) {
      if (a[s].search.truncated)
        notes.push(
          `${a.attacker} (${s}): more than ${a[s].search.maxLabelsPerStage} non-dominated partial paths at a stage; the cheapest were kept, so the Pareto front may be partial`,
        );
    }
  }

  const result: EconomicsResult = {
    kind: 'nograd-economics',
    version: ECONOMICS_SCHEMA_VERSION,
    weights,
    attackers,
    defender: {
      today: defenderSummary(model, ctx.catalog, 'today'),
      planned: defenderSummary(model, ctx.catalog, 'planned'),
    },
    rates: {},
    notes,
  };
  markRateUncertainty(result, baseCatalog, opts.calibration && applyCalibration ? opts.calibration.file : undefined);

  if (opts.simulate) {
    const traffic = trafficFacts(model);
    const results: SimulationResult[] = [];
    model.attackers.forEach((attacker, i) => {
      SCENARIOS.forEach((scenario, si) => {
        const path = attackers[i]![scenario].cheapest;
        if (!path) return;
        const fpr = activeControls(model, scenario).reduce(
          (s, c) => s + controlDefenderCost(c, ctx.catalog).falsePositiveRate,
          0,
        );
        results.push(
          simulatePath({
            attacker,
            path,
            scenario,
            trials: opts.simulate!.trials,
            seed: attackerSeed(opts.simulate!.seed, i, si),
            traffic,
            falsePositiveRate: fpr,
            rates: result.rates,
          }),
        );
      });
    });
    result.simulation = { trials: opts.simulate.trials, seed: opts.simulate.seed, results };
  }

  if (opts.recommendations !== false) {
    const baseline = new Map(attackers.map((a) => [a.attacker, a.today.cheapest]));
    result.recommendations = recommend({
      model,
      catalog,
      weights,
      baseline,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  }

  if (opts.calibration) {
    // Predicted = the catalog's numbers, before calibration replaced them.
    const predictedIndex = applyCalibration ? applicabilityIndex(model, baseCatalog) : index;
    result.calibration = compareCalibration(
      baseCatalog,
      opts.calibration.file,
      model.attackers.map((a) => predictedIndex.analyze(a)),
      { ...(opts.calibration.path ? { path: opts.calibration.path } : {}), applied: applyCalibration },
    );
    if (applyCalibration) {
      const predictedCtx = economicsContext(model, baseCatalog);
      result.calibration.judgement.cheapestChange = model.attackers.map((a, i) => {
        const route = attackerRoute(a, predictedCtx.graph);
        const predicted = attackerEconomics(
          predictedCtx,
          a,
          predictedCtx.index.analyze(a, relevantComponents(predictedCtx.graph, route)),
          pathOpts,
          route,
        ).today.cheapest;
        return {
          attacker: a.id,
          predicted: predicted?.key ?? null,
          measured: attackers[i]!.today.cheapest?.key ?? null,
        };
      });
      notes.push(
        `paths use measured success rates and costs for ${result.calibration.rows.filter((r) => r.n > 0).length} calibrated tactic(s); the model's controls still multiply the measured rate down where they apply`,
      );
    }
  }
  return result;
}

/**
 * Give every reported path step the uncertainty of its tactic's rate, and list those rates: the catalog prior, or
 * the posterior when a campaign measured the tactic here. A step's probability is the base rate times what the
 * controls let through, so its interval is the rate's interval times the same factor.
 */
function markRateUncertainty(result: EconomicsResult, catalog: CatalogData, file: CalibrationFile | undefined): void {
  const paths = result.attackers.flatMap((a) =>
    SCENARIOS.flatMap((s) => [...(a[s].cheapest ? [a[s].cheapest] : []), ...a[s].pareto]),
  );
  const ids = paths.flatMap((p) => p.steps.flatMap((s) => (s.tactic ? [s.tactic] : [])));
  result.rates = beliefsFor(ids, catalog, file);
  for (const p of paths) {
    for (const s of p.steps) {
      const b = s.tactic ? result.rates[s.tactic] : undefined;
      if (!b || s.successInterval) continue;
      const factor = b.mean > 0 ? s.successProbability / b.mean : 0;
      s.successInterval = {
        low: Math.min(1, b.ci90[0] * factor),
        high: Math.min(1, b.ci90[1] * factor),
        basis: b.basis,
      };
    }
  }
}
