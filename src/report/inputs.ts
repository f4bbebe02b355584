/**
 * What the report reads from the other result documents (economics, campaign, regression suites, monitor), as
 * small "view" shapes, and lenient readers that turn a parsed JSON document into them. Saved documents are
 * untrusted: a reader never throws on odd input, it keeps what has the expected type and drops the rest, so a
 * malformed section renders as "nothing to show" instead of breaking the report.
 *
 * The readers accept the field names of the engines' result types (see the adapters' comments) and a few
 * synonyms, so a document from a slightly older or newer engine still renders.
 */
import { COST_DIMENSIONS, type CostVector } from '../model/cost.js';
import type { SystemModel } from '../model/schema.js';
import type { EconomicsResult } from '../analysis/economics/types.js';
import type { CampaignResult } from '../campaign/result.js';
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

// ---------------------------------------------------------------------------------------------- lenient readers

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : undefined;
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined =>
  typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : undefined;
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
/** The first key present (with a usable value) among synonyms. */
function pick<T>(o: Obj | undefined, keys: string[], read: (x: unknown) => T | undefined): T | undefined {
  if (!o) return undefined;
  for (const k of keys) {
    const v = read(o[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}
const strs = (x: unknown): string[] => arr(x).map(str).filter((s): s is string => s !== undefined);
const nums = (x: unknown): number[] => arr(x).map(num).filter((n): n is number => n !== undefined);
function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

export function readCost(x: unknown): CostLike {
  const o = obj(x);
  const out: CostLike = {};
  if (!o) return out;
  for (const d of COST_DIMENSIONS) {
    const v = num(o[d]);
    if (v !== undefined) out[d] = v;
  }
  return out;
}

function readStep(x: unknown): PathStepView | undefined {
  const o = obj(x);
  if (typeof x === 'string') return { component: x, tactic: '' };
  const component = pick(o, ['component', 'node', 'componentId'], str);
  if (!o || component === undefined) return undefined;
  return defined({
    component,
    tactic: pick(o, ['tactic', 'tacticId', 'step'], str) ?? '',
    tacticName: pick(o, ['tacticName', 'name'], str),
    successProbability: pick(o, ['successProbability', 'probability', 'p'], num),
    cost: obj(o.cost) ? readCost(o.cost) : undefined,
  });
}

export function readPath(x: unknown, attacker?: string): AttackPathView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const steps = arr(pick(o, ['steps', 'path', 'hops'], (v) => (Array.isArray(v) ? v : undefined)))
    .map(readStep)
    .filter((s): s is PathStepView => s !== undefined);
  const comps = strs(o.components);
  const allSteps = steps.length ? steps : comps.map((component) => ({ component, tactic: '' }));
  const who = pick(o, ['attacker', 'attackerId'], str) ?? attacker;
  if (who === undefined || allSteps.length === 0) return undefined;
  return defined({
    id: pick(o, ['id', 'pathId'], str),
    attacker: who,
    steps: allSteps,
    cost: readCost(pick(o, ['cost', 'costVector', 'total'], obj)),
    weightedCost: pick(o, ['weightedCost', 'weighted', 'scalarCost', 'score'], num),
    successProbability: pick(o, ['successProbability', 'probability', 'p'], num),
  });
}

function readPaths(x: unknown, attacker?: string): AttackPathView[] {
  return arr(x)
    .map((p) => readPath(p, attacker))
    .filter((p): p is AttackPathView => p !== undefined);
}

function readBins(x: unknown): Array<{ lo: number; hi: number; count: number }> {
  const o = obj(x);
  if (o) {
    const edges = nums(o.edges);
    const counts = nums(o.counts);
    if (edges.length === counts.length + 1)
      return counts.map((count, i) => ({ lo: edges[i] ?? 0, hi: edges[i + 1] ?? 0, count }));
  }
  return arr(x)
    .map((b) => {
      const bo = obj(b);
      const lo = pick(bo, ['lo', 'from', 'min', 'start'], num);
      const hi = pick(bo, ['hi', 'to', 'max', 'end'], num);
      const count = pick(bo, ['count', 'n', 'frequency'], num);
      return lo !== undefined && hi !== undefined && count !== undefined ? { lo, hi, count } : undefined;
    })
    .filter((b): b is { lo: number; hi: number; count: number } => b !== undefined);
}

function readSimulation(x: unknown): SimulationView[] {
  const o = obj(x);
  if (!o) return [];
  const attacker = pick(o, ['attacker', 'attackerId'], str);
  if (attacker === undefined) return [];
  // Either one metric per entry, or a map of metric → distribution.
  const dists = obj(o.distributions) ?? obj(o.metrics);
  if (dists) {
    return Object.entries(dists).flatMap(([metric, d]) => {
      const dd = obj(d);
      if (!dd) return [];
      return [
        defined({
          attacker,
          metric,
          unit: pick(dd, ['unit'], str),
          samples: nums(dd.samples),
          bins: readBins(dd.histogram ?? dd.bins),
          successRate: pick(o, ['successRate', 'successProbability'], num),
          mean: pick(dd, ['mean'], num),
          p50: pick(dd, ['p50', 'median'], num),
          p90: pick(dd, ['p90'], num),
          budget: pick(dd, ['budget'], num),
        }),
      ];
    });
  }
  return [
    defined({
      attacker,
      metric: pick(o, ['metric', 'dimension', 'name'], str) ?? 'cost',
      unit: pick(o, ['unit'], str),
      samples: nums(o.samples),
      bins: readBins(o.histogram ?? o.bins),
      successRate: pick(o, ['successRate', 'successProbability'], num),
      mean: pick(o, ['mean'], num),
      p50: pick(o, ['p50', 'median'], num),
      p90: pick(o, ['p90'], num),
      budget: pick(o, ['budget'], num),
    }),
  ];
}

function readRecommendation(x: unknown): RecommendationView | undefined {
  const o = obj(x);
  const control = pick(o, ['control', 'controlId', 'id'], str);
  if (!o || control === undefined) return undefined;
  const comps = strs(o.components ?? o.on);
  const single = pick(o, ['component'], str);
  const def = obj(o.defenderCost);
  return defined({
    control,
    name: pick(o, ['name', 'controlName', 'title'], str),
    components: comps.length ? comps : single ? [single] : [],
    why: pick(o, ['why', 'reason', 'rationale'], str),
    attackerCostBefore: pick(o, ['attackerCostBefore', 'before'], num),
    attackerCostAfter: pick(o, ['attackerCostAfter', 'after'], num),
    attackerCostIncrease: pick(o, ['attackerCostIncrease', 'costIncrease', 'gain', 'delta'], num),
    defenderCost: num(o.defenderCost) ?? pick(o, ['defenderCostScalar', 'defenderCostTotal'], num),
    falsePositiveRate: pick(o, ['falsePositiveRate', 'fpr'], num) ?? pick(def, ['falsePositiveRate'], num),
    score: pick(o, ['score', 'ratio', 'efficiency', 'rank'], num),
  });
}

function readCalibration(x: unknown): CalibrationView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const predicted = pick(o, ['predicted', 'prediction', 'model'], num);
  const measured = pick(o, ['measured', 'observed', 'actual'], num);
  if (predicted === undefined || measured === undefined) return undefined;
  const ci = nums(o.ci ?? o.measuredCi ?? o.interval);
  const ciObj = obj(o.ci ?? o.measuredCi ?? o.interval);
  return defined({
    label:
      pick(o, ['label', 'name', 'tactic', 'component'], str) ??
      [str(o.tactic), str(o.component)].filter(Boolean).join(' @ '),
    metric: pick(o, ['metric', 'dimension'], str),
    predicted,
    measured,
    low: pick(o, ['low', 'ciLow', 'measuredLow'], num) ?? ci[0] ?? pick(ciObj, ['low', 'lo'], num),
    high: pick(o, ['high', 'ciHigh', 'measuredHigh'], num) ?? ci[1] ?? pick(ciObj, ['high', 'hi'], num),
  });
}

/** Read an economics document (or the `economics` slot of an analysis result). */
export function readEconomics(x: unknown): EconomicsView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const paths = readPaths(o.paths ?? o.attackPaths);
  let cheapest = readPaths(o.cheapest ?? o.cheapestPaths);
  const cheapestObj = obj(o.cheapest ?? o.cheapestPaths);
  if (cheapest.length === 0 && cheapestObj) {
    cheapest = Object.entries(cheapestObj)
      .map(([attacker, p]) => readPath(p, attacker))
      .filter((p): p is AttackPathView => p !== undefined);
  }
  const pareto: EconomicsView['pareto'] = [];
  const paretoRaw = o.pareto ?? o.paretoFronts ?? o.fronts;
  if (Array.isArray(paretoRaw)) {
    for (const f of paretoRaw) {
      const fo = obj(f);
      const attacker = pick(fo, ['attacker', 'attackerId'], str);
      if (fo && attacker !== undefined) pareto.push({ attacker, paths: readPaths(fo.paths ?? fo.front, attacker) });
    }
  } else if (obj(paretoRaw)) {
    for (const [attacker, list] of Object.entries(obj(paretoRaw) ?? {})) {
      pareto.push({ attacker, paths: readPaths(Array.isArray(list) ? list : obj(list)?.paths, attacker) });
    }
  }
  const simRaw = o.simulation ?? o.simulations;
  const simList = Array.isArray(simRaw) ? simRaw : arr(obj(simRaw)?.attackers ?? obj(simRaw)?.results);
  const view: EconomicsView = {
    weights: obj(o.weights) ? readCost(o.weights) : undefined,
    cheapest,
    paths,
    pareto: pareto.filter((p) => p.paths.length > 0),
    simulations: simList.flatMap(readSimulation),
    recommendations: arr(o.recommendations)
      .map(readRecommendation)
      .filter((r): r is RecommendationView => r !== undefined),
    calibration: arr(o.calibration ?? obj(o.calibration)?.entries)
      .map(readCalibration)
      .filter((c): c is CalibrationView => c !== undefined),
  };
  if (view.weights === undefined) delete view.weights;
  const empty =
    view.cheapest.length + view.paths.length + view.pareto.length + view.simulations.length +
      view.recommendations.length + view.calibration.length ===
    0;
  return empty ? undefined : view;
}

