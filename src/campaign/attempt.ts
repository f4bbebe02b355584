/**
 * One attempt: a seed (or benign message), transformed by a tactic chain, sent to one target variant, in one
 * repeat. It is the grain of the store (one row each), of resume (a deterministic key) and of measurement.
 */
import type { ContentEncoding } from '../contracts/input-bytes.js';
import type { Decision } from '../contracts/target.js';

export type Phase = 'baseline' | 'single' | 'composition' | 'beam' | 'hardening' | 'benign';
export const PHASES: readonly Phase[] = ['baseline', 'single', 'composition', 'beam', 'hardening', 'benign'];

/** The variant of the target an attempt ran on: the configured target, or it with one hardening switch on. */
export const BASE_VARIANT = 'base';

export interface AttemptRecord {
  /** runId / variant / set:seedId / chain / repeat — unique, and the same on every resume of the run. */
  key: string;
  runId: string;
  /** Position in the run's plan (waves in order, plan order within a wave). */
  seq: number;
  variant: string;
  phase: Phase;
  set: 'seeds' | 'benign';
  seedId: string;
  /** Configured tactic names in the order applied; [] is the untouched sample. */
  chain: string[];
  repeat: number;
  /** False when a tactic in the chain does not apply to this sample (nothing was sent). */
  applicable: boolean;
  /** The validity oracle's verdict; null when not applicable or not judged (untouched samples are valid). */
  valid: boolean | null;
  invalidReasons: string[];
  decision: Decision | null;
  score: number | null;
  decidedBy: string | null;
  /** The decision met the campaign's evasion condition (whether or not the payload survived). */
  evaded: boolean;
  /** evaded and valid: the attacker got a working message through. */
  success: boolean;
  /** Set when the target failed for good (after retries); such attempts count nowhere and rerun on resume. */
  error: string | null;
  /** Answered from the cache (no request sent this time; the attacker's query is still counted). */
  cached: boolean;
  /** Sends to the target attributed to this attempt, plus queries the tactics spend themselves. */
  queries: number;
  /** Measured time the target took to answer (0 when cached). */
  wallMs: number;
  /** Simulated time the tactics add (pacing, warm-up), hours. */
  simHours: number;
  accounts: number;
  money: number;
  /** Catalog: attacker person-hours per attempt, summed over the chain. */
  humanHours: number;
  /**
   * Catalog: one-off engineering hours of the chain's tactics (the same on every attempt of the chain; paid once,
   * so measurement adds it once per chain, never per attempt).
   */
  implementationHours: number;
  /** sha256 of what was sent (content and context): the cache key with the target fingerprint. */
  inputHash: string | null;
  /** sha256 of the original sample. */
  originalHash: string;
  /**
   * The transformed content, kept for evasive variants only (the decision met the evasion condition and a tactic
   * changed the sample): examples, regression tests, `campaign export`.
   */
  transformed: string | null;
  /** How the sample's content maps to bytes (the seed's encoding, which its variants keep). */
  encoding: ContentEncoding;
  /** What the tactics said they did. */
  notes: string[];
  createdMs: number;
}

export function chainLabel(chain: readonly string[]): string {
  return chain.length ? chain.join(' + ') : '(none)';
}

export function attemptKey(
  runId: string,
  variant: string,
  set: 'seeds' | 'benign',
  seedId: string,
  chain: readonly string[],
  repeat: number,
): string {
  return `${runId}/${variant}/${set}:${seedId}/${chain.join('+') || '-'}/${repeat}`;
}
