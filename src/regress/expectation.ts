/**
 * What a regression case expects of the system, and the check of one verdict against it. `notAllow` means "tag,
 * review or block": the usual expectation for something labelled spam, since each stops it or marks it. Score bounds widen by the
 * tolerance (for targets whose scores wobble, or inputs changed slightly by redaction).
 */
import type { Decision, TargetVerdict } from '../contracts/target.js';

export const EXPECTED_DECISIONS = ['block', 'review', 'tag', 'allow', 'notAllow'] as const;
export type ExpectedDecision = (typeof EXPECTED_DECISIONS)[number];

export interface Expectation {
  decision?: ExpectedDecision;
  scoreAtLeast?: number;
  scoreAtMost?: number;
  /** Slack on the score bounds (default 0). */
  tolerance?: number;
}

export interface CheckOutcome {
  ok: boolean;
  /** Why it failed, one entry per unmet condition. */
  problems: string[];
}

export function decisionMatches(expected: ExpectedDecision, actual: Decision): boolean {
  return expected === 'notAllow' ? actual !== 'allow' : expected === actual;
}

export function checkVerdict(expect: Expectation, verdict: Pick<TargetVerdict, 'decision' | 'score'>): CheckOutcome {
  const problems: string[] = [];
  const tol = expect.tolerance ?? 0;
  if (expect.decision && !decisionMatches(expect.decision, verdict.decision)) {
    problems.push(`expected ${describeDecision(expect.decision)}, got ${verdict.decision}`);
  }
  const needsScore = expect.scoreAtLeast !== undefined || expect.scoreAtMost !== undefined;
  if (needsScore && (verdict.score === undefined || !Number.isFinite(verdict.score))) {
    problems.push('expected a score, but the target gave none');
  } else if (verdict.score !== undefined) {
    if (expect.scoreAtLeast !== undefined && verdict.score < expect.scoreAtLeast - tol) {
      problems.push(`score ${fmt(verdict.score)} < ${fmt(expect.scoreAtLeast)}${tol ? ` - ${fmt(tol)}` : ''}`);
    }
    if (expect.scoreAtMost !== undefined && verdict.score > expect.scoreAtMost + tol) {
      problems.push(`score ${fmt(verdict.score)} > ${fmt(expect.scoreAtMost)}${tol ? ` + ${fmt(tol)}` : ''}`);
    }
  }
  return { ok: problems.length === 0, problems };
}

export function describeExpectation(e: Expectation): string {
  const parts: string[] = [];
  if (e.decision) parts.push(describeDecision(e.decision));
  const tol = e.tolerance ? ` ± ${fmt(e.tolerance)}` : '';
  if (e.scoreAtLeast !== undefined) parts.push(`score ≥ ${fmt(e.scoreAtLeast)}${tol}`);
  if (e.scoreAtMost !== undefined) parts.push(`score ≤ ${fmt(e.scoreAtMost)}${tol}`);
  return parts.join(', ');
}

function describeDecision(d: ExpectedDecision): string {
  return d === 'notAllow' ? 'tag, review or block' : d;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/0+$/, '');
}
