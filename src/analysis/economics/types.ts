/**
 * The economics result document: attack paths with cost vectors, Pareto fronts, the cheapest path under stated
 * weights, Monte Carlo campaign distributions, control recommendations and the calibration comparison. Plain JSON
 * (no Infinity, no Map): the report module renders it, the engine never does. Cost stays a vector everywhere;
 * a weighted number is only ever shown next to the weights that made it.
 */
import type { RateBelief } from '../../catalog/prior.js';
import type { CostSpread, CostVector, DefenderCost } from '../../model/cost.js';
import type { Goal, Layer } from '../../model/vocabulary.js';

export const ECONOMICS_SCHEMA_VERSION = 1;

/** Today's controls (status implemented) or the plan (planned controls counted as implemented). */
export type Scenario = 'today' | 'planned';
export const SCENARIOS: readonly Scenario[] = ['today', 'planned'];

/** Ways past a stage that do not go through its front door. */
export type SideDoor = 'feedback' | 'training-data' | 'dependency' | 'assumption';

/** A control a step meets, with the effectiveness used. */
export interface StepCounter {
  control: string;
  catalog?: string;
  effectiveness: number;
  status: 'implemented' | 'planned';
}

/** One way past one funnel stage. */
export interface PathStep {
  stage: Layer;
  /** `tactic`: a catalog tactic on a component of the stage; `open`: the stage has nothing that stops the attacker. */
  kind: 'tactic' | 'open' | 'side-door';
  sideDoor?: SideDoor;
  tactic?: string;
  tacticName?: string;
  family?: string;
  /** Where the tactic acts. */
  component?: string;
  /** Other components of the stage where the same tactic works with the same odds (listed, not repeated). */
  alsoAt?: string[];
  /** For dependency side doors: the unpinned dependency. */
  dependency?: string;
  /** For side doors: the component whose decision the step changes (the retrained model, the dependent step). */
  landsOn?: string;
  /** Probability that one attempt gets past, with the scenario's controls. */
  successProbability: number;
  /**
   * The same probability's 90% credible interval, from the tactic's rate belief (`rates`) scaled by the controls;
   * `estimate` when the rate was never measured on this system.
   */
  successInterval?: { low: number; high: number; basis: 'estimate' | 'measured' };
  /** Expected attempts until one gets past: 1 / successProbability. */
  attempts: number;
  /** Catalog cost of one attempt (implementation hours are one-off). */
  costPerAttempt: CostVector;
  /** costPerAttempt scaled by the expected attempts (scaleCost). */
  cost: CostVector;
  /** Dimensions of costPerAttempt the model gave as ranges (costPerAttempt holds their means). */
  costSpread?: CostSpread;
  /** Accounts the tactic needs per attempt (catalog `requires.accounts`). */
  accountsPerAttempt: number;
  /** Controls met in this scenario (their effectiveness multiplies the odds down). */
  counters: StepCounter[];
  /** Assumption side door: controls that the broken preprocessing assumption takes out of play. */
  bypassed?: StepCounter[];
  /** Assumption ids of the component that the tactic breaks. */
  breaksAssumptions: string[];
  /** The tactic's cheap defence, from the catalog (RG §V-B). */
  simpleHeuristic?: string;
  /** One line: why this step exists. */
  note: string;
}

export interface BudgetCheck {
  /** True when the path's expected cost fits every stated budget dimension. */
  within: boolean;
  exceeded: Array<{ dimension: string; need: number; have: number }>;
}

export interface AttackPath {
  /** Stable identity: stage:tactic@component, joined with " > ". */
  key: string;
  steps: PathStep[];
  /** Sum over steps (addCost): time adds, detection risk combines as P(noticed at least once). */
  cost: CostVector;
  /** weightedCost(cost, weights): for ranking only, always shown next to the weights. */
  weightedCost: number;
  /** Probability that one pass of the whole path succeeds (product over steps). */
  successProbability: number;
  /** Expected attempts summed over steps. */
  expectedAttempts: number;
  /** Expected accounts used: Σ accountsPerAttempt × attempts. */
  expectedAccounts: number;
  sideDoors: SideDoor[];
  budget: BudgetCheck;
  /** money ÷ gainPerSuccess: successes needed to pay back the money spent (when the attacker states a gain). */
  breakEvenSuccesses?: number;
}

export interface StageInfo {
  stage: Layer;
  /** Route components in the stage (funnel order). */
  components: string[];
  /** True when something in the stage stops the attacker (a deciding component or a control in this scenario). */
  barrier: boolean;
  /** Ways past the stage before pruning (front door, open, side doors). */
  options: number;
  /** …after dropping options another option of the stage dominates. */
  optionsKept: number;
}

