/**
 * One step of a path: a way past one stage. Its success probability is the tactic's base success times
 * Π(1 − effectiveness) over the controls it meets; the attacker repeats it until it works, so its cost is the
 * per-attempt cost scaled by the expected attempts 1/p (scaleCost: implementation hours are paid once, detection
 * risk compounds as 1 − (1 − d)^k).
 */
import type { Tactic } from '../../catalog/types.js';
import { type CostVector, scaleCost, zeroCost } from '../../model/cost.js';
import type { Layer } from '../../model/vocabulary.js';
import type { CounterRef } from '../result.js';
import type { PathStep, Scenario, SideDoor, StepCounter } from './types.js';

export function counterRefs(counters: readonly CounterRef[], scenario: Scenario): StepCounter[] {
  return counters
    .filter((c) => scenario === 'planned' || c.status === 'implemented')
    .map((c) => ({
      control: c.control,
      ...(c.catalog ? { catalog: c.catalog } : {}),
      effectiveness: c.effectiveness,
      status: c.status,
    }));
}

export function survival(base: number, counters: readonly StepCounter[]): number {
  let p = base;
  for (const c of counters) p *= 1 - c.effectiveness;
  return p;
}

export interface StepSpec {
  stage: Layer;
  kind: 'tactic' | 'side-door';
  sideDoor?: SideDoor;
  tactic: Tactic;
  component: string;
  counters: StepCounter[];
  /** When given (from the applicability analysis), used as is; else base success × Π(1 − effectiveness). */
  successProbability?: number;
  breaksAssumptions?: string[];
  bypassed?: StepCounter[];
  landsOn?: string;
  dependency?: string;
  /** Cost of one attempt; the tactic's catalog cost by default. */
  costPerAttempt?: CostVector;
  note: string;
}

/** A step, or undefined when the controls make it impossible (p = 0). */
export function tacticStep(spec: StepSpec): PathStep | undefined {
  const p = spec.successProbability ?? survival(spec.tactic.baseSuccess, spec.counters);
  if (!(p > 0)) return undefined;
  const perAttempt = { ...(spec.costPerAttempt ?? spec.tactic.cost) };
  const attempts = 1 / p;
  return {
    stage: spec.stage,
    kind: spec.kind,
    ...(spec.sideDoor ? { sideDoor: spec.sideDoor } : {}),
    tactic: spec.tactic.id,
    tacticName: spec.tactic.name,
    family: spec.tactic.family,
    component: spec.component,
    ...(spec.dependency ? { dependency: spec.dependency } : {}),
    ...(spec.landsOn ? { landsOn: spec.landsOn } : {}),
    successProbability: p,
    attempts,
    costPerAttempt: perAttempt,
    cost: scaleCost(perAttempt, attempts),
    accountsPerAttempt: spec.tactic.requires.accounts ?? 0,
    counters: spec.counters,
    ...(spec.bypassed && spec.bypassed.length > 0 ? { bypassed: spec.bypassed } : {}),
    breaksAssumptions: spec.breaksAssumptions ?? [],
    ...(spec.tactic.simpleHeuristic ? { simpleHeuristic: spec.tactic.simpleHeuristic } : {}),
    note: spec.note,
  };
}

/** "No control there": the stage stops nothing, so passing it costs nothing and always works. */
export function openStep(stage: Layer, components: readonly string[]): PathStep {
  return {
    stage,
    kind: 'open',
    successProbability: 1,
    attempts: 1,
    costPerAttempt: zeroCost(),
    cost: zeroCost(),
    accountsPerAttempt: 0,
    counters: [],
    breaksAssumptions: [],
    note: `no deciding component and no control in the ${stage} stage (${components.join(', ')}): passed as is`,
  };
}

/** `stage:tactic@component` (or `stage:open`), the unit of a path key. */
export function stepKey(s: PathStep): string {
  if (s.kind === 'open') return `${s.stage}:open`;
  const door = s.sideDoor ? `[${s.sideDoor}]` : '';
  return `${s.stage}:${s.tactic}@${s.component}${door}${s.landsOn && s.landsOn !== s.component ? `→${s.landsOn}` : ''}`;
}
