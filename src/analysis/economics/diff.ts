/**
 * `nograd diff before.yaml after.yaml`: what a change to the system or its controls does to each attacker's
 * cheapest path today, to the defender's standing cost and to the findings. Pure over two analyses.
 *
 * The gate (`costFell`): some attacker's cheapest weighted cost fell by more than `tolerance` (a share, 0.05 =
 * 5%), or an attacker who had no path now has one.
 */
import { COST_DIMENSIONS, type CostVector } from '../../model/cost.js';
import type { SystemModel } from '../../model/schema.js';
import type { AnalysisResult } from '../result.js';
import type { AttackerDiff, AttackPath, EconomicsDiff, EconomicsResult } from './types.js';

export interface DiffSide {
  file: string;
  model: SystemModel;
  analysis: AnalysisResult;
  economics: EconomicsResult;
}

export interface DiffInput {
  before: DiffSide;
  after: DiffSide;
  /** Relative fall in cheapest weighted cost tolerated by the gate (default 0). */
  tolerance?: number;
}

function brief(p: AttackPath | null): AttackerDiff['before'] {
  return p
    ? { key: p.key, weightedCost: p.weightedCost, cost: p.cost, successProbability: p.successProbability }
    : null;
}

function costDelta(a: CostVector, b: CostVector): CostVector {
  return Object.fromEntries(COST_DIMENSIONS.map((d) => [d, b[d] - a[d]])) as CostVector;
}

function attackerDiff(
  id: string,
  before: AttackPath | null | undefined,
  after: AttackPath | null | undefined,
  tol: number,
): AttackerDiff {
  const b = before ?? null;
  const a = after ?? null;
  let status: AttackerDiff['status'];
  if (before === undefined) status = 'added';
  else if (after === undefined) status = 'removed';
  else if (!b && !a) status = 'still-blocked';
  else if (!b) status = 'opened';
  else if (!a) status = 'blocked';
  else if (a.weightedCost < b.weightedCost * (1 - tol) - 1e-9) status = 'cheaper';
  else if (a.weightedCost > b.weightedCost * (1 + tol) + 1e-9) status = 'dearer';
  else status = 'unchanged';
  return {
    attacker: id,
    status,
    before: brief(b),
    after: brief(a),
    factor: a && b && b.weightedCost > 0 ? a.weightedCost / b.weightedCost : null,
    costDelta: a && b ? costDelta(b.cost, a.cost) : null,
    pathChanged: (a?.key ?? null) !== (b?.key ?? null),
  };
}

function findingCounts(r: AnalysisResult): Record<string, number> {
  return { ...r.counts };
}

export function diffEconomics(input: DiffInput): EconomicsDiff {
  const tol = input.tolerance ?? 0;
  const { before, after } = input;
  const b = new Map(before.economics.attackers.map((a) => [a.attacker, a.today.cheapest]));
  const a = new Map(after.economics.attackers.map((x) => [x.attacker, x.today.cheapest]));
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  const attackers = ids.map((id) =>
    attackerDiff(id, b.has(id) ? b.get(id) : undefined, a.has(id) ? a.get(id) : undefined, tol),
  );

  const ctlB = new Map(before.model.controls.map((c) => [c.id, c]));
  const ctlA = new Map(after.model.controls.map((c) => [c.id, c]));
  const findB = new Set(before.analysis.findings.filter((f) => !f.suppressed).map((f) => f.id));
  const findA = new Set(after.analysis.findings.filter((f) => !f.suppressed).map((f) => f.id));
  return {
    weights: after.economics.weights,
    before: { file: before.file, system: before.model.system.id },
    after: { file: after.file, system: after.model.system.id },
    attackers,
    controls: {
      added: [...ctlA.keys()].filter((id) => !ctlB.has(id)).sort(),
      removed: [...ctlB.keys()].filter((id) => !ctlA.has(id)).sort(),
      statusChanged: [...ctlA.values()]
        .filter((c) => ctlB.has(c.id) && ctlB.get(c.id)!.status !== c.status)
        .map((c) => `${c.id}: ${ctlB.get(c.id)!.status} → ${c.status}`)
        .sort(),
    },
    defender: {
      before: before.economics.defender.today.totalScalar,
      after: after.economics.defender.today.totalScalar,
    },
    findings: {
      before: findingCounts(before.analysis),
      after: findingCounts(after.analysis),
      added: [...findA].filter((id) => !findB.has(id)).sort(),
      resolved: [...findB].filter((id) => !findA.has(id)).sort(),
    },
    costFell: attackers.some((x) => x.status === 'cheaper' || x.status === 'opened'),
    tolerance: tol,
  };
}
