/**
 * What the report reads from the other result documents (economics, campaign, regression suites, monitor), as
 * small "view" shapes the renderers draw, and the dispatch from a document to its view. The engines' result types
 * are turned into views by the typed adapters in adapters.ts. Saved documents are untrusted: a document that is not
 * the engine's result, or breaks its shape somewhere, gives no view (the section is left out) instead of breaking
 * the report; the CLI turns that into a clear error.
 */

import type { EconomicsResult } from '../analysis/economics/types.js';
import type { CampaignResult } from '../campaign/result.js';
import type { CostVector } from '../model/cost.js';
import type { SystemModel } from '../model/schema.js';
import type { CheckResult } from '../monitor/check.js';
import type { SuiteResult } from '../regress/run.js';
import {
  campaignView,
  economicsView,
  isCampaignResult,
  isCheckResult,
  isEconomicsResult,
  isSuiteResult,
  monitorView,
  suiteView,
} from './adapters.js';
import type { ReportAnalysis } from './analysis-schema.js';

export type CostLike = Partial<CostVector>;

export interface PathStepView {
  component: string;
  tactic: string;
  tacticName?: string;
  successProbability?: number;
  cost?: CostLike;
}

export interface AttackPathView {
  id?: string;
  attacker: string;
  steps: PathStepView[];
  cost: CostLike;
  weightedCost?: number;
  successProbability?: number;
}

export interface SimulationView {
  attacker: string;
  metric: string;
  unit?: string;
  samples: number[];
  bins: Array<{ lo: number; hi: number; count: number }>;
  successRate?: number;
  mean?: number;
  p50?: number;
  p90?: number;
  budget?: number;
}

export interface RecommendationView {
  control: string;
  name?: string;
  components: string[];
  why?: string;
  attackerCostBefore?: number;
  attackerCostAfter?: number;
  attackerCostIncrease?: number;
  defenderCost?: number;
  falsePositiveRate?: number;
  score?: number;
}

export interface CalibrationView {
  label: string;
  metric?: string;
  predicted: number;
  measured: number;
  low?: number;
  high?: number;
}

export interface EconomicsView {
  weights?: CostLike;
  cheapest: AttackPathView[];
  paths: AttackPathView[];
  pareto: Array<{ attacker: string; paths: AttackPathView[] }>;
  simulations: SimulationView[];
  recommendations: RecommendationView[];
  calibration: CalibrationView[];
}

export interface RateView {
  rate: number;
  low?: number;
  high?: number;
  attempts?: number;
  successes?: number;
}

export interface TacticResultView {
  tactic: string;
  name?: string;
  chain: string[];
  evasion: RateView;
  costPerSuccess?: number;
  costUnit?: string;
}

export interface HardeningView {
  config: string;
  label?: string;
  tactics: TacticResultView[];
  falsePositive?: RateView;
}

export interface ExampleView {
  tactic: string;
  original: string;
  transformed: string;
  outcome?: string;
  note?: string;
}

export interface CampaignView {
  name?: string;
  target?: string;
  seed?: string;
  tactics: TacticResultView[];
  hardening: HardeningView[];
  examples: ExampleView[];
}

export interface CaseView {
  name: string;
  classname?: string;
  status: 'passed' | 'failed' | 'skipped';
  message?: string;
  timeMs?: number;
}

export interface SuiteView {
  name: string;
  cases: CaseView[];
}

export interface AlertView {
  rule: string;
  severity: string;
  message: string;
  at?: string;
  value?: number;
  threshold?: number;
}

export interface MonitorView {
  alerts: AlertView[];
}

// ---------------------------------------------------------------------------------------------- the report input

/**
 * Everything one report can show. Only `analysis` is required; the other sections render when present. The
 * optional documents are the engines' own result types; a document of another shape (hand-written, older) is
 * read leniently, and one that cannot be read renders as "nothing to show" rather than breaking the report.
 */
export interface ReportInput {
  analysis: ReportAnalysis;
  /** The loaded model, for the system diagram (the diagram is left out without it). */
  model?: SystemModel;
  /** An economics result; defaults to the analysis result's `economics` slot. */
  economics?: EconomicsResult;
  campaign?: CampaignResult;
  suites?: SuiteResult[];
  monitor?: CheckResult;
}

/** The normalized views of a report input. */
export interface ReportViews {
  economics?: EconomicsView;
  campaign?: CampaignView;
  suites: SuiteView[];
  monitor?: MonitorView;
}

/** The typed adapter's view when the document is the engine's result; undefined otherwise. Never throws. */
function view<T, V>(doc: unknown, is: (x: unknown) => x is T, adapt: (x: T) => V | undefined): V | undefined {
  if (!is(doc)) return undefined;
  try {
    return adapt(doc);
  } catch {
    // A saved document that carries the engine's discriminator but breaks its shape further down.
    return undefined;
  }
}

export function economicsViewOf(doc: unknown): EconomicsView | undefined {
  return view(doc, isEconomicsResult, economicsView);
}
export function campaignViewOf(doc: unknown): CampaignView | undefined {
  return view(doc, isCampaignResult, campaignView);
}
export function suiteViewOf(doc: unknown): SuiteView | undefined {
  return view(doc, isSuiteResult, suiteView);
}
export function monitorViewOf(doc: unknown): MonitorView | undefined {
  return view(doc, isCheckResult, monitorView);
}

export function readViews(input: ReportInput): ReportViews {
  const economics = economicsViewOf(input.economics ?? input.analysis.economics);
  const campaign = campaignViewOf(input.campaign);
  const monitor = monitorViewOf(input.monitor);
  return {
    ...(economics ? { economics } : {}),
    ...(campaign ? { campaign } : {}),
    suites: (input.suites ?? []).map(suiteViewOf).filter((s): s is SuiteView => s !== undefined),
    ...(monitor ? { monitor } : {}),
  };
}
