/**
 * Assemble the CampaignResult of a run from the store: every stored attempt streamed through the Measurer, the
 * examples read back with their content, and the run's configuration, search trace and transport statistics.
 * Used at the end of `campaign run`, and by `campaign show` for runs that stopped before writing a result.
 */
import { scoreScaleOf, type TargetInfo } from '../contracts/target.js';
import type { AttemptRecord } from './attempt.js';
import type { CampaignConfig } from './file.js';
import type { ResilienceStats } from './limits/resilient-target.js';
import { labelChain, Measurer } from './measure.js';
import { attemptsNeeded, type ChainStop, type PrecisionResult, worstHalfWidth } from './precision.js';
import {
  type BaselinesResult,
  CAMPAIGN_RESULT_VERSION,
  type CampaignExample,
  type CampaignResult,
  type TacticSummary,
} from './result.js';
import type { BeamSearch } from './search.js';
import type { CampaignStore, RunStatus } from './store.js';
import type { TacticSet } from './tactic-set.js';

export interface BuildResultInput {
  store: CampaignStore;
  runId: string;
  config: CampaignConfig;
  campaignFile: string;
  campaignHash: string;
  tactics: TacticSet;
  target: TargetInfo;
  status: RunStatus;
  stopReason: string | null;
  createdMs: number;
  seeds: { count: number; source: string };
  benign: { count: number; source: string } | null;
  beam: BeamSearch | null;
  resilience: Record<string, ResilienceStats>;
  spent: { queries: number; money: number; accounts: number; wallSeconds: number };
  /** What the runner saw of precision (absent when the result is rebuilt from the store alone). */
  precision?: { attemptsPerChain: number; stopped: ChainStop[] };
  baselines: BaselinesResult | null;
  nogradVersion: string;
  warnings: string[];
  /** The original content of a seed (for examples). */
  originalOf?: (seedId: string) => string | undefined;
}

/** The precision section: what the campaign could resolve and which chains stopped early. */
function precisionOf(c: CampaignConfig, seen: BuildResultInput['precision']): PrecisionResult {
  const p = c.precision;
  const attemptsPerChain = seen?.attemptsPerChain ?? 0;
  return {
    halfWidth: p.halfWidth,
    attemptsNeeded: attemptsNeeded(p.halfWidth),
    attemptsPerChain,
    achievableHalfWidth: worstHalfWidth(attemptsPerChain),
    stopEarly: p.stopEarly,
    decisionRate: p.decisionRate,
    stopped: seen?.stopped ?? [],
  };
}

export function tacticSummaries(set: TacticSet): TacticSummary[] {
  return set.tactics.map((t) => ({
    name: t.name,
    id: t.id,
    kind: t.kind,
    params: { ...t.params },
    catalog: t.catalog
      ? {
          name: t.catalog.name,
          family: t.catalog.family,
          knowledge: t.catalog.requires.knowledge ?? null,
          baseSuccess: t.catalog.baseSuccess,
          cost: t.catalog.cost,
        }
      : null,
  }));
}

export async function buildResult(x: BuildResultInput): Promise<CampaignResult> {
  const describe = (chain: string[]) => ({
    label: labelChain(chain),
    ids: chain.map((n) => x.tactics.byName.get(n)?.id ?? n),
  });
  const m = new Measurer(describe, scoreScaleOf(x.target));
  let wallMs = 0;
  for await (const a of x.store.attempts(x.runId)) {
    m.add(a);
    wallMs += a.wallMs;
  }
  const measured = m.finish();
  const baselineScores = new Map<string, number>();
  for await (const a of x.store.attempts(x.runId)) {
    if (a.chain.length === 0 && a.set === 'seeds' && a.repeat === 0 && a.score !== null) {
      baselineScores.set(`${a.variant}|${a.seedId}`, a.score);
    }
  }
  const examples = await pickExamples(x, baselineScores);
  const c = x.config;
  return {
    kind: 'nograd-campaign-result',
    version: CAMPAIGN_RESULT_VERSION,
    runId: x.runId,
    name: c.name,
    description: c.description ?? null,
    status: x.status,
    stopReason: x.stopReason,
    createdAt: new Date(x.createdMs).toISOString(),
    finishedAt: new Date().toISOString(),
    campaignFile: x.campaignFile,
    campaignHash: x.campaignHash,
    seed: c.seed,
    repeats: c.repeats,
    nogradVersion: x.nogradVersion,
    target: x.target,
    evasionCondition: {
      when: c.evasion.when,
      scoreBelow: c.evasion.scoreBelow ?? null,
      scoreAbove: c.evasion.scoreAbove ?? null,
    },
    components: c.components,
    seeds: x.seeds,
    benign: x.benign,
    tactics: tacticSummaries(x.tactics),
    search: {
      single: c.search.single,
      compositions: c.search.compositions
        ? { depth: c.search.compositions.depth, max: c.search.compositions.max ?? null }
        : null,
      beam: c.search.beam
        ? {
            ...c.search.beam,
            queriesSpent: x.beam?.queriesSpent ?? 0,
            stopReason: x.beam?.stopReason ?? null,
            levels: x.beam?.levels.map((l) => ({ ...l })) ?? [],
          }
        : null,
    },
    totals: { ...measured.totals, wallSeconds: x.spent.wallSeconds || wallMs / 1000 },
    budgets: {
      configured: {
        queries: c.budgets.queries ?? null,
        wallSeconds: c.budgets.wallSeconds ?? null,
        money: c.budgets.money ?? null,
        accounts: c.budgets.accounts ?? null,
      },
      spent: x.spent,
    },
    precision: precisionOf(c, x.precision),
    baseline: measured.baseline,
    chains: measured.chains,
    defender: { benign: measured.benign, hardening: measured.hardening },
    examples,
    baselines: x.baselines,
    resilience: x.resilience,
    warnings: x.warnings,
  };
}

const EXCERPT = 3_000;
const BEFORE_DIFF = 300;

async function pickExamples(x: BuildResultInput, baselineScores: Map<string, number>): Promise<CampaignExample[]> {
  const want = x.config.examples;
  if (want <= 0) return [];
  const candidates = await x.store.successes(x.runId, Math.max(200, want * 20));
  const seeds = new Map<string, string>();
  const picked: AttemptRecord[] = [];
  const labels = new Set<string>();
  // One example per chain first (variety), then more of the same chains.
  for (const pass of [0, 1]) {
    for (const a of candidates) {
      if (picked.length >= want) break;
      const label = `${a.variant}|${labelChain(a.chain)}`;
      if (picked.includes(a) || (pass === 0 && labels.has(label))) continue;
      labels.add(label);
      picked.push(a);
    }
  }
  return picked.map((a) => {
    let original = seeds.get(a.seedId);
    if (original === undefined) {
      original = x.originalOf?.(a.seedId) ?? '';
      seeds.set(a.seedId, original);
    }
    const transformed = a.transformed ?? '';
    const diff = firstDifference(original, transformed);
    const start = Math.max(0, diff - BEFORE_DIFF);
    return {
      seedId: a.seedId,
      chain: a.chain,
      label: labelChain(a.chain),
      variant: a.variant,
      decision: a.decision,
      score: a.score,
      baselineScore: baselineScores.get(`${a.variant}|${a.seedId}`) ?? null,
      firstDifference: diff,
      excerptStart: start,
      original: original.slice(start, start + EXCERPT),
      transformed: transformed.slice(start, start + EXCERPT),
      originalLength: original.length,
      transformedLength: transformed.length,
      notes: a.notes,
    };
  });
}

export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}
