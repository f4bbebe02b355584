/**
 * Practical evasion campaigns against a running system: the public library API (re-exported by the package
 * entry point). `runCampaignFile` does what `nograd campaign run` does; the pieces below let a TypeScript user
 * build their own loop (their own target, store or measurement).
 */
export { type AttemptRecord, attemptKey, BASE_VARIANT, chainLabel, PHASES, type Phase } from './attempt.js';
export { buildResult, firstDifference, tacticSummaries } from './build-result.js';
export { buildCalibration } from './calibration.js';
export { describeEvasion, EVASION_CONDITIONS, type EvasionCondition, evades } from './evasion.js';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  ExportHeaderDocument,
  type ExportOptions,
  type ExportRecord,
  ExportRecordSchema,
  type ExportSummary,
  exportRun,
  parseExportJsonl,
  recordBytes,
} from './export.js';
export {
  type CampaignConfig,
  CampaignFileError,
  CampaignFileSchema,
  type CampaignOverrides,
  type CampaignVocabulary,
  campaignHash,
  type LoadedCampaign,
  loadCampaign,
} from './file.js';
export {
  type ResilienceOptions,
  type ResilienceStats,
  ResilientTarget,
  TargetDownError,
} from './limits/resilient-target.js';
export { compareChains, DEFUSED_AT_MOST, isFlagged, type Measurement, Measurer, rate } from './measure.js';
export { formatDuration, type ProgressSnapshot, ProgressTracker, renderBar, renderLine } from './progress.js';
export { type Enqueued, type EnqueueOptions, enqueueCampaign, followRun } from './queue/enqueue.js';
export { type RunningWorker, startWorker, type WorkerOptions } from './queue/worker.js';
export type * from './result.js';
export { CAMPAIGN_RESULT_VERSION, CampaignResultDocument } from './result.js';
export { type CampaignEvent, newRunId, type RunnerInput, runCampaign } from './runner.js';
export { type ResolvedSamples, resolveSampleSet } from './sample-sets.js';
export { BeamSearch, compositionChains, singleChains } from './search.js';
export {
  executableTactics,
  loadRunResult,
  type PreparedCampaign,
  prepareCampaign,
  type RunCampaignOptions,
  runCampaignFile,
  runPrepared,
} from './session.js';
export { DuckDbStore } from './store/duckdb.js';
export { PostgresStore } from './store/postgres.js';
export {
  type AttemptWriter,
  type CampaignStore,
  DEFAULT_STORE,
  isPostgresUrl,
  openStore,
  type RunRow,
  type RunStatus,
} from './store.js';
export { type ConfiguredTactic, resolveTactics, TacticSet } from './tactic-set.js';
export { mailValidityOracle, type ValidityOracle } from './validity.js';
export { type Interval, wilsonInterval } from './wilson.js';
