/**
 * What things cost one attacker in this system (`attackers[].costs`), applied to every way past a stage before the
 * search compares them: the price of an attempt (analysis/attacker-cost.ts: own tactic costs, account price,
 * infrastructure per query) and
 * - `hourlyRate`: what an hour of this attacker's work is worth to them — the ranking weight of humanHours and
 *   implementationHours for their paths (the default weights price an hour at the `--weights` value, 50 USD).
 *
 * Detection tolerance is `budget.maxDetectionRisk`, checked with the rest of the budget.
 */
import { type CostVector, scaleCost } from '../../model/cost.js';
import type { AttackerT } from '../../model/schema.js';
import { attackerPrice } from '../attacker-cost.js';
import type { CatalogData } from '../tactic-matching.js';
import type { PathStep } from './types.js';

/** The ranking weights for one attacker: their hourly rate prices their hours. */
export function attackerWeights(attacker: AttackerT, weights: CostVector): CostVector {
  const rate = attacker.costs?.hourlyRate;
  if (rate === undefined) return weights;
  return { ...weights, humanHours: rate, implementationHours: rate };
}

/** The step with this attacker's prices (and the tactic's cost ranges); the same object when nothing changes. */
export function priceStep(step: PathStep, attacker: AttackerT, catalog: CatalogData): PathStep {
  if (step.kind === 'open' || step.tactic === undefined) return step;
  const price = attackerPrice(step.costPerAttempt, step.tactic, step.accountsPerAttempt, attacker, catalog);
  if (price.cost === step.costPerAttempt && !price.spread) return step;
  return {
    ...step,
    costPerAttempt: price.cost,
    cost: price.cost === step.costPerAttempt ? step.cost : scaleCost(price.cost, step.attempts),
    ...(price.spread ? { costSpread: price.spread } : {}),
  };
}
