/**
 * The calibration hook: a campaign's measured per-tactic success rates and costs (the calibration file written by
 * `nograd campaign run --calibration`, format owned by campaign/calibration.ts) replace the catalog's predictions,
 * and the comparison shows predicted against measured side by side.
 *
 * The measured rate is the rate on the tested target (its controls included), so it replaces the tactic's
 * `baseSuccess` and the model's controls then multiply it down again only where they sit outside what was tested —
 * a known approximation, stated in the notes. Entries with n = 0 are shown and not applied.
 */

import type { Tactic } from '../../catalog/types.js';
import type { CalibrationFile } from '../../contracts/calibration.js';
import { COST_DIMENSIONS, type CostVector } from '../../model/cost.js';
import type { CatalogData } from '../applicability.js';
import type { AttackerAnalysis } from '../result.js';
import type { CalibrationComparison, CalibrationRow } from './types.js';

/** The catalog with measured base success and per-attempt cost for every calibrated tactic (n > 0). */
export function calibratedCatalog(catalog: CatalogData, file: CalibrationFile): CatalogData {
  const tactics: Tactic[] = catalog.tactics.map((t) => {
    const m = file.tactics[t.id];
    if (!m || m.n === 0) return t;
    return { ...t, baseSuccess: m.successRate, cost: { ...m.costPerAttempt } };
  });
  return { ...catalog, tactics };
}

export function compareCalibration(
  catalog: CatalogData,
  file: CalibrationFile,
  predictedAnalyses: readonly AttackerAnalysis[],
  opts: { path?: string; applied: boolean },
): CalibrationComparison {
  const byId = new Map(catalog.tactics.map((t) => [t.id, t]));
  const tested = new Set(file.components);
  const rows: CalibrationRow[] = [];
  const unknown: string[] = [];
  for (const [id, m] of Object.entries(file.tactics).sort(([a], [b]) => a.localeCompare(b))) {
    const t = byId.get(id);
    if (!t) unknown.push(id);
    // Where the prediction is taken: a tested component where the tactic applies, else any; the most favourable.
    const uses = predictedAnalyses.flatMap((a) => a.applicable.filter((x) => x.tactic === id));
    const onTested = uses.filter((u) => tested.has(u.component));
    const pool = onTested.length > 0 ? onTested : uses;
    const best = pool.reduce<(typeof pool)[number] | undefined>(
      (acc, u) => (!acc || u.successProbability > acc.successProbability ? u : acc),
      undefined,
    );
    const predictedP = best ? best.successProbability : (t?.baseSuccess ?? null);
    const costRatio: CalibrationRow['costRatio'] = {};
    if (t) {
      for (const d of COST_DIMENSIONS) {
        costRatio[d] = t.cost[d] > 0 ? m.costPerAttempt[d] / t.cost[d] : null;
      }
    }
    const within = predictedP !== null && m.n > 0 ? predictedP >= m.ci95.low && predictedP <= m.ci95.high : null;
    rows.push({
      tactic: id,
      ...(t ? { name: t.name } : {}),
      ...(best ? { at: best.component } : {}),
      n: m.n,
      predicted: t
        ? { baseSuccess: t.baseSuccess, successProbability: predictedP ?? t.baseSuccess, cost: t.cost as CostVector }
        : null,
      measured: { successRate: m.successRate, ci95: [m.ci95.low, m.ci95.high], cost: m.costPerAttempt },
      withinCi: within,
      successRatio: predictedP !== null && predictedP > 0 ? m.successRate / predictedP : null,
      costRatio,
      ...(m.n === 0
        ? { note: 'no applicable attempts measured: not applied' }
        : !best
          ? { note: 'no attacker in the model can use this tactic: predicted is the catalog base success' }
          : {}),
    });
  }
  return {
    ...(opts.path ? { file: opts.path } : {}),
    rows,
    appliedToPaths: opts.applied,
    unknownTactics: unknown,
  };
}
