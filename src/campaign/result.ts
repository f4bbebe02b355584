/**
 * The campaign result document: what `nograd campaign run` produces, `campaign show` prints and the report module
 * renders. Engines compute it, renderers only read it. Measurement definitions are in docs/campaigns.md.
 */

import { z } from 'zod';
import type { Decision, TargetInfo } from '../contracts/target.js';
import type { CostVector } from '../model/cost.js';
import type { KnowledgeLevel } from '../model/vocabulary.js';
import { defineDocument } from '../util/document.js';
import type { Phase } from './attempt.js';
import type { ResilienceStats } from './limits/resilient-target.js';
import type { PrecisionResult } from './precision.js';
import type { RunStatus } from './store.js';
import type { Interval } from './wilson.js';

export const CAMPAIGN_RESULT_VERSION = 1;

/** A rate with its 95% Wilson interval. */
export interface Rate {
  /** Numerator. */
  k: number;
  n: number;
  /** k / n (0 when n = 0). */
  rate: number;
  ci95: Interval;
}

export interface ChainCost {
  /** Sum over the chain's attempts (implementation hours once). */
  total: CostVector;
  /** total / attempts, implementation hours still once. */
  perAttempt: CostVector;
  /**
   * Cost per successful evasion: repeatable dimensions summed over all attempts (failed ones included) divided by
   * successes; implementation hours divided by successes (amortized over what they bought); detection risk = the
   * chance that at least one of the attempts one success takes is flagged. Null without successes.
   */
  perSuccess: CostVector | null;
  /** What the first success cost: attempts in plan order up to and including it, implementation hours once. */
  firstSuccess: CostVector | null;
  /** Attempts up to and including the first success. */
  attemptsToFirstSuccess: number | null;
  /** Accounts used (not a cost-vector dimension, reported beside it). */
  accounts: number;
}

export interface ChainResult {
  /** Configured tactic names, in application order; [] = the untouched seeds. */
  chain: string[];
  label: string;
  tacticIds: string[];
  /** The phase that first measured this chain. */
  phase: Phase;
  variant: string;
  /** Attempts planned on seeds the target blocked untouched. */
  attempts: number;
  notApplicable: number;
  errors: number;
  /** Attempts that count: applicable and answered. */
  n: number;
  /** Successful evasions (evaded and valid) over n, with 95% Wilson CI. */
  evasion: Rate;
  /** Evaded, whether or not the payload survived. */
  evaded: number;
  /** Evaded but invalid: the target was fooled only by breaking the message. */
  evadedInvalid: number;
  /** Valid over n. */
  validity: Rate;
  /** Answered attempts by decision (allow + tag + review + block = n). */
  outcomes: Record<Decision, number>;
  /**
   * Mean movement of the score toward benign against the untouched seed, in the target's units (target.scoreScale);
   * null when the target exposes no score.
   */
  meanScoreDrop: number | null;
  cachedShare: number;
  cost: ChainCost;
  /** Hardening switches that defused this chain (see HardenedChain.defused). */
  defusedBy: string[];
}

export interface FprResult {
  /** Benign messages blocked. */
  blocked: Rate;
  /** Benign messages sent to review. */
  reviewed: Rate;
  /** Benign messages delivered but marked. */
  tagged: Rate;
  errors: number;
}

export interface HardenedChain {
  chain: string[];
  label: string;
  /** Rate on the configured (base) target. */
  base: Rate;
  /** Rate with the switch on. */
  hardened: Rate;
  /** Significant drop: the two 95% intervals do not overlap and the hardened rate is lower. */
  reduced: boolean;
  /** Reduced to at most 5% — "defused by a simple heuristic". */
  defused: boolean;
}

export interface HardeningResult {
  switch: string;
  /** Untouched seeds that evade with the switch on. */
  baseline: Rate;
  benign: FprResult | null;
  /** Change in benign block rate against the base target. */
  fprDelta: number | null;
  chains: HardenedChain[];
}

export interface CampaignExample {
  seedId: string;
  chain: string[];
  label: string;
  variant: string;
  decision: string | null;
  score: number | null;
  /** The untouched seed's score on the same variant. */
  baselineScore: number | null;
  /** Character offset of the first difference; both texts are excerpts starting a little before it. */
  firstDifference: number;
  excerptStart: number;
  original: string;
  transformed: string;
  originalLength: number;
  transformedLength: number;
  notes: string[];
}

export interface TacticSummary {
  name: string;
  id: string;
  kind: 'content' | 'stream';
  params: Record<string, unknown>;
  catalog: {
    name: string;
    family: string;
    knowledge: KnowledgeLevel | null;
    baseSuccess: number;
    cost: CostVector;
  } | null;
}

export interface BeamTrace {
  width: number;
  depth: number;
  budget: number;
  queriesSpent: number;
  stopReason: string | null;
  levels: Array<{ level: number; tried: string[][]; kept: string[][]; queries: number }>;
}

export interface BaselineApproach {
  /** 'good-word' (Lowd & Meek), 'feature-space-gradient', or a practical tactic for comparison. */
  approach: string;
  catalogId: string;
  /** What the attacker must know or see. */
  knowledge: string;
  seedsAttacked: number;
  /** Seeds turned into a delivered, valid message. */
  evasion: Rate;
  queries: { total: number; perSeed: number; perSuccess: number | null };
  implementationHours: number;
  humanHoursPerSeed: number;
  notes: string[];
}

