/**
 * The reference mail filter: a funnel trained on the SpamAssassin corpus that every other nograd feature runs
 * against. Public API (re-exported by the package entry point).
 */

export { SeededRandom } from '../util/random.js';
export { type ContentScore, scoreContent, scoreExtracted } from './application.js';
export {
  COMPONENT,
  type ComponentId,
  type ComponentInfo,
  type DecidingComponent,
  LAYER_OF,
  REFERENCE_COMPONENTS,
} from './components.js';
export {
  CORPUS_GROUPS,
  type CorpusGroup,
  type CorpusMessage,
  type CorpusSplit,
  DEFAULT_SPLIT,
  type Label,
  labelOfGroup,
  loadCorpus,
  type ResolvedSplit,
  SPLIT_KINDS,
  type SplitKind,
  type SplitOptions,
  sampleCorpus,
  splitCorpus,
} from './corpus.js';
export { type CorpusFeatures, corpusTokensFor, loadCorpusFeatures } from './corpus-features.js';
export { nogradCacheDir } from './disk-cache.js';
export { type ExtractManyOptions, extractMany } from './extraction-pool.js';
export { DECISION_LOG_FIELDS, type DecisionLogWriter, decisionLogLine } from './funnel/decision-log.js';
export {
  DEFAULT_FUNNEL_POLICY,
  type FunnelPolicy,
  type FunnelPolicyOverrides,
  resolveFunnelPolicy,
} from './funnel/policy.js';
export { applyThreshold, type ThresholdDecision, type ThresholdPolicyConfig } from './funnel/threshold-policy.js';
export {
  describeHardening,
  FULL_HARDENING,
  HARDENING_SWITCHES,
  type HardeningOptions,
  type HardeningSwitch,
  NO_HARDENING,
  parseHardeningList,
  resolveHardening,
} from './hardening.js';
export { type FeatureSpace, featurize } from './model/feature-space.js';
export {
  deserializeModel,
  type LinearModel,
  logitOf,
  MODEL_KINDS,
  type ModelKind,
  type SerializedLinearModel,
  scoreOf,
  serializeModel,
  sigmoid,
} from './model/linear-model.js';
export { type QualityMetrics, qualityMetrics, rocAuc } from './model/metrics.js';
export { type ExtractedMessage, type ExtractionOptions, extractMessage } from './pipeline/extract.js';
export { htmlToText } from './pipeline/html-to-text.js';
export { type ParsedMessage, parseMime } from './pipeline/mime-parser.js';
export { decodeNestedHtml, decodeNestedText } from './pipeline/nested-decoding.js';
export {
  type Fingerprint,
  fingerprintFromHex,
  fingerprintToHex,
  hammingDistance,
  simhash64,
} from './pipeline/simhash.js';
export { normalizeConfusables } from './pipeline/text-normalizer.js';
export { tokenize, words } from './pipeline/tokenizer.js';
export { type ReferenceServerOptions, type RunningReferenceServer, startReferenceServer } from './server.js';
export {
  createReferenceSystem,
  type FeedbackInput,
  type FunnelOutcome,
  type FunnelSnapshot,
  type InboundMessage,
  ReferenceSystem,
  type ReferenceSystemOptions,
  SWITCHABLE_COMPONENTS,
  type SwitchableComponent,
} from './system.js';
export { type ReferenceTarget, referenceTarget } from './target.js';
export type { InjectedEventRecord } from './traffic/injections.js';
export {
  INJECTION_KINDS,
  type InjectionKind,
  LOG_FORMATS,
  type LogFormat,
  type TrafficOptions,
  type TrafficProgress,
} from './traffic/options.js';
export { simulateTraffic, type TrafficResult } from './traffic/simulate.js';
export {
  type EvaluationOptions,
  evaluateReferenceModel,
  extractionOptionsFor,
  labelOfId,
  REGRESSED_VARIANT,
  type ReferenceEvaluation,
  type TrainedReferenceModel,
  type TrainReferenceOptions,
  trainReferenceModel,
  VARIANTS,
  type Variant,
} from './training.js';
