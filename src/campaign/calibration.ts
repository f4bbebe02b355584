/**
 * Builds the calibration file (see contracts/calibration.ts for its shape and meaning) from a campaign result:
 * only single-tactic chains on the configured target calibrate a tactic (a chain's success is not one tactic's).
 * When one catalog id is configured several times (`as:` with other params), the entry without `as:` wins, else the
 * first listed; the others are kept under `alternatives`.
 */
import type { z } from 'zod';
import {
  CalibrationDocument,
  type CalibrationEntry,
  type CalibrationFile,
  type MeasuredSchema,
} from '../contracts/calibration.js';
import type { CampaignResult, ChainResult } from './result.js';

function measured(c: ChainResult): z.infer<typeof MeasuredSchema> {
  return {
    configuredAs: c.chain[0] ?? '',
    n: c.n,
    successes: c.evasion.k,
    successRate: c.evasion.rate,
    ci95: c.evasion.ci95,
    validRate: c.validity.rate,
    notApplicable: c.notApplicable,
    costPerAttempt: c.cost.perAttempt,
    costPerSuccess: c.cost.perSuccess,
  };
}

export function buildCalibration(result: CampaignResult): CalibrationFile {
  const tactics: Record<string, CalibrationEntry> = {};
  const singles = result.chains.filter((c) => c.chain.length === 1);
  // Preferred entry per id: configured without `as:` (name = id), else the first listed.
  const order = result.tactics.map((t) => t.name);
  singles.sort((a, b) => {
    const pa = a.chain[0] === a.tacticIds[0] ? 0 : 1;
    const pb = b.chain[0] === b.tacticIds[0] ? 0 : 1;
    return pa - pb || order.indexOf(a.chain[0]!) - order.indexOf(b.chain[0]!);
  });
  for (const c of singles) {
    const id = c.tacticIds[0]!;
    const existing = tactics[id];
    if (existing) {
      existing.alternatives.push(measured(c));
      continue;
    }
    const summary = result.tactics.find((t) => t.name === c.chain[0]);
    const hardened: CalibrationEntry['hardened'] = {};
    for (const h of result.defender.hardening) {
      const row = h.chains.find((x) => x.label === c.label);
      if (row) {
        hardened[h.switch] = {
          n: row.hardened.n,
          successes: row.hardened.k,
          successRate: row.hardened.rate,
          ci95: row.hardened.ci95,
          defused: row.defused,
        };
      }
    }
    tactics[id] = {
      tacticId: id,
      ...measured(c),
      predicted: summary?.catalog ? { baseSuccess: summary.catalog.baseSuccess, cost: summary.catalog.cost } : null,
      hardened,
      alternatives: [],
    };
  }
  return {
    ...CalibrationDocument.envelope(),
    createdAt: result.finishedAt,
    runId: result.runId,
    campaign: result.name,
    target: { kind: result.target.kind, fingerprint: result.target.fingerprint },
    evasionCondition: result.evasionCondition,
    components: result.components,
    tactics,
  };
}
