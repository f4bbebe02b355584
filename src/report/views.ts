/**
 * The small "view" shapes the renderers draw: what the report shows from each result document (economics,
 * campaign, regression suites, monitor). The typed adapters (adapters.ts) build them from the engines' documents.
 * A leaf module: adapters.ts and inputs.ts both import it, so neither imports the other's types.
 */
import type { CostVector } from '../model/cost.js';

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
  /** Is the catalog calibrated for this system, in one sentence (with what changed for the cheapest paths). */
  calibrationVerdict?: string[];
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
  /** Answered attempts by decision: delivered unmarked, delivered but marked, sent to review, blocked. */
  outcomes?: { allow: number; tag: number; review: number; block: number };
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
  /** The target the suite ran against (kind and fingerprint), so its failures are read as that target's. */
  target?: string;
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

/** A chain's decision split as one cell: "allow / tag / review / block" counts, or "–" when not recorded. */
export function outcomeText(t: Pick<TacticResultView, 'outcomes'>): string {
  const o = t.outcomes;
  return o ? `${o.allow} / ${o.tag} / ${o.review} / ${o.block}` : '–';
}
