/**
 * A candidate regression case found by a miner: the input (inline or by reference), the context it came with,
 * what the system decided, every label known for it, and where it came from (trace ids, times, miner, reason).
 */
import type { Decision } from '../contracts/target.js';

export interface CandidateLabels {
  /** Latest human-review outcome for this input. */
  reviewer?: 'spam' | 'ham';
  /** Latest user report for this input. */
  userReport?: 'spam' | 'not-spam';
  /** Ground truth (simulated traffic only). */
  truth?: 'spam' | 'ham';
  /** The input is an attack by construction (it evaded in a campaign). */
  attack?: true;
}

export interface Candidate {
  miner: string;
  reason: string;
  /** Higher = more useful as a regression case (kept first when capping). */
  informativeness: number;
  /** Cases are capped per cluster (template, tactic, input). */
  cluster: string;
  /** Dedupe key: the input hash (or `id:<trace id>` when there is none). */
  key: string;
  /** Rows with this input that the miner matched. */
  occurrences: number;
  /** Trace ids of the matched rows (oldest first, capped). */
  traceIds: string[];
  times: string[];
  input?: string;
  inputRef?: string;
  inputHash?: string;
  templateHash?: string;
  context: {
    accountId?: string;
    accountAgeDays?: number;
    /** Unix milliseconds. */
    timestamp?: number;
    sourceIp?: string;
    [key: string]: unknown;
  };
  /** What the system decided the last time it saw this input. */
  observed: {
    decision?: Decision;
    score?: number;
    threshold?: number;
    modelVersion?: string;
    decidedBy?: string;
  };
  labels: CandidateLabels;
}