export interface PathSet {
  scenario: Scenario;
  stages: StageInfo[];
  /** Set when no path exists: the first stage nothing gets this attacker past. */
  blocked?: { stage: Layer; reason: string };
  /** Minimum weightedCost over all paths (ties: higher success probability, then key). */
  cheapest: AttackPath | null;
  /**
   * Paths no other path beats on every cost dimension and on success probability, cheapest (weighted) first;
   * at most maxParetoReported of them (paretoSize says how many there are).
   */
  pareto: AttackPath[];
  paretoSize: number;
  search: {
    /** Partial paths (labels) created during the search. */
    labels: number;
    maxLabelsPerStage: number;
    /** True when a stage had more non-dominated labels than the cap, so some were dropped (the front may be partial). */
    truncated: boolean;
  };
}

export interface AttackerEconomics {
  attacker: string;
  name?: string;
  goal: Goal;
  target: string;
  /** Components the attacker's items or accounts pass through on the way to the target. */
  route: string[];
  /** The weights this attacker's paths are ranked with, when their hourly rate (`costs.hourlyRate`) sets them. */
  weights?: CostVector;
  today: PathSet;
  planned: PathSet;
}

/** Summary of a sample: mean and percentiles, plus a histogram for charts. */
export interface Distribution {
  /** Trials the statistics are over. */
  n: number;
  mean: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
  histogram: { edges: number[]; counts: number[] };
}

export interface SimulationResult {
  attacker: string;
  scenario: Scenario;
  /** Key of the simulated path (the scenario's cheapest). */
  path: string;
  trials: number;
  seed: number;
  /** Trials that reached the goal before the safety cap on attempts. */
  succeeded: number;
  /** Share of trials that reached the goal with every budget dimension respected. */
  pSuccessWithinBudget: number;
  /** Share of trials in which at least one attempt was noticed. */
  pDetectedAtLeastOnce: number;
  /** Share of trials that went over each stated budget dimension. */
  overBudget: Record<string, number>;
  timeHours: Distribution;
  money: Distribution;
  humanHours: Distribution;
  queries: Distribution;
  attempts: Distribution;
  accountsBurned: Distribution;
  defender: {
    benignPerDay: number;
    benignPerDaySource: 'model' | 'default';
    /** Σ falsePositiveRate × benignPerDay over the scenario's controls. */
    falsePositivesPerDay: number;
    falsePositivesDuringCampaign: Distribution;
    review?: {
      component: string;
      /** null when the review component states no capacityPerDay. */
      capacityPerDay: number | null;
      /** Benign items per day in the review band. */
      benignPerDay: number;
      /** Highest attacker items per day in the review band, over the path's steps. */
      attackerPeakPerDay: number;
      /** (benign + attacker peak) ÷ capacity. Above 1 the queue overflows and overflow skips review. */
      peakUtilization: number;
      /** Review hours over the campaign's days: the baseline benign load plus what the attacker adds. */
      reviewHoursDuringCampaign: Distribution;
      /** Review hours the attacker's own items cause (incremental over the baseline benign load). */
      reviewHoursCausedByAttacker: Distribution;
    };
  };
  /** The modelling assumptions and defaults this run used, in words. */
  assumptions: string[];
}

export interface ControlDelta {
  attacker: string;
  /** Cheapest weighted cost before → after; null = no path. */
  before: number | null;
  after: number | null;
  /** after − before; null when either side has no path (see `blocks` / `opens`). */
  delta: number | null;
  /** True when the change leaves the attacker with no path. */
  blocks?: boolean;
  /** True when the change gives a previously blocked attacker a path. */
  opens?: boolean;
  /** Cheapest path key after the change. */
  cheapestAfter?: string;
}

export interface ControlCandidate {
  /** Catalog control id (add) or model control id (remove / implement). */
  control: string;
  name: string;
  action: 'add' | 'implement-planned' | 'remove';
  category?: string;
  simple?: boolean;
  /** Components the control is put on (add) or was on. */
  on: string[];
  /** defenderCostScalar of its defender cost (USD-equivalent per month, see model/cost.ts). */
  defenderCost: number;
  perAttacker: ControlDelta[];
  /** Σ over attackers of the cheapest-path weighted-cost change (finite ones). */
  attackerCostRaised: number;
  /** attackerCostRaised ÷ defenderCost (null when the defender cost is 0 and nothing changes). */
  ratio: number | null;
  /** True when it leaves some attacker with no path at all. */
  blocksSome: boolean;
}

export interface SimpleDefence {
  attacker: string;
  /** The cheapest path's steps with the catalog's simple heuristic for each. */
  heuristics: Array<{ step: string; tactic: string; heuristic: string }>;
  /** The best simple catalog control against the cheapest path, when one is missing from the model. */
  best?: { control: string; name: string; factor: number | null; defuses: boolean; cheapestAfter?: string };
}

export interface HardeningCheck {
  attacker: string;
  /** Model-hardening catalog controls added together. */
  added: string[];
  before: number | null;
  after: number | null;
  /** after ÷ before (null when no path before or after). */
  factor: number | null;
  /** True when model hardening alone raises the cheapest path by less than the defuse factor. */
  leavesOpen: boolean;
  /** Steps of today's cheapest path that no model-hardening control counters. */
  untouchedSteps: string[];
  message: string;
}