function readRate(o: Obj | undefined, prefix = ''): RateView | undefined {
  if (!o) return undefined;
  const nested = obj(o[prefix ? `${prefix}` : 'evasion']) ?? obj(o.evasionRate);
  const src = nested ?? o;
  const rate =
    pick(src, nested ? ['rate', 'value', 'estimate', 'p'] : ['evasionRate', 'rate', 'successRate'], num) ??
    (num(src.successes) !== undefined && num(src.attempts) ? (num(src.successes) ?? 0) / (num(src.attempts) ?? 1) : undefined);
  if (rate === undefined) return undefined;
  const ci = nums(src.ci ?? src.ci95 ?? src.interval);
  const ciObj = obj(src.ci ?? src.ci95 ?? src.interval);
  return defined({
    rate,
    low: pick(src, ['low', 'ciLow', 'lower'], num) ?? ci[0] ?? pick(ciObj, ['low', 'lo', 'lower'], num),
    high: pick(src, ['high', 'ciHigh', 'upper'], num) ?? ci[1] ?? pick(ciObj, ['high', 'hi', 'upper'], num),
    attempts: pick(src, ['attempts', 'n', 'trials'], num) ?? pick(o, ['attempts', 'n', 'trials'], num),
    successes: pick(src, ['successes', 'evasions', 'k'], num) ?? pick(o, ['successes', 'evasions', 'k'], num),
  });
}

