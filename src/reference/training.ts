/**
 * Train and evaluate the reference spam model. Results are cached on disk, keyed by
 * (corpus, split, seed, model kind, extraction hardening, variant, code version): the second run with the same
 * settings loads the model in milliseconds and gives bit-identical weights.
 */

import { UserError } from '../util/errors.js';
import { SeededRandom } from '../util/random.js';
import { trainingCodeVersion } from './code-version.js';
import {
  corpusFingerprint,
  describeSplit,
  type Label,
  labelOfGroup,
  loadCorpus,
  type ResolvedSplit,
  resolveSplit,
  type SplitKind,
  type SplitOptions,
  sampleCorpus,
  splitCorpus,
} from './corpus.js';
import { type CorpusFeatures, corpusTokensFor } from './corpus-features.js';
import { DiskCache } from './disk-cache.js';
import { describeHardening, EXTRACTION_SWITCHES, type HardeningOptions, resolveHardening } from './hardening.js';
import { DEFAULT_FIT, fitLinearModel } from './model/fit.js';
import {
  deserializeModel,
  type LinearModel,
  logitOf,
  type ModelKind,
  type SerializedLinearModel,
  serializeModel,
  sigmoid,
} from './model/linear-model.js';
import { type QualityMetrics, qualityMetrics } from './model/metrics.js';
import type { ExtractionOptions } from './pipeline/extract.js';

export type Variant = 'default' | 'regressed';
export const VARIANTS: readonly Variant[] = ['default', 'regressed'];

/**
 * The deliberately worse model that regression suites must catch: it has lost its HTML features (HTML parts are
 * not read, as if a refactor dropped them) and was trained on a fifth of the training split.
 */
export const REGRESSED_VARIANT = { readHtml: false, trainFraction: 0.2 } as const;

export interface TrainReferenceOptions {
  model?: ModelKind;
  hardening?: Partial<HardeningOptions>;
  /** Seeds the split and the SGD order. Default 42. */
  seed?: number;
  /** `stratified` (default, 80/20) or `temporal`, or full split options. */
  split?: SplitKind | Omit<SplitOptions, 'seed'>;
  variant?: Variant;
  /**
   * Train and test on a seeded, label-stratified sample of this many corpus messages instead of all 6,046 (for
   * tests and quick demos: only the sample is parsed). The split then applies inside the sample.
   */
  sample?: number;
  /** Read and write the disk cache (default true). */
  cache?: boolean;
  /** Worker threads for corpus extraction. */
  workers?: number;
  onProgress?: (stage: 'extract' | 'fit', done: number, total: number) => void;
}

export interface TrainedReferenceModel {
  model: LinearModel;
  kind: ModelKind;
  seed: number;
  split: ResolvedSplit;
  variant: Variant;
  /** Corpus sample size when trained on a sample (see `TrainReferenceOptions.sample`). */
  sample?: number;
  /** The preprocessing the model was trained with; serving must use the same. */
  extraction: ExtractionOptions;
  trainIds: string[];
  testIds: string[];
  /** The cache key (also a readable description of what was trained). */
  key: string;
  fromCache: boolean;
  /** Wall time of this call (load or train). */
  elapsedMs: number;
}

export function extractionOptionsFor(hardening: HardeningOptions, variant: Variant): ExtractionOptions {
  return {
    normalizeConfusables: hardening.normalizeConfusables,
    stripHiddenText: hardening.stripHiddenText,
    decodeNestedEncodings: hardening.decodeNestedEncodings,
    readHtml: variant === 'regressed' ? REGRESSED_VARIANT.readHtml : true,
  };
}

function resolveTrainOptions(options: TrainReferenceOptions) {
  const seed = options.seed ?? 42;
  const splitInput = typeof options.split === 'string' ? { kind: options.split } : (options.split ?? {});
  const split = resolveSplit({ ...splitInput, seed });
  const hardening = resolveHardening(options.hardening);
  const variant = options.variant ?? 'default';
  const kind = options.model ?? 'lr';
  const extraction = extractionOptionsFor(hardening, variant);
  const sample = options.sample;
  if (sample !== undefined && (!Number.isInteger(sample) || sample < 20)) {
    throw new UserError(`sample size must be an integer of at least 20, got ${sample}`);
  }
  const key = [
    corpusFingerprint(),
    `split:${describeSplit(split)}`,
    `seed:${seed}`,
    `model:${kind}`,
    `hardening:${describeHardening(hardening, EXTRACTION_SWITCHES)}`,
    `variant:${variant}`,
    ...(sample !== undefined ? [`sample:${sample}`] : []),
    `code:${trainingCodeVersion()}`,
  ].join('|');
  return { seed, split, hardening, variant, kind, extraction, key, sample };
}

interface CachedModel {
  model: SerializedLinearModel;
  trainIds: string[];
  testIds: string[];
}

