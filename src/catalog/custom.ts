/**
 * A model's own tactic (`catalog: { tactics: [...] }`, src/model/catalog-schema.ts) as a catalog entry: the same
 * shape as a built-in one, so analysis, campaigns and reports read both alike. Costs given as ranges count with their
 * mean here (the spread is kept by the caller that needs it: the analysis' simulation).
 */
import type { CustomTacticT } from '../model/catalog-schema.js';
import { type CostSpread, splitEstimate } from '../model/cost.js';
import type { Tactic } from './types.js';

export function customTactic(t: CustomTacticT): { tactic: Tactic; spread: CostSpread } {
  const { point, spread } = splitEstimate(t.cost);
  const tactic: Tactic = {
    id: t.id,
    name: t.name,
    family: t.family,
    summary: t.summary,
    requires: {
      write: t.requires.write,
      ...(t.requires.read ? { read: t.requires.read } : {}),
      ...(t.requires.accounts !== undefined ? { accounts: t.requires.accounts } : {}),
      ...(t.requires.knowledge ? { knowledge: t.requires.knowledge } : {}),
      ...(t.requires.automation ? { automation: true } : {}),
    },
    targets: {
      kinds: t.targets.kinds,
      ...(t.targets.layers ? { layers: t.targets.layers } : {}),
      ...(t.targets.modalities ? { modalities: t.targets.modalities } : {}),
    },
    breaks: (t.breaks ?? []).map((k) => k.toLowerCase()),
    cost: point,
    costNote: t.costNote ?? 'stated by the model',
    baseSuccess: t.success.prior,
    atlas: t.atlas ?? [],
    evidence: [`success prior ${t.success.prior}: ${t.success.source}`, t.evidence].filter(Boolean).join('. '),
    ...(t.simpleHeuristic ? { simpleHeuristic: t.simpleHeuristic } : {}),
  };
  return { tactic, spread };
}

/** The catalog entry alone. */
export function customTacticEntry(t: CustomTacticT): Tactic {
  return customTactic(t).tactic;
}
