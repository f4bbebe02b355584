/**
 * The model-level baselines a campaign can run for contrast, after its practical tactics: Lowd & Meek's
 * score-guided good-word attack (needs a score per query) and the feature-space gradient attack on the reference
 * logistic regression (needs the weights: perfect knowledge). Their costs come from the catalog
 * (model.good-word-attack, model.feature-space-gradient) so they compare with the tactics on the same scale.
 */
import { getTactic } from '../../catalog/index.js';
import type { InputContext, Target, TargetInput, TargetVerdict } from '../../contracts/target.js';
import type { ReferenceSystem } from '../../reference/system.js';
import type { CampaignConfig } from '../file.js';
import { rate } from '../measure.js';
import type { BaselinesResult, GradientBaseline } from '../result.js';
import type { ValidityOracle } from '../validity.js';
import { addHiddenWords } from './add-words.js';
import { goodWordAttack } from './good-word.js';
import { gradientAttack } from './gradient.js';
import { canAddToken, planRealization } from './realize.js';

export interface BaselineContext {
  config: CampaignConfig;
  /** The configured target (base variant), with the campaign's politeness limits. */
  target: Target;
  /** Seeds the target blocked untouched, in seed order. */
  blockedSeeds: TargetInput[];
  baselineScores: ReadonlyMap<string, number>;
  benign: readonly TargetInput[];
  evades(v: TargetVerdict): boolean;
  contextFor(seedId: string, tag: string): InputContext;
  oracle: ValidityOracle;
  /** The reference system, for the gradient attack. */
  system?: () => Promise<ReferenceSystem>;
  signal?: AbortSignal;
}

export async function runBaselines(ctx: BaselineContext): Promise<BaselinesResult | null> {
  const spec = ctx.config.baselines;
  if (!spec.goodWord && !spec.gradient) return null;
  const result: BaselinesResult = { skipped: [] };
  if (spec.goodWord) {
    if (!ctx.target.info.exposes.includes('score')) {
      result.skipped.push({ name: 'good-word', reason: 'the target exposes no score' });
    } else {
      const cat = getTactic('model.good-word-attack');
      result.goodWord = await goodWordAttack({
        target: ctx.target,
        seeds: ctx.blockedSeeds.slice(0, spec.goodWord.seeds),
        baselineScores: ctx.baselineScores,
        benign: ctx.benign,
        candidates: spec.goodWord.candidates,
        maxWords: spec.goodWord.maxWords,
        evades: ctx.evades,
        contextFor: ctx.contextFor,
        oracle: ctx.oracle,
        implementationHours: cat?.cost.implementationHours ?? 0,
        humanHoursPerSeed: cat?.cost.humanHours ?? 0,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
    }
  }
  if (spec.gradient) {
    if (!ctx.system) result.skipped.push({ name: 'feature-space-gradient', reason: 'not the reference target' });
    else {
      result.gradient = await gradientBaseline(ctx, await ctx.system(), spec.gradient.seeds, spec.gradient.maxFlips);
    }
  }
  return result;
}

/** The score below which a message gets through, by the campaign's evasion condition and the system's policy. */
export function targetScore(config: CampaignConfig, system: ReferenceSystem): number {
  const e = config.evasion;
  if (e.when === 'score-below' && e.scoreBelow !== undefined) return e.scoreBelow;
  return e.when === 'not-blocked' ? system.policy.threshold.threshold : system.policy.threshold.reviewLow;
}

async function gradientBaseline(
  ctx: BaselineContext,
  system: ReferenceSystem,
  seedCount: number,
  maxFlips: number,
): Promise<GradientBaseline> {
  const model = system.model;
  const goal = targetScore(ctx.config, system);
  const seeds = ctx.blockedSeeds.slice(0, seedCount);
  const reasons: Record<string, number> = {};
  let crossed = 0;
  let realizable = 0;
  let realized = 0;
  let addOnly = 0;
  const flips: number[] = [];
  const removals: number[] = [];
  const additions: number[] = [];
  const addOnlyFlips: number[] = [];
  const step = [{ id: 'model.feature-space-gradient', params: {} }];
  const throughPipeline = async (seed: TargetInput, body: string[], subject: string[]) => {
    const built = addHiddenWords(seed.content, body, subject);
    if (built === null) return false;
    const scored = await system.scoreContent(built);
    if (scored.score >= goal) return false;
    return (await ctx.oracle.judge(seed, built, step)).valid;
  };
  for (const seed of seeds) {
    const { tokens } = await system.scoreContent(seed.content);
    const out = gradientAttack(model, tokens, { targetScore: goal, maxFlips });
    if (out.crossed) {
      crossed++;
      flips.push(out.flips.length);
      removals.push(out.flips.filter((f) => f.op === 'remove').length);
      additions.push(out.flips.filter((f) => f.op === 'add').length);
      const plan = planRealization(out.flips);
      for (const r of plan.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
      if (plan.realizable) {
        realizable++;
        if (await throughPipeline(seed, plan.bodyWords, plan.subjectWords)) realized++;
      }
    }
    const constrained = gradientAttack(model, tokens, {
      targetScore: goal,
      maxFlips,
      additionsOnly: true,
      canAdd: canAddToken,
    });
    if (constrained.crossed) {
      const plan = planRealization(constrained.flips);
      if (await throughPipeline(seed, plan.bodyWords, plan.subjectWords)) {
        addOnly++;
        addOnlyFlips.push(constrained.flips.length);
      }
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const cat = getTactic('model.feature-space-gradient');
  const n = seeds.length;
  return {
    approach: 'feature-space-gradient',
    catalogId: 'model.feature-space-gradient',
    knowledge: 'perfect: the model’s vocabulary, weights and feature extraction',
    seedsAttacked: n,
    evasion: rate(realized, n),
    queries: { total: realized, perSeed: n ? realized / n : 0, perSuccess: realized ? 1 : null },
    implementationHours: cat?.cost.implementationHours ?? 0,
    humanHoursPerSeed: cat?.cost.humanHours ?? 0,
    notes: [
      `target score ${goal} (evasion: ${ctx.config.evasion.when}); the search runs offline on the stolen model, one query sends the result`,
      'removals are counted unrealizable: the token is part of the payload; the practical way to hide it is obfuscation',
    ],
    featureSpaceSuccesses: crossed,
    realizable: rate(realizable, crossed),
    realizedThroughPipeline: rate(realized, crossed),
    flips: { mean: mean(flips), removalsMean: mean(removals), additionsMean: mean(additions) },
    unrealizableReasons: reasons,
    additionsOnly: { evasion: rate(addOnly, n), flipsMean: mean(addOnlyFlips) },
  };
}
