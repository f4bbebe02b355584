/**
 * The one interface that campaigns, regression suites and monitors run on: "what does the system decide
 * for this input?". Implementations: the in-process reference system, an HTTP endpoint, a child process,
 * a JS module.
 */

import type { ContentEncoding } from './input-bytes.js';

/** The final verdict vocabulary. Targets map their own labels onto it. */
export type Decision = 'allow' | 'review' | 'block';

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
  /** Probability-like score in [0,1] when the target exposes one (higher = more malicious). */
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
