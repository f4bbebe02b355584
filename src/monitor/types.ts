/**
 * The shapes the monitor passes between its parts: what one time window of decision logs aggregates to (computed
 * by DuckDB SQL, never row by row in JS), and the vocabulary of severities.
 */

export const DECISIONS = ['allow', 'tag', 'review', 'block'] as const;
export type DecisionName = (typeof DECISIONS)[number];

/** Score histogram resolution for KS and Wasserstein: equal-width bins over [0, 1]. */
export const SCORE_FINE_BINS = 1000;
/** Input length buckets: floor(2·log2(length + 1)), i.e. half-octaves, capped. */
export const LENGTH_BUCKETS = 48;

export interface DeciderStats {
  decidedBy: string;
  layer: string;
  rows: number;
  blocks: number;
}

export interface TemplateCount {
  hash: string;
  count: number;
}

/** One sender entity (account or source IP) with near-threshold activity in a window: a probing candidate. */
export interface EntityStats {
  kind: 'account' | 'source';
  id: string;
  rows: number;
  scored: number;
  /** Scored decisions within the near-threshold band of a decision boundary (threshold or review-band lower edge). */
  near: number;
  /** Approximate number of distinct inputs (variants) sent. */
  inputs: number;
  minAccountAgeDays: number | null;
}

/** One clock hour inside a window: volume, volume from young ("fresh") senders, and blocks per deciding component. */
export interface HourStats {
  /** Hour start, Unix ms. */
  start: number;
  rows: number;
  youngRows: number;
  /** Blocks per `decidedBy` (only components that blocked in the hour). */
  blocks: Record<string, number>;
}

/** The most one sender entity got delivered (allow or tag) in one clock hour of a window. */
export interface SenderHour {
  kind: 'account' | 'source';
  id: string;
  /** Start of that hour, Unix ms. */
  hour: number;
  delivered: number;
  /** All its decisions in that hour (delivered or not). */
  rows: number;
  minAccountAgeDays: number | null;
}

/** Records per (feature extractor version, model version) pair. */
export interface VersionPair {
  featureVersion: string;
  modelVersion: string | null;
  rows: number;
  firstTs: number;
}

/** Everything the monitor needs about one time window, aggregated in SQL. All counts are additive across windows. */
export interface WindowStats {
  /** Window bounds, Unix ms, [start, end). */
  start: number;
  end: number;
  firstTs: number | null;
  lastTs: number | null;
  rows: number;
  decisions: Record<DecisionName, number>;
  /** Decisions with a model score (earlier layers decide without one). */
  scored: number;
  scoreSum: number;
  scoreSumSq: number;
  /** Counts in the baseline's quantile bins (edges.length + 1 bins). */
  scoreQuantileCounts: number[];
  /** Counts in SCORE_FINE_BINS equal-width bins over [0, 1]. */
  scoreFineCounts: number[];
  nearThreshold: number;
  reviewed: number;
  reviewerHam: number;
  /** Blocks later judged legitimate (reviewer said ham or the user reported "not spam"). */
  blockedOverturned: number;
  reports: { spam: number; notSpam: number; notSpamYoung: number };
  youngRows: number;
  deciders: DeciderStats[];
  /** Inputs with a known length, per LENGTH_BUCKETS bucket. */
  lengthCounts: number[];
  templates: { hashed: number; distinct: number; sumSquares: number; top: TemplateCount[] };
  entities: EntityStats[];
  /** Records with a feature count (`featureTokens`), their sum, and counts per LENGTH_BUCKETS-style bucket. */
  featured: number;
  featureTokenSum: number;
  featureTokenCounts: number[];
  /** Extractor/model version pairs seen (records with a `featureVersion`). */
  versions: VersionPair[];
  /** Clock hours with records (not additive across windows). */
  hours: HourStats[];
  /** Per entity kind, the entities that got the most delivered in one hour (top list, not additive). */
  senderHours: SenderHour[];
}

/** Options of the SQL aggregation. The baseline stores them so that a check aggregates exactly the same way. */
export interface AggregationOptions {
  /** A scored decision is "near threshold" when it is within nearBand of `threshold` or of `reviewLow` (the allow boundary). */
  nearBand: number;
  /** Accounts younger than this many days are "young". */
  youngAccountDays: number;
  /** Interior edges of the score quantile bins (from the baseline). */
  scoreEdges: number[];
  /** Top templates kept per window. */
  topTemplates: number;
  /** Entities kept per window (by near-threshold count) and the minimum near count to be kept. */
  topEntities: number;
  minEntityNear: number;
}

export const DEFAULT_AGGREGATION: Omit<AggregationOptions, 'scoreEdges'> = {
  nearBand: 0.05,
  youngAccountDays: 7,
  topTemplates: 25,
  topEntities: 25,
  minEntityNear: 5,
};

import { SEVERITIES, type Severity } from '../model/vocabulary.js';

/** The project's one severity vocabulary (shared with analysis findings). */
export { SEVERITIES, type Severity };

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export { DAY_MS } from '../util/time.js';