export interface Recommendations {
  weights: CostVector;
  /** A simple control "defuses" a path when it multiplies the cheapest weighted cost by at least this. */
  defuseFactor: number;
  /** Candidate controls to add (or planned ones to implement), best ratio first. */
  add: ControlCandidate[];
  /** Existing implemented controls, by what removing them would cost the defence (largest loss first). */
  existing: ControlCandidate[];
  simpleDefences: SimpleDefence[];
  hardening: HardeningCheck[];
}

export interface CalibrationRow {
  tactic: string;
  name?: string;
  /** Where the prediction was taken (the calibration entry's target, else the attacker-route component where the tactic works best). */
  at?: string;
  n: number;
  predicted: { baseSuccess: number; successProbability: number; cost: CostVector } | null;
  measured: { successRate: number; ci95: [number, number]; cost: Partial<CostVector> };
  /** True when the predicted success probability lies inside the measured 95% interval. */
  withinCi: boolean | null;
  /** Predicted minus the nearest end of the measured interval when outside it (positive: predicted too high). */
  outsideBy: number | null;
  /** The catalog prior updated by the measurement (Beta; mean and 90% credible interval). */
  belief?: RateBelief;
  /** measured ÷ predicted success (null when predicted is 0). */
  successRatio: number | null;
  /** Per dimension measured ÷ predicted cost, for the dimensions measured. */
  costRatio: Partial<Record<keyof CostVector, number | null>>;
  note?: string;
}

export interface CalibrationComparison {
  file?: string;
  rows: CalibrationRow[];
  /** True when path costs above were recomputed with measured values. */
  appliedToPaths: boolean;
  unknownTactics: string[];
  /** Is the catalog calibrated for this system? */
  judgement: {
    judged: number;
    outside: number;
    overestimated: number;
    underestimated: number;
    /** The tactic furthest outside its measured interval. */
    worst?: string;
    verdict: string;
    /** Cheapest paths with the catalog's predictions and with the measurements (when measurements were applied). */
    cheapestChange?: Array<{ attacker: string; predicted: string | null; measured: string | null }>;
  };
}

/** The defender's standing cost in one scenario (controls active in it). */
export interface DefenderSummary {
  scenario: Scenario;
  controls: Array<{ control: string; catalog?: string; cost: DefenderCost; scalar: number }>;
  /** Σ defenderCostScalar (USD-equivalent per month, see model/cost.ts): for ranking, shown with its parts. */
  totalScalar: number;
  /** Σ falsePositiveRate × benign items per day. */
  falsePositivesPerDay: number;
  reviewHoursPerWeek: number;
  moneyPerMonth: number;
  /** The largest latency one control adds (a review hold adds its delay to the items it holds, not to all). */
  maxLatencyMs: number;
}

export interface EconomicsResult {
  kind: 'nograd-economics';
  version: typeof ECONOMICS_SCHEMA_VERSION;
  /** Ranking weights used for every "cheapest" and every weighted number in this document. */
  weights: CostVector;
  attackers: AttackerEconomics[];
  defender: { today: DefenderSummary; planned: DefenderSummary };
  simulation?: { trials: number; seed: number; results: SimulationResult[] };
  recommendations?: Recommendations;
  calibration?: CalibrationComparison;
  /**
   * What each tactic on a reported path succeeds with before controls: the catalog prior (basis `estimate`) or its
   * posterior after a campaign on this system (basis `measured`), with a 90% credible interval.
   */
  rates: Record<string, RateBelief>;
  /** How the numbers were obtained, in words (defaults used, truncations, caveats). */
  notes: string[];
}

/** One attacker in `nograd diff`: today's cheapest path before and after a change. */
export interface AttackerDiff {
  attacker: string;
  status: 'unchanged' | 'cheaper' | 'dearer' | 'opened' | 'blocked' | 'added' | 'removed' | 'still-blocked';
  before: { key: string; weightedCost: number; cost: CostVector; successProbability: number } | null;
  after: { key: string; weightedCost: number; cost: CostVector; successProbability: number } | null;
  /** after ÷ before weighted cost (null when either side has no path). */
  factor: number | null;
  /** Per dimension after − before (null when either side has no path). */
  costDelta: CostVector | null;
  pathChanged: boolean;
}

export interface EconomicsDiff {
  weights: CostVector;
  before: { file: string; system: string };
  after: { file: string; system: string };
  attackers: AttackerDiff[];
  controls: { added: string[]; removed: string[]; statusChanged: string[] };
  defender: { before: number; after: number };
  findings: { before: Record<string, number>; after: Record<string, number>; added: string[]; resolved: string[] };
  /** True when some attacker's cheapest path got cheaper (beyond the tolerance) or a blocked attacker got a path. */
  costFell: boolean;
  tolerance: number;
}
