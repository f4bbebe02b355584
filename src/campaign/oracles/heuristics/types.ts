/**
 * Simple heuristics: the cheap defences that defuse a practical tactic (Apruzzese et al., "Real Attackers Don't
 * Compute Gradients", SaTML 2023, §V-B: an attack a simple heuristic stops will not be launched, so "defused by a
 * simple heuristic" is a result worth measuring). The tactics name the heuristics that defuse them (each tactic's
 * `defusedBy`, src/campaign/tactics); a heuristic inspects what
 * the defender sees — one message, or the stream of sends and reports — returning the evidence it fired on.
 * Every heuristic is also run on benign mail in the tests, because a heuristic's price is its false positives.
 */
import type { FeedbackReport, TargetInput } from '../../../contracts/target.js';
import type { ReaderView } from '../reader-view.js';
import type { RedirectRegistry } from '../redirect-registry.js';

export interface Finding {
  fired: boolean;
  /** What it saw, in words (empty when quiet). */
  evidence: string[];
}

export interface HeuristicContext {
  /** Where links resolve (redirect hops, look-alike mirrors, simulated DNS). */
  registry: RedirectRegistry;
}

export interface ContentHeuristic {
  kind: 'content';
  id: string;
  name: string;
  summary: string;
  /** Inspect one raw message (and its reader view, computed once by the caller). */
  inspect(raw: string, view: ReaderView, ctx: HeuristicContext): Finding;
}

export interface StreamFinding extends Finding {
  /** Ids of the sends the heuristic flags (held back, sent to review, or judged with a stricter threshold). */
  flaggedSends: string[];
  /** Feedback reports it refuses to use (not counted for reputation or retraining). */
  rejectedReports: number;
  acceptedReports: number;
}

export interface StreamHeuristic {
  kind: 'stream';
  id: string;
  name: string;
  summary: string;
  /** Inspect a stream of sends (in time order) and the reports filed after them. */
  inspect(
    stream: { sends: readonly TargetInput[]; feedback?: readonly FeedbackReport[] },
    ctx: HeuristicContext,
  ): Promise<StreamFinding>;
}

export type Heuristic = ContentHeuristic | StreamHeuristic;

export function finding(evidence: string[]): Finding {
  return { fired: evidence.length > 0, evidence };
}

const SHOW = 5;

/** A bounded evidence list: the first few items and a count of the rest. */
export function capped(items: string[]): string[] {
  return items.length <= SHOW ? items : [...items.slice(0, SHOW), `… and ${items.length - SHOW} more`];
}
