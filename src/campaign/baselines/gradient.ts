/**
 * The feature-space gradient attack on the reference linear model, for contrast (RG §IV: what most research
 * assumes). With perfect knowledge — the vocabulary and every weight — the attacker walks the binary feature space:
 * each step flips the one feature that lowers the logit most (remove the present token with the largest weight, or
 * add the absent token with the most negative weight), until the score falls below the target. For a linear model
 * over binary features this greedy walk is the steepest descent along the gradient restricted to single flips.
 *
 * It returns a feature vector, not a message: whether a real message can have that vector is a separate question
 * (see realize.ts). The `additionsOnly` mode restricts the walk to additions of realizable tokens.
 */
import { featurize } from '../../reference/model/feature-space.js';
import { featureScale, type LinearModel, sigmoid } from '../../reference/model/linear-model.js';

export interface Flip {
  token: string;
  op: 'add' | 'remove';
  weight: number;
}

export interface GradientOutcome {
  /** The score fell below the target within maxFlips. */
  crossed: boolean;
  startScore: number;
  finalScore: number;
  flips: Flip[];
}

export interface GradientOptions {
  /** Stop when the score is below this. */
  targetScore: number;
  maxFlips: number;
  /** Only add tokens (no removals), and only tokens this predicate accepts. */
  additionsOnly?: boolean;
  canAdd?: (token: string) => boolean;
}

export function gradientAttack(model: LinearModel, tokens: readonly string[], opts: GradientOptions): GradientOutcome {
  const present = new Set(featurize(model.space, tokens));
  let sum = 0;
  for (const j of present) sum += model.weights[j] as number;
  let count = present.size;
  const logit = (s: number, n: number) => model.bias + featureScale(model.featureValue, n) * s;
  const startScore = sigmoid(logit(sum, count));
  // Removal candidates: present tokens, largest weight first. Addition candidates: absent tokens, most negative first.
  const removals = opts.additionsOnly
    ? []
    : [...present].sort((a, b) => (model.weights[b] as number) - (model.weights[a] as number));
  const additions: number[] = [];
  for (let j = 0; j < model.weights.length; j++) {
    if (present.has(j) || (model.weights[j] as number) >= 0) continue;
    if (opts.canAdd && !opts.canAdd(model.space.vocabulary[j] as string)) continue;
    additions.push(j);
  }
  additions.sort((a, b) => (model.weights[a] as number) - (model.weights[b] as number));
  const flips: Flip[] = [];
  let ri = 0;
  let ai = 0;
  let score = startScore;
  while (score >= opts.targetScore && flips.length < opts.maxFlips) {
    const r = removals[ri];
    const a = additions[ai];
    const afterRemove =
      r !== undefined && (model.weights[r] as number) > 0
        ? logit(sum - (model.weights[r] as number), count - 1)
        : Infinity;
    const afterAdd = a !== undefined ? logit(sum + (model.weights[a] as number), count + 1) : Infinity;
    const current = logit(sum, count);
    if (Math.min(afterRemove, afterAdd) >= current) break; // no single flip lowers the score any more
    if (afterRemove <= afterAdd && r !== undefined) {
      sum -= model.weights[r] as number;
      count--;
      flips.push({ token: model.space.vocabulary[r] as string, op: 'remove', weight: model.weights[r] as number });
      ri++;
    } else if (a !== undefined) {
      sum += model.weights[a] as number;
      count++;
      flips.push({ token: model.space.vocabulary[a] as string, op: 'add', weight: model.weights[a] as number });
      ai++;
    }
    score = sigmoid(logit(sum, count));
  }
  return { crossed: score < opts.targetScore, startScore, finalScore: score, flips };
}
