/**
 * The calibration hook: a campaign's measured per-tactic success rates and costs (the calibration file written by
 * `nograd campaign run --calibration`, format owned by campaign/calibration.ts) replace the catalog's predictions,
 * and the comparison shows predicted against measured side by side.
 *
 * The catalog rate is a prior (catalog/prior.ts); the measurement updates it, and the posterior mean replaces the
 * tactic's `baseSuccess` (so 3 attempts do not swing a rate to 0 or 1, and 200 attempts all but decide it). The
 * measured rate is the rate on the tested target (its controls included), so the model's controls then multiply it
 * down again only where they sit outside what was tested — a known approximation, stated in the notes. Entries with
 * n = 0 are shown and not applied.
 *
 * The comparison is judged: which predictions fall outside the measured 95% interval and by how much.
 */

import { posteriorBelief, priorBelief, type RateBelief } from '../../catalog/prior.js';
import type { Tactic } from '../../catalog/types.js';
import type { CalibrationFile } from '../../contracts/calibration.js';
import { COST_DIMENSIONS, type CostVector } from '../../model/cost.js';
import type { CatalogData } from '../applicability.js';
import type { AttackerAnalysis } from '../result.js';
import type { CalibrationComparison, CalibrationRow } from './types.js';

/** The catalog with the posterior success rate and measured per-attempt cost for every calibrated tactic (n > 0). */
export function calibratedCatalog(catalog: CatalogData, file: CalibrationFile): CatalogData {
  const tactics: Tactic[] = catalog.tactics.map((t) => {
    const m = file.tactics[t.id];
    if (!m || m.n === 0) return t;
    return { ...t, baseSuccess: beliefOf(t, file).mean, cost: { ...m.costPerAttempt } };
  });
  return { ...catalog, tactics };
}

/** What nograd believes about a tactic's base rate: its catalog prior, updated by the calibration file if measured. */
export function beliefOf(t: Tactic, file?: CalibrationFile): RateBelief {
  const prior = priorBelief(t.baseSuccess);
  const m = file?.tactics[t.id];
  return m && m.n > 0 ? posteriorBelief(prior, m.successes, m.n) : prior;
}

/** Beliefs for the tactics a document mentions, by id. */
export function beliefsFor(
  ids: Iterable<string>,
  catalog: CatalogData,
  file?: CalibrationFile,
): Record<string, RateBelief> {
  const byId = new Map(catalog.tactics.map((t) => [t.id, t]));
  const out: Record<string, RateBelief> = {};
  for (const id of [...new Set(ids)].sort()) {
    const t = byId.get(id);
    if (t) out[id] = beliefOf(t, file);
  }
  return out;
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
    // How far outside: the distance from the predicted rate to the nearest end of the measured interval.
    const gap =
      within === false && predictedP !== null
        ? predictedP > m.ci95.high
          ? predictedP - m.ci95.high
          : predictedP - m.ci95.low
        : null;
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
      outsideBy: gap,
      ...(t ? { belief: beliefOf(t, file) } : {}),
      successRatio: predictedP !== null && predictedP > 0 ? m.successRate / predictedP : null,
      costRatio,
      ...(m.n === 0
        ? { note: 'no applicable attempts measured: not applied' }
        : !best
          ? { note: 'no attacker in the model can use this tactic: predicted is the catalog base success' }
          : {}),
    });
  }
  const judged = rows.filter((r) => r.withinCi !== null);
  const outside = judged.filter((r) => r.withinCi === false);
  const worst = [...outside].sort((a, b) => Math.abs(b.outsideBy ?? 0) - Math.abs(a.outsideBy ?? 0))[0];
  return {
    ...(opts.path ? { file: opts.path } : {}),
    rows,
    appliedToPaths: opts.applied,
    unknownTactics: unknown,
    judgement: {
      judged: judged.length,
      outside: outside.length,
      overestimated: outside.filter((r) => (r.outsideBy ?? 0) > 0).length,
      underestimated: outside.filter((r) => (r.outsideBy ?? 0) < 0).length,
      ...(worst ? { worst: worst.tactic } : {}),
      verdict:
        judged.length === 0
          ? 'nothing measured to judge'
          : outside.length === 0
            ? `calibrated: every prediction lies inside the measured 95% interval (${judged.length} tactic${judged.length === 1 ? '' : 's'})`
            : `miscalibrated: ${outside.length} of ${judged.length} predictions fall outside the measured 95% interval (${outside.filter((r) => (r.outsideBy ?? 0) > 0).length} too high, ${outside.filter((r) => (r.outsideBy ?? 0) < 0).length} too low)`,
    },
  };
}
