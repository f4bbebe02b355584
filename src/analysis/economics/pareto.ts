/**
 * Dominance over the full objective: every cost dimension (lower is better) and success probability (higher is
 * better). A dominated option can never be part of a path that is not itself dominated (or tied): every cost
 * dimension composes monotonically (sums; detection risk as 1 − Π(1 − d)) and success probabilities multiply.
 */
import { COST_DIMENSIONS, type CostVector } from '../../model/cost.js';

export interface Objective {
  cost: CostVector;
  /** Success probability. */
  p: number;
}

/** a is no worse than b everywhere and strictly better somewhere. */
export function dominatesObjective(a: Objective, b: Objective): boolean {
  let strictly = a.p > b.p;
  if (a.p < b.p) return false;
  for (const d of COST_DIMENSIONS) {
    if (a.cost[d] > b.cost[d]) return false;
    if (a.cost[d] < b.cost[d]) strictly = true;
  }
  return strictly;
}

export function sameObjective(a: Objective, b: Objective): boolean {
  if (a.p !== b.p) return false;
  for (const d of COST_DIMENSIONS) if (a.cost[d] !== b.cost[d]) return false;
  return true;
}

/**
 * The non-dominated items, one per distinct objective (the first in input order after sorting by `w`, then
 * higher p). O(n × front).
 */
export function paretoFilter<T extends Objective & { w: number }>(items: readonly T[]): T[] {
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.w - b.item.w || b.item.p - a.item.p || a.i - b.i)
    .map((x) => x.item);
  let kept: T[] = [];
  for (const x of sorted) {
    let beaten = false;
    for (const k of kept) {
      if (dominatesObjective(k, x) || sameObjective(k, x)) {
        beaten = true;
        break;
      }
    }
    if (beaten) continue;
    if (kept.some((k) => dominatesObjective(x, k))) kept = kept.filter((k) => !dominatesObjective(x, k));
    kept.push(x);
  }
  return kept;
}