export interface GoodWordBaseline extends BaselineApproach {
  approach: 'good-word';
  /** Candidate words tried and the best ones found. */
  candidates: number;
  topWords: Array<{ word: string; scoreDrop: number }>;
  /** Words added per successful seed. */
  wordsAdded: { mean: number | null; max: number | null };
}

export interface GradientBaseline extends BaselineApproach {
  approach: 'feature-space-gradient';
  /** Seeds whose feature vector the attack pushed across the threshold (in feature space). */
  featureSpaceSuccesses: number;
  /** Of those, feature vectors a real message can have: no removals of the payload's words, additions written. */
  realizable: Rate;
  /** Successes whose constructed message also evades through the full pipeline. */
  realizedThroughPipeline: Rate;
  flips: { mean: number | null; removalsMean: number | null; additionsMean: number | null };
  /** Why vectors were not realizable (reason → count). */
  unrealizableReasons: Record<string, number>;
  /** The additions-only variant (constrained to realizable moves). */
  additionsOnly: { evasion: Rate; flipsMean: number | null };
}

export interface BaselinesResult {
  goodWord?: GoodWordBaseline;
  gradient?: GradientBaseline;
  skipped: Array<{ name: string; reason: string }>;
}

/** What a campaign spent and sent. */
export interface CampaignTotals {
  attempts: number;
  /** Attacker queries (cached answers included: a real attacker would have sent them). */
  queries: number;
  /** Attempts the target answered this time (not from the cache); a stream attempt may stand for several sends. */
  sent: number;
  cached: number;
  errors: number;
  notApplicable: number;
  money: number;
  accounts: number;
  wallSeconds: number;
}

export interface CampaignResult {
  kind: 'nograd-campaign-result';
  version: typeof CAMPAIGN_RESULT_VERSION;
  runId: string;
  name: string;
  description: string | null;
  status: RunStatus;
  stopReason: string | null;
  createdAt: string;
  finishedAt: string;
  campaignFile: string;
  campaignHash: string;
  seed: number;
  repeats: number;
  nogradVersion: string;
  target: TargetInfo;
  evasionCondition: { when: string; scoreBelow: number | null; scoreAbove?: number | null };
  /** System-model component ids the campaign tests. */
  components: string[];
  seeds: { count: number; source: string };
  benign: { count: number; source: string } | null;
  tactics: TacticSummary[];
  search: { single: boolean; compositions: { depth: number; max: number | null } | null; beam: BeamTrace | null };
  totals: CampaignTotals;
  budgets: {
    configured: { queries: number | null; wallSeconds: number | null; money: number | null; accounts: number | null };
    spent: { queries: number; money: number; accounts: number; wallSeconds: number };
  };
  /** What precision the campaign could reach, and the chains it stopped early (absent in older results). */
  precision?: PrecisionResult;
  /** Untouched seeds on the configured target. */
  baseline: Rate;
  /** Every chain measured on the configured target, best first (rate, then cost per success). */
  chains: ChainResult[];
  defender: {
    benign: FprResult | null;
    hardening: HardeningResult[];
  };
  examples: CampaignExample[];
  baselines: BaselinesResult | null;
  resilience: Record<string, ResilienceStats>;
  warnings: string[];
}

// ------------------------------------------------------------------------------------------------ the saved document

const RateSchema = z.looseObject({
  k: z.number(),
  n: z.number(),
  rate: z.number(),
  ci95: z.looseObject({ low: z.number(), high: z.number() }),
});
const FprSchema = z.looseObject({ blocked: RateSchema, reviewed: RateSchema });

/**
 * The campaign result as a saved file (`nograd campaign run --out`). The type above stays hand-written (the
 * engine builds it in build-result.ts); this schema checks the envelope and every part a reader relies on, and
 * the document is kept as written once it passes (so the JSON report embeds it unchanged).
 */
const def = defineDocument(
  'nograd-campaign-result',
  CAMPAIGN_RESULT_VERSION,
  z.looseObject({
    runId: z.string(),
    name: z.string(),
    seed: z.number(),
    target: z.looseObject({ kind: z.string(), fingerprint: z.string() }),
    evasionCondition: z.looseObject({ when: z.string(), scoreBelow: z.number().nullable() }),
    components: z.array(z.string()),
    tactics: z.array(z.looseObject({ name: z.string(), id: z.string() })),
    chains: z.array(
      z.looseObject({
        chain: z.array(z.string()),
        label: z.string(),
        tacticIds: z.array(z.string()),
        n: z.number(),
        evasion: RateSchema,
        validity: RateSchema,
        cost: z.looseObject({ perSuccess: z.record(z.string(), z.number()).nullable() }),
      }),
    ),
    defender: z.looseObject({
      benign: FprSchema.nullable(),
      hardening: z.array(
        z.looseObject({
          switch: z.string(),
          benign: FprSchema.nullable(),
          chains: z.array(
            z.looseObject({ chain: z.array(z.string()), label: z.string(), base: RateSchema, hardened: RateSchema }),
          ),
        }),
      ),
    }),
    examples: z.array(
      z.looseObject({
        label: z.string(),
        original: z.string(),
        transformed: z.string(),
        decision: z.string().nullable(),
        notes: z.array(z.string()),
      }),
    ),
  }),
  {
    what: 'campaign result',
    remedy: 'write one with `nograd campaign run <campaign> --out result.json`',
    keepInput: true,
  },
);

export const CampaignResultDocument = {
  ...def,
  parse: (value: unknown, source?: string) => def.parse(value, source) as unknown as CampaignResult,
  read: (path: string) => def.read(path) as unknown as CampaignResult,
};