function readTacticResult(x: unknown): TacticResultView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const chain = strs(o.chain ?? o.tactics);
  const tactic = pick(o, ['tactic', 'tacticId', 'id', 'name'], str) ?? (chain.length ? chain.join(' + ') : undefined);
  const evasion = readRate(o);
  if (tactic === undefined || evasion === undefined) return undefined;
  const cps = o.costPerSuccess;
  return defined({
    tactic,
    name: pick(o, ['name', 'tacticName', 'label'], str),
    chain,
    evasion,
    costPerSuccess: num(cps) ?? pick(obj(cps), ['weighted', 'value', 'money', 'queries'], num),
    costUnit: pick(o, ['costUnit'], str) ?? pick(obj(cps), ['unit'], str),
  });
}

/** Read a campaign result document. */
export function readCampaign(x: unknown): CampaignView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const tactics = arr(o.tactics ?? o.results ?? o.chains ?? o.perTactic)
    .map(readTacticResult)
    .filter((t): t is TacticResultView => t !== undefined);
  const hardening: HardeningView[] = [];
  for (const hx of arr(o.hardening ?? o.comparison ?? o.configs)) {
    const ho = obj(hx);
    const config = pick(ho, ['config', 'name', 'id', 'label'], str);
    if (!ho || config === undefined) continue;
    const fp = obj(ho.falsePositive ?? ho.falsePositives ?? ho.fpr);
    hardening.push(
      defined({
        config,
        label: pick(ho, ['label', 'description'], str),
        tactics: arr(ho.tactics ?? ho.results)
          .map(readTacticResult)
          .filter((t): t is TacticResultView => t !== undefined),
        falsePositive: fp
          ? readRate(fp)
          : num(ho.falsePositiveRate) !== undefined
            ? { rate: num(ho.falsePositiveRate) ?? 0 }
            : undefined,
      }),
    );
  }
  const examples: ExampleView[] = [];
  for (const ex of arr(o.examples)) {
    const eo = obj(ex);
    const original = pick(eo, ['original', 'before', 'input'], str);
    const transformed = pick(eo, ['transformed', 'after', 'output', 'variant'], str);
    if (!eo || original === undefined || transformed === undefined) continue;
    examples.push(
      defined({
        tactic: pick(eo, ['tactic', 'chain', 'name'], str) ?? strs(eo.chain).join(' + '),
        original,
        transformed,
        outcome: pick(eo, ['outcome', 'decision', 'result'], str),
        note: pick(eo, ['note', 'description'], str),
      }),
    );
  }
  if (tactics.length + hardening.length + examples.length === 0) return undefined;
  return defined({
    name: pick(o, ['name', 'campaign', 'id'], str),
    target: pick(o, ['target'], str) ?? pick(obj(o.target), ['name', 'id', 'kind'], str),
    seed: pick(o, ['seed'], str),
    tactics,
    hardening,
    examples,
  });
}

