/**
 * The decision-log record that the reference system writes (JSONL and Parquet) and that `nograd traces` /
 * `nograd monitor` read by default. Production logs of other systems use other field names; a mapping config
 * (see src/traces/mapping.ts) turns them into this shape, so miners and monitors see one vocabulary.
 */
import type { Decision } from './target.js';

export interface DecisionLogRecord {
  /** Unique id of the decision (trace id). */
  id: string;
  /** ISO-8601 timestamp of the decision. */
  ts: string;
  /** The sending account / entity. */
  account: string;
  accountAgeDays: number;
  sourceIp?: string | null;
  /** Raw input (for mail: the RFC 822 message). May be omitted when `inputRef` points at stored content. */
  input?: string | null;
  inputRef?: string | null;
  /** sha256 hex of the input. */
  inputHash: string;
  /** Near-duplicate fingerprint (64-bit simhash, 16 hex chars) used for template clustering. */
  templateHash?: string | null;
  /** Model score in [0,1] (higher = more malicious). Null when an earlier layer decided. */
  score: number | null;
  threshold: number;
  /** Lower bound of the review band: scores in [reviewLow, threshold) go to human review. */
  reviewLow?: number | null;
  decision: Decision;
  /** Component id (from the system model) that made the decision. */
  decidedBy: string;
  /** Funnel layer that made the decision. */
  layer: 'automation' | 'access' | 'activity' | 'application';
  modelVersion: string;
  /**
   * Version or hash of the preprocessing / feature extractor that turned the input into features. Optional: when a
   * log carries it, `nograd monitor` alerts on an extractor change that came without a retrain.
   */
  featureVersion?: string | null;
  /** Number of features the extractor produced for this input (serving-side feature statistic, for skew). */
  featureTokens?: number | null;
  /** Outcome of human review when the item was reviewed. */
  reviewerOutcome?: 'spam' | 'ham' | null;
  /** True when an analyst escalated the case. */
  escalated?: boolean;
  /** What a user reported afterwards. */
  userReport?: 'spam' | 'not-spam' | null;
  /** Campaign tag (known campaigns in simulation; analyst tags in production). */
  campaign?: string | null;
  /** Ground truth, known only in simulation (reference traffic). Never used by miners or monitors. */
  truth?: 'spam' | 'ham' | null;
}
