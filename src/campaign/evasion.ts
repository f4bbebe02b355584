/**
 * The evasion condition: what counts as "the attack got through". One function, used by every attempt the runner
 * makes, by the baselines and by the session's untouched-seed check, so they can never disagree.
 *
 * - `allowed`: delivered unmarked (decision allow) — the default, and what an attacker who wants the inbox needs;
 * - `delivered`: allow or tag — it reached the recipient, perhaps with a warning mark;
 * - `not-blocked`: allow, tag or review — it escaped the automatic block (a human will see it);
 * - `score-below` / `score-above`: the score is on the benign side of a threshold in the target's own units.
 */
import type { Decision, TargetVerdict } from '../contracts/target.js';

export const EVASION_CONDITIONS = ['allowed', 'delivered', 'not-blocked', 'score-below', 'score-above'] as const;
export type EvasionWhen = (typeof EVASION_CONDITIONS)[number];

export interface EvasionCondition {
  when: EvasionWhen;
  scoreBelow?: number | undefined;
  scoreAbove?: number | undefined;
}

const GETS_THROUGH: Record<'allowed' | 'delivered' | 'not-blocked', ReadonlySet<Decision>> = {
  allowed: new Set(['allow']),
  delivered: new Set(['allow', 'tag']),
  'not-blocked': new Set(['allow', 'tag', 'review']),
};

export function evades(condition: EvasionCondition, v: TargetVerdict): boolean {
  switch (condition.when) {
    case 'score-below':
      return v.score !== undefined && condition.scoreBelow !== undefined && v.score < condition.scoreBelow;
    case 'score-above':
      return v.score !== undefined && condition.scoreAbove !== undefined && v.score > condition.scoreAbove;
    default:
      return GETS_THROUGH[condition.when].has(v.decision);
  }
}

/** The condition in a few words, for summaries: "allowed", "score < 5 points". */
export function describeEvasion(condition: EvasionCondition, unit?: string): string {
  const u = unit && unit !== 'probability' && unit !== 'other' ? ` ${unit}` : '';
  if (condition.when === 'score-below') return `score < ${condition.scoreBelow}${u}`;
  if (condition.when === 'score-above') return `score > ${condition.scoreAbove}${u}`;
  return condition.when;
}
