/**
 * Production traces → near misses → regression suites. Public API (re-exported by the package entry point):
 * ingest decision logs into DuckDB through a mapping, run the miners, and build a suite in one call (`mineSuite`)
 * or step by step (`ingestTraces` → `mineTraces` → `buildSuite` from the regress area).
 */

export type { DecisionLogRecord } from '../contracts/decision-log.js';
export type { Candidate, CandidateLabels } from './candidate.js';
export {
  type BadRow,
  type FileSummary,
  formatBadRow,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  ingestInto,
  ingestTraces,
} from './ingest.js';
export {
  type FieldSource,
  identityMapping,
  loadMapping,
  mappingFileSchema,
  resolveMapping,
  type TraceMapping,
} from './mapping.js';
export { type MineOptions, type MinerReport, type MiningResult, mineTraces, selectMiners } from './mine.js';
export {
  DEFAULT_MINER_PARAMS,
  defineMiner,
  getMiner,
  MINER_NAMES,
  MINERS,
  type Miner,
  type MinerContext,
  type MinerName,
  type MinerOption,
  type MinerParams,
  type MinerParamsSchema,
  minerOptions,
} from './miners/index.js';
export { CAMPAIGN_ATTEMPT_SCHEMA, DECISION_LOG_SCHEMA, type FieldDef, type RecordSchema } from './record-schema.js';
export { type ResolvedSources, resolveSources, type SourceFile } from './sources.js';
export { type StoreOptions, TraceStore } from './store.js';
