/**
 * Monte Carlo simulation of one attacker's campaign along one path (seeded: the same seed gives the same numbers).
 *
 * One trial walks the path's steps in order. Per step:
 * - attempts until one gets past ~ Geometric(p) (p = the step's success probability with the scenario's controls);
 * - every attempt pays the step's per-attempt cost (implementation hours once per step);
 * - each attempt is noticed with the step's per-attempt detection risk; a noticed attempt burns the account it used,
 *   which the attacker replaces at the path's account price and time (the retry after detection);
 * - failed attempts at the application stage land in the review band with DEFAULT_ATTACKER_REVIEW_SHARE;
 * - a feedback / training-data side door only pays off at the next retraining: the trial waits U(0, interval).
 * The defender side runs on the same clock: false positives on benign traffic and review hours over the campaign.
 * Trials whose attempts on one step reach MAX_ATTEMPTS_PER_STEP count as not reaching the goal.
 *
 * Rates are uncertain (catalog/prior.ts): when the tactic's rate belief is given, each trial draws the step's base
 * rate from it (Beta) and scales it by what the controls let through, so the spread of the results includes "we do
 * not know the rate well", not only the luck of the attempts. Review hours are split into those the attacker
 * causes and the baseline benign review load over the same days.
 */
import type { RateBelief } from '../../catalog/prior.js';
import { COST_DIMENSIONS, type CostSpread, type CostVector, drawEstimate } from '../../model/cost.js';
import type { AttackerT } from '../../model/schema.js';
import { SeededRandom } from '../../util/random.js';
import { DEFAULT_ATTACKER_REVIEW_SHARE, MAX_ATTEMPTS_PER_STEP } from './defaults.js';
import type { TrafficFacts } from './defender.js';
import { summarize } from './distribution.js';
import type { AttackPath, Scenario, SimulationResult } from './types.js';

export interface SimulateInput {
  attacker: AttackerT;
  path: AttackPath;
  scenario: Scenario;
  trials: number;
  seed: number;
  traffic: TrafficFacts;
  /** Σ false-positive rate of the scenario's controls. */
  falsePositiveRate: number;
  /** Rate beliefs by tactic id: each trial draws a step's base rate from its belief. */
  rates?: Readonly<Record<string, RateBelief>>;
}

const BUDGET_DIMS = ['money', 'humanHours', 'implementationHours', 'queries', 'timeHours', 'accounts'] as const;

/** Price and time of one replacement account: from the path's step that consumes accounts, else free and instant. */
function accountPrice(path: AttackPath): { money: number; hours: number } {
  const step = path.steps.find((s) => s.accountsPerAttempt > 0);
  if (!step) return { money: 0, hours: 0 };
  return {
    money: step.costPerAttempt.money / step.accountsPerAttempt,
    hours: step.costPerAttempt.timeHours / step.accountsPerAttempt,
  };
}

/**
 * One trial's per-attempt cost for a step whose model gave ranges: each ranged dimension drawn once — the price this
 * campaign meets, not a fresh price per attempt (the uncertainty is about the number, not between attempts).
 */
function drawCost(point: CostVector, spread: CostSpread, rng: SeededRandom): CostVector {
  const c = { ...point };
  for (const d of COST_DIMENSIONS) {
    const e = spread[d];
    if (e) c[d] = drawEstimate(e, rng.next());
  }
  return c;
}

