/**
 * threshold-policy (application layer): turns the model score into the decision.
 * score ≥ threshold → block; reviewLow ≤ score < threshold → review (human review queue); else allow.
 * Young accounts get both edges lowered by `youngAccountThresholdDelta` (sender-accounts).
 */
import type { Decision } from '../../contracts/target.js';

export interface ThresholdPolicyConfig {
  threshold: number;
  /** Lower edge of the review band. Equal to `threshold` means no review band. */
  reviewLow: number;
}

export const DEFAULT_THRESHOLD_POLICY: ThresholdPolicyConfig = { threshold: 0.5, reviewLow: 0.3 };

export interface ThresholdDecision {
  decision: Decision;
  threshold: number;
  reviewLow: number;
}

export function validateThresholdPolicy(config: ThresholdPolicyConfig): void {
  if (!(config.threshold > 0 && config.threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], got ${config.threshold}`);
  if (!(config.reviewLow >= 0 && config.reviewLow <= config.threshold)) {
    throw new RangeError(`reviewLow must be in [0, threshold], got ${config.reviewLow}`);
  }
}

/** The threshold and review band after lowering both by `strictnessDelta` (young accounts). */
export function effectiveBand(config: ThresholdPolicyConfig, strictnessDelta = 0): ThresholdPolicyConfig {
  // Rounded so logs read 0.2, not 0.19999999999999998 (0.3 − 0.1 in binary floating point).
  const lower = (x: number) => Math.max(0, Math.round((x - strictnessDelta) * 1e9) / 1e9);
  return { threshold: lower(config.threshold), reviewLow: lower(config.reviewLow) };
}

export function applyThreshold(score: number, config: ThresholdPolicyConfig, strictnessDelta = 0): ThresholdDecision {
  const { threshold, reviewLow } = effectiveBand(config, strictnessDelta);
  const decision: Decision = score >= threshold ? 'block' : score >= reviewLow ? 'review' : 'allow';
  return { decision, threshold, reviewLow };
}
