/**
 * The attacker cost vector. Query count alone hides what attacks cost (RG Observation 6: MLSEC 2021's 3rd place
 * used more queries but 1 person for 12 days, the winner 2 people for 42 days), so cost is always a vector.
 * A weighting exists only to rank; it is never applied silently.
 */
export const COST_DIMENSIONS = [
  'money',
  'humanHours',
  'implementationHours',
  'queries',
  'timeHours',
  'detectionRisk',
] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

/**
 * money: US dollars; humanHours: attacker person-hours of manual work; implementationHours: engineering to build
 * tooling; queries: requests to the target; timeHours: wall-clock time-to-success; detectionRisk: probability (0..1)
 * that the attempt gets the attacker noticed (accounts burned, campaign flagged).
 */
export type CostVector = Record<CostDimension, number>;

export const COST_UNITS: Record<CostDimension, string> = {
  money: 'USD',
  humanHours: 'h',
  implementationHours: 'h',
  queries: 'queries',
  timeHours: 'h',
  detectionRisk: 'p',
};

export function zeroCost(): CostVector {
  return { money: 0, humanHours: 0, implementationHours: 0, queries: 0, timeHours: 0, detectionRisk: 0 };
}

export function costOf(partial: Partial<CostVector> | undefined): CostVector {
  return { ...zeroCost(), ...(partial ?? {}) };
}

/**
 * Sequential composition: additive dimensions add; time adds (steps run one after another);
 * detection risk combines as the probability that at least one step gets noticed.
 */
export function addCost(a: CostVector, b: CostVector): CostVector {
  return {
    money: a.money + b.money,
    humanHours: a.humanHours + b.humanHours,
    implementationHours: a.implementationHours + b.implementationHours,
    queries: a.queries + b.queries,
    timeHours: a.timeHours + b.timeHours,
    detectionRisk: 1 - (1 - a.detectionRisk) * (1 - b.detectionRisk),
  };
}

/** Multiply the repeatable dimensions (attempts) by k; implementation work is paid once. */
export function scaleCost(c: CostVector, k: number): CostVector {
  return {
    money: c.money * k,
    humanHours: c.humanHours * k,
    implementationHours: c.implementationHours,
    queries: c.queries * k,
    timeHours: c.timeHours * k,
    detectionRisk: 1 - (1 - c.detectionRisk) ** k,
  };
}

/** a dominates b when a is no worse in every dimension and strictly better in one. */
export function dominates(a: CostVector, b: CostVector): boolean {
  let strictly = false;
  for (const d of COST_DIMENSIONS) {
    if (a[d] > b[d]) return false;
    if (a[d] < b[d]) strictly = true;
  }
  return strictly;
}

/** Default ranking weights: hours of a person are dear, queries cheap. Users override them. */
export const DEFAULT_COST_WEIGHTS: CostVector = {
  money: 1,
  humanHours: 50,
  implementationHours: 50,
  queries: 0.001,
  timeHours: 1,
  detectionRisk: 500,
};

export function weightedCost(c: CostVector, w: CostVector = DEFAULT_COST_WEIGHTS): number {
  let s = 0;
  for (const d of COST_DIMENSIONS) s += c[d] * w[d];
  return s;
}

/** Defender cost of a control: what the defense costs to run. */
export const DEFENDER_COST_DIMENSIONS = [
  'falsePositiveRate',
  'reviewHoursPerWeek',
  'latencyMs',
  'moneyPerMonth',
  'implementationHours',
] as const;
export type DefenderCostDimension = (typeof DEFENDER_COST_DIMENSIONS)[number];
export type DefenderCost = Record<DefenderCostDimension, number>;

export function defenderCostOf(partial: Partial<DefenderCost> | undefined): DefenderCost {
  return {
    falsePositiveRate: 0,
    reviewHoursPerWeek: 0,
    latencyMs: 0,
    moneyPerMonth: 0,
    implementationHours: 0,
    ...(partial ?? {}),
  };
}

/**
 * One number for "how much does this defense hurt the defender", used only to rank controls
 * (attacker cost raised per unit of defender cost). FPR is weighted as review/complaint hours on 10k benign
 * items per week; an engineer-hour is $100. Added latency is priced on a log scale — 100 × log10(1 + ms): a
 * 100 ms check costs ≈ 200, holding an item an hour for review ≈ 660 — because users feel latency by orders of
 * magnitude, and a linear price would let one held-for-review control outweigh every other cost. See
 * docs/decisions.md.
 */
export function defenderCostScalar(c: DefenderCost): number {
  const fpHoursPerWeek = c.falsePositiveRate * 10_000 * (5 / 60);
  return (
    (fpHoursPerWeek + c.reviewHoursPerWeek) * 100 * 4.33 +
    c.moneyPerMonth +
    c.implementationHours * 100 +
    100 * Math.log10(1 + Math.max(0, c.latencyMs))
  );
}

/**
 * A cost the user is unsure of: a point, or a distribution — `{min, max}` (uniform) or `{min, mode, max}`
 * (triangular, the three-point estimate practitioners give). Path search ranks by the mean; the Monte Carlo
 * simulation draws one value per trial (the price this campaign actually meets), see docs/catalog.md.
 */
export type CostEstimate = number | { min: number; max: number; mode?: number };
export type CostEstimateVector = Partial<Record<CostDimension, CostEstimate>>;

/** The mean of an estimate: the point itself, (min + max) / 2, or (min + mode + max) / 3. */
export function estimateMean(e: CostEstimate): number {
  if (typeof e === 'number') return e;
  return e.mode === undefined ? (e.min + e.max) / 2 : (e.min + e.mode + e.max) / 3;
}

/** The spread of an estimate vector: only the dimensions given as distributions. */
export type CostSpread = Partial<Record<CostDimension, { min: number; max: number; mode?: number }>>;

/** Point vector (means) and spread of an estimate vector; unstated dimensions are 0. */
export function splitEstimate(v: CostEstimateVector | undefined): { point: CostVector; spread: CostSpread } {
  const point = zeroCost();
  const spread: CostSpread = {};
  for (const d of COST_DIMENSIONS) {
    const e = v?.[d];
    if (e === undefined) continue;
    point[d] = estimateMean(e);
    if (typeof e !== 'number') spread[d] = e;
  }
  return { point, spread };
}

/** One draw from an estimate's distribution, given a uniform u in [0, 1) (inverse CDF). */
export function drawEstimate(e: { min: number; max: number; mode?: number }, u: number): number {
  const { min, max } = e;
  if (!(max > min)) return min;
  if (e.mode === undefined) return min + u * (max - min);
  const c = (e.mode - min) / (max - min);
  return u < c
    ? min + Math.sqrt(u * (max - min) * (e.mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - e.mode));
}
