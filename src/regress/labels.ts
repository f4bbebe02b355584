/**
 * The expected decision of a mined case comes from the best *trusted* label: ground truth (present only in simulated
 * traffic, where it is right by construction), then a reviewer's (analyst's) outcome, then "it is an attack"
 * (campaign evasions), and only then the model's own decision. In production logs there is no truth, so the order is
 * reviewer > attack > model. A trusted label that disagrees with what the system last decided makes the case a known
 * failure: it documents a mistake the system still makes, without failing the gate until it is fixed.
 *
 * User reports are labels an attacker can write: a spammer's own recipients mark the campaign "not spam"
 * (feedback poisoning), a saboteur marks a rival's mail "spam". So a user report is recorded as a **contested**
 * label (`provenance.contested`) and never becomes the expectation by itself: without a trusted label the case
 * expects what the model decided — except that an input the model allowed only pins its score from below (it may not
 * become more lenient) — and the report waits for an analyst. Feedback-poisoned spam therefore never turns into a
 * case expecting `allow`.
 *
 * Model-labelled cases from the `uncertain` and `confidence-loss` miners pin the score instead of only the decision
 * (at most / at least the logged score, with a tolerance): near a boundary, what matters is that the score does not
 * drift toward the wrong side.
 */
import type { Candidate } from '../traces/candidate.js';
import { checkVerdict, type Expectation } from './expectation.js';
import type { LabelSource } from './suite.js';

export interface LabelOptions {
  /** Pin scores for model-labelled uncertain / confidence-loss cases (default true). */
  scoreBounds?: boolean;
  /** Tolerance on pinned scores (default 0.05). */
  tolerance?: number;
}

export interface LabelledExpectation {
  expect: Expectation;
  label: LabelSource;
  /** A label from a source an attacker can write (a user report), recorded but not used as the expectation. */
  contested?: { source: 'user-report'; claim: 'spam' | 'ham' };
  /** Why the case is a known failure, when the system's last decision does not meet the expectation. */
  knownFailure?: string;
}

const SCORE_PINNING_MINERS = new Set(['uncertain', 'confidence-loss']);
/** Miners whose finds are suspected evasions: an allow they found is what is in doubt, never what is expected. */
const SUSPECTING_MINERS = new Set(['evasion-signals', 'sender-siblings']);

export function expectationFor(c: Candidate, opts: LabelOptions = {}): LabelledExpectation {
  const { label, spam } = bestLabel(c);
  const observed = c.observed;
  let expect: Expectation;
  if (label === 'model') {
    expect = { decision: observed.decision ?? 'allow' };
    const pin = opts.scoreBounds !== false && SCORE_PINNING_MINERS.has(c.miner) && observed.score !== undefined;
    if (pin && observed.decision) {
      const score = round(observed.score as number);
      const tolerance = opts.tolerance ?? 0.05;
      if (c.miner === 'uncertain') {
        // Near the boundary the decision itself is fragile (redaction alone can nudge it): pin the score only.
        expect =
          observed.decision === 'allow'
            ? { scoreAtMost: score, tolerance }
            : observed.decision === 'block'
              ? { scoreAtLeast: score, tolerance }
              : { scoreAtLeast: score, scoreAtMost: score, tolerance };
      } else {
        expect = { decision: observed.decision, scoreAtMost: score, tolerance };
      }
    }
  } else {
    expect = { decision: spam ? 'notAllow' : 'allow' };
  }
  const result: LabelledExpectation = { expect, label };
  // Recorded as contested only when it matters: no trusted label settled the case.
  if (c.labels.userReport && label === 'model')
    result.contested = { source: 'user-report', claim: c.labels.userReport === 'spam' ? 'spam' : 'ham' };
  // A disputed input, or one a miner suspects of evasion, that the model allowed never becomes an expectation of
  // `allow` (the allow may be the poisoning, or the evasion, at work): its score may not fall further, so the case
  // catches the system growing more lenient on it.
  const suspect = result.contested !== undefined || SUSPECTING_MINERS.has(c.miner);
  if (label === 'model' && suspect && observed.decision === 'allow' && observed.score !== undefined)
    result.expect = { scoreAtLeast: Math.max(0, round(observed.score - (opts.tolerance ?? 0.05))) };
  if (observed.decision && label !== 'model') {
    const check = checkVerdict(
      { ...(expect.decision ? { decision: expect.decision } : {}) },
      { decision: observed.decision, ...(observed.score !== undefined ? { score: observed.score } : {}) },
    );
    if (!check.ok) {
      result.knownFailure = `${labelText(c, label)}, but the system decided ${observed.decision}${
        observed.score !== undefined ? ` (score ${observed.score.toFixed(3)})` : ''
      } when last seen`;
    }
  }
  return result;
}

function bestLabel(c: Candidate): { label: LabelSource; spam: boolean } {
  const l = c.labels;
  if (l.truth) return { label: 'truth', spam: l.truth === 'spam' };
  if (l.reviewer) return { label: 'reviewer', spam: l.reviewer === 'spam' };
  if (l.attack) return { label: 'attack', spam: true };
  return { label: 'model', spam: c.observed.decision !== 'allow' };
}

function labelText(c: Candidate, label: LabelSource): string {
  switch (label) {
    case 'reviewer':
      return `a reviewer said ${c.labels.reviewer}`;
    case 'user-report':
      return `a user reported ${c.labels.userReport}`;
    case 'truth':
      return `ground truth is ${c.labels.truth}`;
    case 'attack':
      return 'it evaded in an attack campaign';
    default:
      return 'the model decided';
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
