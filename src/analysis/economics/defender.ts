/**
 * What the defence costs the defender in a scenario, from the model's controls (their own `defenderCost`, else
 * the catalog control's default), and the traffic facts the simulation needs (benign volume, review capacity).
 */
import { type DefenderCost, defenderCostOf, defenderCostScalar } from '../../model/cost.js';
import type { ComponentT, ControlT, SystemModel } from '../../model/schema.js';
import type { CatalogIndex } from './catalog-index.js';
import {
  DEFAULT_BENIGN_PER_DAY,
  DEFAULT_BENIGN_REVIEW_SHARE,
  DEFAULT_RETRAIN_INTERVAL_HOURS,
  DEFAULT_REVIEW_MINUTES_PER_ITEM,
} from './defaults.js';
import type { DefenderSummary, Scenario } from './types.js';

export function controlDefenderCost(ctl: ControlT, catalog: CatalogIndex): DefenderCost {
  const base = ctl.catalog ? catalog.control(ctl.catalog)?.defenderCost : undefined;
  return defenderCostOf({ ...(base ?? {}), ...(ctl.defenderCost ?? {}) });
}

export function activeControls(model: SystemModel, scenario: Scenario): ControlT[] {
  return model.controls.filter((c) => scenario === 'planned' || c.status === 'implemented');
}

function numberProp(c: ComponentT | undefined, key: string): number | undefined {
  const v = c?.properties?.[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export interface TrafficFacts {
  benignPerDay: number;
  benignPerDaySource: 'model' | 'default';
  review?: { component: string; capacityPerDay: number; minutesPerItem: number; benignReviewShare: number };
  retrainIntervalHours: number;
}

/** Benign volume (Σ input-source `benignPerDay`), the first review component with a capacity, retraining cadence. */
export function trafficFacts(model: SystemModel): TrafficFacts {
  const stated = model.components
    .filter((c) => c.kind === 'input-source')
    .map((c) => numberProp(c, 'benignPerDay'))
    .filter((v): v is number => v !== undefined);
  const review = model.components.find((c) => c.kind === 'human-review');
  const policy = model.components.find((c) => c.kind === 'policy' && numberProp(c, 'benignReviewShare') !== undefined);
  const training = model.components.find((c) => numberProp(c, 'retrainIntervalHours') !== undefined);
  return {
    benignPerDay: stated.length > 0 ? stated.reduce((a, b) => a + b, 0) : DEFAULT_BENIGN_PER_DAY,
    benignPerDaySource: stated.length > 0 ? 'model' : 'default',
    ...(review
      ? {
          review: {
            component: review.id,
            capacityPerDay: numberProp(review, 'capacityPerDay') ?? Number.POSITIVE_INFINITY,
            minutesPerItem: numberProp(review, 'minutesPerItem') ?? DEFAULT_REVIEW_MINUTES_PER_ITEM,
            benignReviewShare: numberProp(policy, 'benignReviewShare') ?? DEFAULT_BENIGN_REVIEW_SHARE,
          },
        }
      : {}),
    retrainIntervalHours: numberProp(training, 'retrainIntervalHours') ?? DEFAULT_RETRAIN_INTERVAL_HOURS,
  };
}

/** The defender's standing cost in a scenario: per control and in total. */
export function defenderSummary(model: SystemModel, catalog: CatalogIndex, scenario: Scenario): DefenderSummary {
  const traffic = trafficFacts(model);
  const controls = activeControls(model, scenario).map((ctl) => {
    const cost = controlDefenderCost(ctl, catalog);
    return {
      control: ctl.id,
      ...(ctl.catalog ? { catalog: ctl.catalog } : {}),
      cost,
      scalar: defenderCostScalar(cost),
    };
  });
  const fpr = controls.reduce((s, c) => s + c.cost.falsePositiveRate, 0);
  return {
    scenario,
    controls,
    totalScalar: controls.reduce((s, c) => s + c.scalar, 0),
    falsePositivesPerDay: fpr * traffic.benignPerDay,
    reviewHoursPerWeek: controls.reduce((s, c) => s + c.cost.reviewHoursPerWeek, 0),
    moneyPerMonth: controls.reduce((s, c) => s + c.cost.moneyPerMonth, 0),
    maxLatencyMs: controls.reduce((m, c) => Math.max(m, c.cost.latencyMs), 0),
  };
}
