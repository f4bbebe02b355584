/**
 * Multi-objective path search over the stages of a route (label setting in the manner of Martins' algorithm, on a
 * layered graph): a label is a partial path through the first stages with its cost vector and success
 * probability; extending every label by every way past the next stage and dropping dominated labels keeps exactly
 * the partial paths that can still end on the Pareto front. Options a sibling dominates are dropped first.
 *
 * Work per stage is O(labels × options × front), with labels capped at `maxLabelsPerStage` (the cheapest by
 * weighted cost are kept, and `truncated` says so): the search is polynomial in the model size, never a walk over
 * every combination.
 */
import { addCost, type CostVector, weightedCost, zeroCost } from '../../model/cost.js';
import { paretoFilter } from './pareto.js';
import type { PathStep } from './types.js';

export interface Label {
  cost: CostVector;
  p: number;
  w: number;
  step: PathStep | null;
  parent: Label | null;
}

export interface SearchResult {
  /** Complete, non-dominated paths (cheapest first). */
  labels: Label[];
  /** Labels created. */
  created: number;
  truncated: boolean;
  /** Options kept per stage after dropping dominated ones. */
  optionsKept: number[];
}

/** Ways past one stage that no sibling dominates. */
export function localPareto(options: readonly PathStep[], weights: CostVector): PathStep[] {
  const wrapped = options.map((o) => ({ o, cost: o.cost, p: o.successProbability, w: weightedCost(o.cost, weights) }));
  return paretoFilter(wrapped).map((x) => x.o);
}

export function searchPaths(
  stages: ReadonlyArray<readonly PathStep[]>,
  weights: CostVector,
  maxLabelsPerStage: number,
): SearchResult {
  let labels: Label[] = [{ cost: zeroCost(), p: 1, w: 0, step: null, parent: null }];
  let created = 1;
  let truncated = false;
  const optionsKept: number[] = [];
  for (const stage of stages) {
    const opts = localPareto(stage, weights);
    optionsKept.push(opts.length);
    const next: Label[] = [];
    for (const l of labels) {
      for (const o of opts) {
        const cost = addCost(l.cost, o.cost);
        next.push({ cost, p: l.p * o.successProbability, w: weightedCost(cost, weights), step: o, parent: l });
      }
    }
    created += next.length;
    labels = paretoFilter(next);
    if (labels.length > maxLabelsPerStage) {
      labels = labels.slice(0, maxLabelsPerStage);
      truncated = true;
    }
    if (labels.length === 0) break;
  }
  return { labels, created, truncated, optionsKept };
}

/** The steps of a label, first stage first. */
export function labelSteps(label: Label): PathStep[] {
  const steps: PathStep[] = [];
  for (let l: Label | null = label; l?.step; l = l.parent) steps.push(l.step);
  return steps.reverse();
}
