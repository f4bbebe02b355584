/** One planned message of a simulated day: who sends what, when, to whom, and what it really is. */
import type { Label } from '../corpus.js';
import type { FunnelOutcome } from '../system.js';
import type { SimAccount } from './accounts.js';

export type SlotKind = 'benign' | 'background-spam' | 'campaign' | 'probe' | 'surge' | 'poison';

export interface Slot {
  at: number;
  kind: SlotKind;
  sender: SimAccount;
  recipient: SimAccount;
  truth: Label;
  /** Campaign tag for the log (known campaigns and injected attackers). */
  campaign: string | null;
  /** The message, when it is fixed at planning time (then it is pre-extracted in a batch). */
  raw?: string;
  /** For attackers that react within the day: composes the message when its turn comes. */
  compose?: () => string;
  /** Called with the funnel's decision (attackers learn from it). */
  observe?: (outcome: FunnelOutcome) => void;
  /** The recipient is the attacker and reports the message "not spam" (feedback poisoning). */
  poisonReport?: boolean;
}

/** Spread `n` times over [from, to) ms, uniformly at random, sorted. */
export function timesBetween(n: number, from: number, to: number, float: () => number): number[] {
  return Array.from({ length: n }, () => Math.floor(from + float() * (to - from))).sort((a, b) => a - b);
}
