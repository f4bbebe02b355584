/**
 * The documented defaults of the economics layer (docs/economics.md lists each with its reason). A model property
 * of the same name overrides each one where noted.
 */
import type { ComponentKind } from '../../model/vocabulary.js';

/** Components that decide about the attacker's items or accounts: a stage holding one needs a way past it. */
export const DECIDER_KINDS: readonly ComponentKind[] = [
  'account-identity',
  'activity-monitor',
  'model',
  'policy',
  'human-review',
];

/** Component kinds a preprocessing-assumption side door can start from. */
export const PREPROCESSING_KINDS: readonly ComponentKind[] = ['preprocessing', 'feature-extraction'];

/** Cap on non-dominated partial paths kept per stage boundary (Martins-style label setting). */
export const DEFAULT_MAX_LABELS_PER_STAGE = 256;

/** At most this many Pareto-optimal paths are written to the document (the cheapest ones by weighted cost). */
export const DEFAULT_MAX_PARETO_REPORTED = 25;

/**
 * Benign items per day when no input source states `properties.benignPerDay`: 10,000 per week, the volume
 * defenderCostScalar (model/cost.ts) assumes, so the two defender numbers agree.
 */
export const DEFAULT_BENIGN_PER_DAY = 10_000 / 7;

/** Share of benign items landing in the review band when the policy does not state `benignReviewShare`. */
export const DEFAULT_BENIGN_REVIEW_SHARE = 0.01;

/** Analyst minutes per reviewed item when the review component does not state `minutesPerItem` (as in model/cost.ts). */
export const DEFAULT_REVIEW_MINUTES_PER_ITEM = 5;

/** Hours between retraining runs when the training component does not state `retrainIntervalHours` (weekly). */
export const DEFAULT_RETRAIN_INTERVAL_HOURS = 168;

/** A simple control "defuses" the cheapest path when it raises its weighted cost at least this many times. */
export const DEFUSE_FACTOR = 2;

/** Safety cap on attempts per simulated step: a trial that needs more is counted as not reaching the goal. */
export const MAX_ATTEMPTS_PER_STEP = 10_000_000;

/** Relative tolerance under which two weighted costs count as equal (diff gate, ranking ties). */
export const COST_EPSILON = 1e-9;

/** Share of an attacker's failed application-stage attempts that land in the review band (near the threshold). */
export const DEFAULT_ATTACKER_REVIEW_SHARE = 0.25;

/** Trials per simulation when `--simulate` is given without a number. */
export const DEFAULT_SIMULATION_TRIALS = 10_000;

/** At most this many candidate controls are re-analysed (the ones countering the most cheapest-path steps). */
export const MAX_WHAT_IF_CANDIDATES = 40;