export function simulatePath(input: SimulateInput): SimulationResult {
  const { attacker, path, trials, traffic } = input;
  const rng = new SeededRandom(input.seed);
  const budget = attacker.budget ?? {};
  const limits: Record<(typeof BUDGET_DIMS)[number], number | undefined> = {
    money: budget.money,
    humanHours: budget.humanHours,
    implementationHours: budget.implementationHours,
    queries: budget.queries,
    timeHours: budget.timeHours,
    accounts: budget.accounts,
  };
  const stated = BUDGET_DIMS.filter((d) => limits[d] !== undefined);
  // Budget caps as a typed array in BUDGET_DIMS order (unstated = unbounded): no allocation per trial.
  const caps = Float64Array.from(BUDGET_DIMS, (d) =>
    limits[d] === undefined ? Number.POSITIVE_INFINITY : limits[d]! * (1 + 1e-12),
  );
  const spent = new Float64Array(BUDGET_DIMS.length);
  const overCount = new Float64Array(BUDGET_DIMS.length);
  const price = accountPrice(path);
  const review = traffic.review;
  const fpPerDay = input.falsePositiveRate * traffic.benignPerDay;
  const benignReviewPerDay = review ? traffic.benignPerDay * review.benignReviewShare : 0;

  const time = new Float64Array(trials);
  const money = new Float64Array(trials);
  const human = new Float64Array(trials);
  const queries = new Float64Array(trials);
  const attemptsArr = new Float64Array(trials);
  const accounts = new Float64Array(trials);
  const fps = new Float64Array(trials);
  const reviewHours = new Float64Array(trials);
  let succeeded = 0;
  let withinBudget = 0;
  let detectedOnce = 0;

  const steps = path.steps;
  // Per step: the belief to draw from and what the controls let through of its base rate (null: a fixed p).
  const drawn = steps.map((s) => {
    const b = s.tactic ? input.rates?.[s.tactic] : undefined;
    return b && b.mean > 0 && s.successProbability < 1 ? { b, factor: s.successProbability / b.mean } : null;
  });
  const attackerReviewHours = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let m = 0;
    let h = 0;
    let impl = 0;
    let q = 0;
    let hours = 0;
    let att = 0;
    let acc = 0;
    let det = 0;
    let reviewItems = 0;
    let ok = true;
    for (let si = 0; si < steps.length; si++) {
      const s = steps[si]!;
      const draw = drawn[si];
      const p = draw ? Math.min(1, rng.beta(draw.b.alpha, draw.b.beta) * draw.factor) : s.successProbability;
      const k = rng.geometric(p, MAX_ATTEMPTS_PER_STEP);
      if (k >= MAX_ATTEMPTS_PER_STEP && p < 1) ok = false;
      const c = s.costSpread ? drawCost(s.costPerAttempt, s.costSpread, rng) : s.costPerAttempt;
      const d = rng.binomial(k, c.detectionRisk);
      m += c.money * k + d * price.money;
      h += c.humanHours * k;
      impl += c.implementationHours;
      q += c.queries * k;
      hours += c.timeHours * k + d * price.hours;
      att += k;
      acc += s.accountsPerAttempt * k + d;
      det += d;
      if (review && s.stage === 'application' && k > 1)
        reviewItems += rng.binomial(k - 1, DEFAULT_ATTACKER_REVIEW_SHARE);
      if (s.sideDoor === 'feedback' || s.sideDoor === 'training-data')
        hours += rng.next() * traffic.retrainIntervalHours;
      if (!ok) break;
    }
    time[t] = hours;
    money[t] = m;
    human[t] = h;
    queries[t] = q;
    attemptsArr[t] = att;
    accounts[t] = acc;
    const days = hours / 24;
    fps[t] = fpPerDay * days;
    if (review) {
      reviewHours[t] = ((benignReviewPerDay * days + reviewItems) * review.minutesPerItem) / 60;
      attackerReviewHours[t] = (reviewItems * review.minutesPerItem) / 60;
    }
    if (det > 0) detectedOnce++;
    if (!ok) continue;
    succeeded++;
    spent[0] = m;
    spent[1] = h;
    spent[2] = impl;
    spent[3] = q;
    spent[4] = hours;
    spent[5] = acc;
    let fits = true;
    for (let b = 0; b < BUDGET_DIMS.length; b++) {
      if (spent[b]! > caps[b]!) {
        overCount[b]!++;
        fits = false;
      }
    }
    if (fits) withinBudget++;
  }

  // Peak attacker items per day into review: the fastest application step's attempt rate × review share.
  let attackerPeakPerDay = 0;
  for (const s of steps) {
    if (s.stage !== 'application' || s.successProbability >= 1) continue;
    const perDay = s.costPerAttempt.timeHours > 0 ? 24 / s.costPerAttempt.timeHours : 24 * 60;
    attackerPeakPerDay = Math.max(
      attackerPeakPerDay,
      perDay * (1 - s.successProbability) * DEFAULT_ATTACKER_REVIEW_SHARE,
    );
  }

  const assumptions = [
    'attempts per step ~ Geometric(step success probability); costs per attempt from the catalog (implementation hours once per step)',
    ...(steps.some((s) => s.costSpread)
      ? ['cost dimensions the model gives as ranges are drawn once per trial (uniform or triangular)']
      : []),
    `each attempt is noticed with the step's per-attempt detection risk; a noticed attempt burns its account, replaced at ${price.money.toFixed(2)} USD and ${price.hours.toFixed(2)} h`,
    `benign traffic ${traffic.benignPerDay.toFixed(0)} items/day (${traffic.benignPerDaySource === 'model' ? 'input-source benignPerDay' : 'default: 10,000 per week'})`,
  ];
  if (review) {
    assumptions.push(
      `review at ${review.component}: ${Number.isFinite(review.capacityPerDay) ? review.capacityPerDay : 'unbounded'} items/day, ${review.minutesPerItem} min/item, ${(review.benignReviewShare * 100).toFixed(1)}% of benign items and ${DEFAULT_ATTACKER_REVIEW_SHARE * 100}% of failed attacker attempts in the review band`,
    );
  }
  if (steps.some((s) => s.sideDoor === 'feedback' || s.sideDoor === 'training-data')) {
    assumptions.push(`poison pays off at the next retraining: wait ~ U(0, ${traffic.retrainIntervalHours} h)`);
  }

  const overBudget: Record<string, number> = {};
  for (const dim of stated) overBudget[dim] = overCount[BUDGET_DIMS.indexOf(dim)]! / trials;
  return {
    attacker: attacker.id,
    scenario: input.scenario,
    path: path.key,
    trials,
    seed: input.seed,
    succeeded,
    pSuccessWithinBudget: trials > 0 ? withinBudget / trials : 0,
    pDetectedAtLeastOnce: trials > 0 ? detectedOnce / trials : 0,
    overBudget,
    timeHours: summarize(time),
    money: summarize(money),
    humanHours: summarize(human),
    queries: summarize(queries),
    attempts: summarize(attemptsArr),
    accountsBurned: summarize(accounts),
    defender: {
      benignPerDay: traffic.benignPerDay,
      benignPerDaySource: traffic.benignPerDaySource,
      falsePositivesPerDay: fpPerDay,
      falsePositivesDuringCampaign: summarize(fps),
      ...(review
        ? {
            review: {
              component: review.component,
              capacityPerDay: Number.isFinite(review.capacityPerDay) ? review.capacityPerDay : null,
              benignPerDay: benignReviewPerDay,
              attackerPeakPerDay,
              peakUtilization: Number.isFinite(review.capacityPerDay)
                ? (benignReviewPerDay + attackerPeakPerDay) / review.capacityPerDay
                : 0,
              reviewHoursDuringCampaign: summarize(reviewHours),
              reviewHoursCausedByAttacker: summarize(attackerReviewHours),
            },
          }
        : {}),
    },
    assumptions,
  };
}
