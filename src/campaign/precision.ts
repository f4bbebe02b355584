/**
 * Statistical power and early stopping. A rate measured on 12 attempts says little ("25% [9–53]"); a campaign
 * should say up front how many attempts a chain needs for the interval a reader asked for, and should not spend
 * queries on a chain whose answer is already clear.
 *
 * - Attempts needed for a 95% interval of half-width h at worst (rate 0.5): n ≥ z²/(4h²) — 97 for ±10 points.
 * - Early stop (opt-in, `precision.stopEarly`): after at least MIN_ATTEMPTS answered attempts, a chain stops when
 *   its interval decides the question "does it get through more often than `decisionRate`?" (the interval lies
 *   wholly above or below that rate) or is already as narrow as asked. Looking after every attempt is a sequential
 *   test; the stop checks use a 99% interval so the repeated looks do not make the reported 95% intervals lie
 *   (a Bonferroni-style margin, not an exact sequential design — docs/campaigns.md says so).
 */
import { wilsonInterval, Z95 } from './wilson.js';

/** z for a two-sided 99% interval: the stop rule's margin for looking after every attempt. */
const Z99 = 2.5758293035489;
export const MIN_ATTEMPTS = 10;

export interface PrecisionSpec {
  /** Wanted half-width of a chain's 95% interval (0.10 = ±10 points). */
  halfWidth: number;
  stopEarly: boolean;
  /** The question early stopping decides: does the chain get through more often than this? */
  decisionRate: number;
}

/** Attempts a chain needs for a 95% interval no wider than ±halfWidth, whatever its rate. */
export function attemptsNeeded(halfWidth: number): number {
  return Math.ceil((Z95 * Z95) / (4 * halfWidth * halfWidth));
}

/** The worst-case (rate 0.5) half-width of a 95% interval on n attempts. */
export function worstHalfWidth(n: number): number {
  if (n <= 0) return 0.5;
  const w = wilsonInterval(Math.floor(n / 2), n);
  return (w.high - w.low) / 2;
}

export type StopReason = 'gets through' | 'negligible' | 'precise';

/** Whether a chain with `successes` of `n` answered attempts has answered the question; null to go on. */
export function earlyStop(spec: PrecisionSpec, successes: number, n: number): StopReason | null {
  if (!spec.stopEarly || n < MIN_ATTEMPTS) return null;
  const strict = wilsonInterval(successes, n, Z99);
  if (strict.low > spec.decisionRate) return 'gets through';
  if (strict.high < spec.decisionRate) return 'negligible';
  if ((strict.high - strict.low) / 2 <= spec.halfWidth) return 'precise';
  return null;
}

export interface ChainStop {
  chain: string[];
  variant: string;
  /** Answered attempts when it stopped, and successes among them. */
  n: number;
  successes: number;
  reason: StopReason;
  /** Planned attempts of the chain not sent. */
  skipped: number;
}

/** The precision section of a campaign result. */
export interface PrecisionResult {
  halfWidth: number;
  attemptsNeeded: number;
  /** Most attempts any chain could get on the configured target (blocked seeds × repeats). */
  attemptsPerChain: number;
  /** Worst-case half-width those attempts give. */
  achievableHalfWidth: number;
  stopEarly: boolean;
  decisionRate: number;
  stopped: ChainStop[];
}

/** One line for a summary: what the campaign can resolve, and what to change when it cannot. */
export function precisionAdvice(p: PrecisionResult): string | null {
  if (p.attemptsPerChain >= p.attemptsNeeded) return null;
  return (
    `each chain gets at most ${p.attemptsPerChain} attempts (seeds the target blocked untouched × repeats): ` +
    `intervals up to ±${(p.achievableHalfWidth * 100).toFixed(0)} points, wider than the ±${(p.halfWidth * 100).toFixed(0)} asked; ` +
    `±${(p.halfWidth * 100).toFixed(0)} needs ${p.attemptsNeeded} — add seeds or repeats`
  );
}