export async function trainReferenceModel(options: TrainReferenceOptions = {}): Promise<TrainedReferenceModel> {
  const started = performance.now();
  const { seed, split, variant, kind, extraction, key, sample } = resolveTrainOptions(options);
  const cache = options.cache === false ? undefined : new DiskCache();
  const cached = cache?.read<CachedModel>('model', key);
  if (cached) {
    return {
      model: deserializeModel(cached.model),
      kind,
      seed,
      split,
      variant,
      ...(sample !== undefined && { sample }),
      extraction,
      trainIds: cached.trainIds,
      testIds: cached.testIds,
      key,
      fromCache: true,
      elapsedMs: performance.now() - started,
    };
  }
  // Loaded only on a cache miss: reading the corpus costs more than loading a cached model.
  const messages = sample === undefined ? loadCorpus() : sampleCorpus(loadCorpus(), sample, seed);
  const features = await corpusTokensFor(
    extraction,
    messages.map((m) => m.id),
    {
      cache: options.cache,
      workers: options.workers,
      onProgress: options.onProgress && ((done, total) => options.onProgress?.('extract', done, total)),
    },
  );
  const { train, test } = splitCorpus(messages, split);
  let trainIds = train.map((m) => m.id);
  if (variant === 'regressed') trainIds = stratifiedSubset(trainIds, REGRESSED_VARIANT.trainFraction, seed);
  options.onProgress?.('fit', 0, 1);
  const model = fitLinearModel(kind, tokensOf(features, trainIds), trainIds.map(labelOfId), { ...DEFAULT_FIT, seed });
  options.onProgress?.('fit', 1, 1);
  const testIds = test.map((m) => m.id);
  cache?.write('model', key, { model: serializeModel(model), trainIds, testIds } satisfies CachedModel);
  return {
    model,
    kind,
    seed,
    split,
    variant,
    ...(sample !== undefined && { sample }),
    extraction,
    trainIds,
    testIds,
    key,
    fromCache: false,
    elapsedMs: performance.now() - started,
  };
}

/** `easy-ham-1/00042` → ham. Corpus ids carry their group, and the group is the label. */
export function labelOfId(id: string): Label {
  return labelOfGroup(id.slice(0, id.indexOf('/')));
}

function tokensOf(features: CorpusFeatures, ids: readonly string[]): (readonly string[])[] {
  return ids.map((id) => {
    const tokens = features.get(id);
    if (!tokens) throw new Error(`no features for corpus message ${id}`);
    return tokens;
  });
}

function stratifiedSubset(ids: readonly string[], fraction: number, seed: number): string[] {
  const rng = new SeededRandom(seed).fork('regressed-subset');
  const keep = new Set<string>();
  for (const label of ['ham', 'spam'] as const) {
    const of = ids.filter((id) => labelOfId(id) === label);
    for (const id of rng.shuffle([...of]).slice(0, Math.round(of.length * fraction))) keep.add(id);
  }
  return ids.filter((id) => keep.has(id));
}

export interface EvaluationOptions {
  /** Block threshold on the spam score (default 0.5, the threshold-policy default). */
  threshold?: number;
  /** Lower edge of the review band (default 0.3). */
  reviewLow?: number;
  cache?: boolean;
  workers?: number;
}

export interface ReferenceEvaluation {
  model: ModelKind;
  modelVersion: string;
  variant: Variant;
  split: ResolvedSplit;
  seed: number;
  sample?: number;
  hardening: string;
  trainSize: number;
  /** Quality on the test split, at the block threshold. */
  metrics: QualityMetrics;
  /** Share of test ham / spam whose score falls in the review band. */
  hamReviewRate: number;
  spamReviewRate: number;
}

export async function evaluateReferenceModel(
  trained: TrainedReferenceModel,
  options: EvaluationOptions = {},
): Promise<ReferenceEvaluation> {
  const threshold = options.threshold ?? 0.5;
  const reviewLow = options.reviewLow ?? 0.3;
  if (!(threshold > 0 && threshold < 1))
    throw new UserError(`threshold must be between 0 and 1 (exclusive), got ${threshold}`);
  if (!(reviewLow >= 0 && reviewLow <= threshold))
    throw new UserError(`reviewLow must be between 0 and the threshold, got ${reviewLow}`);
  const features = await corpusTokensFor(trained.extraction, trained.testIds, {
    cache: options.cache,
    workers: options.workers,
  });
  const logits = tokensOf(features, trained.testIds).map((t) => logitOf(trained.model, t));
  const isSpam = trained.testIds.map((id) => labelOfId(id) === 'spam');
  // Logits, not probabilities: saturated naive-Bayes probabilities would tie and distort the AUC.
  // Reported on the probability scale the threshold policy uses.
  const metrics = { ...qualityMetrics(logits, isSpam, logit(threshold)), threshold };
  let hamReview = 0;
  let spamReview = 0;
  logits.forEach((z, i) => {
    const s = sigmoid(z);
    if (s >= reviewLow && s < threshold) isSpam[i] ? spamReview++ : hamReview++;
  });
  return {
    model: trained.kind,
    modelVersion: trained.model.version,
    variant: trained.variant,
    split: trained.split,
    seed: trained.seed,
    ...(trained.sample !== undefined && { sample: trained.sample }),
    hardening: describeHardening({ ...resolveHardening(), ...trained.extraction }, EXTRACTION_SWITCHES),
    trainSize: trained.trainIds.length,
    metrics,
    hamReviewRate: metrics.ham ? hamReview / metrics.ham : 0,
    spamReviewRate: metrics.spam ? spamReview / metrics.spam : 0,
  };
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
