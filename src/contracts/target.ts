/**
 * The one interface that campaigns, regression suites and monitors run on: "what does the system decide
 * for this input?". Implementations: the in-process reference system, an HTTP endpoint, a child process,
 * a JS module.
 */

import type { ContentEncoding } from './input-bytes.js';

/**
 * The final verdict vocabulary. Targets map their own labels onto it. `tag` is "delivered but marked" (a spam
 * header, a warning banner, a reduced-visibility flag): the input reached its audience, with a mark on it.
 */
export const DECISIONS = ['allow', 'tag', 'review', 'block'] as const;
export type Decision = (typeof DECISIONS)[number];

/** One input to a target. `content` is the raw sample (for mail: an RFC 822 message). */
export interface TargetInput {
  /** Stable id of the sample (seed id plus transformation chain). */
  id: string;
  content: string;
  /** How `content` maps to bytes (see input-bytes.ts); utf8 when omitted. */
  encoding?: ContentEncoding;
  /**
   * Context outside the content that funnel layers look at: who sends it, when, from which account.
   * Access- and activity-layer tactics act here.
   */
  context?: InputContext;
}

export interface InputContext {
  accountId?: string;
  /** Account age in days at the time of sending. */
  accountAgeDays?: number;
  /** Unix milliseconds of the (simulated) send time. */
  timestamp?: number;
  sourceIp?: string;
  [key: string]: unknown;
}

export interface TargetVerdict {
  decision: Decision;
  /** The target's score in its own units and direction (see TargetInfo.scoreScale) when it exposes one. */
  score?: number;
  /** The funnel layer or component that decided (when the target says). */
  decidedBy?: string;
  /** Free target-specific detail (kept in the attempt store). */
  detail?: Record<string, unknown>;
}

export interface TargetInfo {
  kind: 'reference' | 'http' | 'command' | 'module';
  /** A stable description used in cache keys: same description ⇒ same answers expected. */
  fingerprint: string;
  /** What an attacker (and the campaign) can observe. */
  exposes: Array<'decision' | 'score' | 'decidedBy'>;
  /** Units and direction of `TargetVerdict.score` (probability, higher = more malicious, when omitted). */
  scoreScale?: ScoreScale;
}

/**
 * A score on the target's own scale: a probability in [0,1], points (SpamAssassin-style, unbounded), log-odds, or
 * any other number. Thresholds and score movements are stated in these units; nograd never adds them to rates.
 */
export interface ScoreScale {
  unit: ScoreUnit;
  /** `higher-is-malicious` (spam scores) or `higher-is-benign` (trust or reputation scores). */
  direction: ScoreDirection;
}
export const SCORE_UNITS = ['probability', 'points', 'log-odds', 'other'] as const;
export type ScoreUnit = (typeof SCORE_UNITS)[number];
export const SCORE_DIRECTIONS = ['higher-is-malicious', 'higher-is-benign'] as const;
export type ScoreDirection = (typeof SCORE_DIRECTIONS)[number];

export const PROBABILITY_SCALE: ScoreScale = { unit: 'probability', direction: 'higher-is-malicious' };

/** The scale a target's scores are on (the probability scale when it does not say). */
export function scoreScaleOf(info: TargetInfo): ScoreScale {
  return info.scoreScale ?? PROBABILITY_SCALE;
}

/**
 * How much less malicious `after` looks than `before`, in the target's units: positive = the attack moved the
 * score toward "benign", whatever the scale's direction.
 */
export function scoreDrop(scale: ScoreScale, before: number, after: number): number {
  return scale.direction === 'higher-is-malicious' ? before - after : after - before;
}

/** Is `score` on the benign side of `threshold` (strictly)? */
export function isBenignSide(scale: ScoreScale, score: number, threshold: number): boolean {
  return scale.direction === 'higher-is-malicious' ? score < threshold : score > threshold;
}

export interface Target {
  readonly info: TargetInfo;
  /** Decide one input. Rejects with TargetError on transport problems (never with a user-visible stack). */
  decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict>;
  /** Feedback surface ("not spam" reports), for targets that have one. */
  feedback?(report: FeedbackReport): Promise<void>;
  close(): Promise<void>;
}

export interface FeedbackReport {
  inputId: string;
  content: string;
  /** How `content` maps to bytes, as on the input it reports; utf8 when omitted. */
  encoding?: ContentEncoding;
  /** What the reporting user says the right decision was. */
  claimed: 'ham' | 'spam';
  context?: InputContext;
}

/** A transport/target failure: retried where policy allows, never cached. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}