/** Read a regression-suite result (cases with pass/fail). */
export function readSuite(x: unknown): SuiteView | undefined {
  const o = obj(x);
  if (!o) return undefined;
  const cases: CaseView[] = [];
  for (const cx of arr(o.cases ?? o.results ?? o.tests)) {
    const co = obj(cx);
    const name = pick(co, ['name', 'id', 'case'], str);
    if (!co || name === undefined) continue;
    const statusRaw = pick(co, ['status', 'outcome'], str);
    const passed = typeof co.passed === 'boolean' ? co.passed : typeof co.pass === 'boolean' ? co.pass : undefined;
    const status: CaseView['status'] =
      statusRaw === 'skipped' || co.skipped === true
        ? 'skipped'
        : passed === true || statusRaw === 'passed' || statusRaw === 'pass'
          ? 'passed'
          : 'failed';
    cases.push(
      defined({
        name,
        classname: pick(co, ['classname', 'group', 'tactic'], str),
        status,
        message: pick(co, ['message', 'failure', 'reason'], str),
        timeMs: pick(co, ['timeMs', 'durationMs', 'ms'], num),
      }),
    );
  }
  if (cases.length === 0) return undefined;
  return { name: pick(o, ['name', 'suite', 'id'], str) ?? 'regression', cases };
}

/** Read a monitor result (its alerts). */
export function readMonitor(x: unknown): MonitorView | undefined {
  const o = obj(x);
  const list = Array.isArray(x) ? x : arr(o?.alerts ?? o?.fired);
  const alerts: AlertView[] = [];
  for (const ax of list) {
    const ao = obj(ax);
    const rule = pick(ao, ['rule', 'name', 'id', 'signal'], str);
    if (!ao || rule === undefined) continue;
    alerts.push(
      defined({
        rule,
        severity: pick(ao, ['severity', 'level'], str) ?? 'warning',
        message: pick(ao, ['message', 'text', 'summary'], str) ?? '',
        at: pick(ao, ['at', 'time', 'window', 'windowStart'], str),
        value: pick(ao, ['value', 'statistic'], num),
        threshold: pick(ao, ['threshold', 'limit'], num),
      }),
    );
  }
  return alerts.length ? { alerts } : undefined;
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

/** The typed adapter when the document is the engine's result, else the lenient reader; never throws. */
function view<T, V>(doc: unknown, is: (x: unknown) => x is T, adapt: (x: T) => V | undefined, lenient: (x: unknown) => V | undefined): V | undefined {
  if (doc === undefined || doc === null) return undefined;
  try {
    return is(doc) ? adapt(doc) : lenient(doc);
  } catch {
    // A saved document that claims the engine's shape but breaks it somewhere: show what the lenient reader finds.
    try {
      return lenient(doc);
    } catch {
      return undefined;
    }
  }
}

export function economicsViewOf(doc: unknown): EconomicsView | undefined {
  return view(doc, isEconomicsResult, economicsView, readEconomics);
}
export function campaignViewOf(doc: unknown): CampaignView | undefined {
  return view(doc, isCampaignResult, campaignView, readCampaign);
}
export function suiteViewOf(doc: unknown): SuiteView | undefined {
  return view(doc, isSuiteResult, suiteView, readSuite);
}
export function monitorViewOf(doc: unknown): MonitorView | undefined {
  return view(doc, isCheckResult, monitorView, readMonitor);
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
