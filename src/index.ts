/**
 * nograd's library API: whatever the CLI does, a TypeScript user can do by importing these. The top level names
 * the workflow — one entry point per engine, the documents they produce (each with a `read(path)`), the registries
 * plugins go into, and the types a caller needs. Everything else an area offers is reachable through its
 * namespace (`analysis`, `campaign`, `catalog`, …), which also keeps names two areas share (`Finding`, `Rule`) apart.
 */

// Analysis: findings, attack paths, costs, recommendations
export { type AnalyzedFile, type AnalyzeFileOptions, analyzeFile } from './analysis/analyze-file.js';
export * as economics from './analysis/economics/index.js';
export {
  analyzeEconomics,
  diffEconomics,
  EconomicsDocument,
  type EconomicsOptions,
  type EconomicsResult,
} from './analysis/economics/index.js';
// Each area in full.
export * as analysis from './analysis/index.js';
export {
  ANALYSIS_SCHEMA_VERSION,
  AnalysisDocument,
  type AnalysisResult,
  type AnalyzeOptions,
  analyze,
  BUILTIN_RULES,
  builtinCatalog,
  checkModelCatalog,
  explainFinding,
  type Finding,
  modelCatalog,
  RULES,
  type Rule,
} from './analysis/index.js';
export * as campaign from './campaign/index.js';
// Campaigns against a running system
export {
  buildCalibration,
  type CampaignResult,
  CampaignResultDocument,
  type CampaignStore,
  DuckDbStore,
  exportRun,
  loadCampaign,
  openStore,
  parseExportJsonl,
  runCampaignFile,
} from './campaign/index.js';
export * as heuristics from './campaign/oracles/index.js';
export { HEURISTICS, type HeuristicName } from './campaign/oracles/index.js';
export { checkDefinition as checkTacticModule, loadTacticModules } from './campaign/tactic-modules.js';
export * as tactics from './campaign/tactics/index.js';
export { TACTICS, type TacticName } from './campaign/tactics/index.js';
export * as catalog from './catalog/index.js';
export { CalibrationDocument, type CalibrationFile, readCalibration } from './contracts/calibration.js';
export type { DecisionLogRecord } from './contracts/decision-log.js';
export { type ContentEncoding, contentBytes, decodeContent, inputBytes } from './contracts/input-bytes.js';
// Targets: what every engine runs on
export {
  type FeedbackReport,
  type Target,
  TargetError,
  type TargetInput,
  type TargetVerdict,
} from './contracts/target.js';
export * as model from './model/index.js';
// The system model
export {
  type Diagnostic,
  formatDiagnostic,
  type LoadedModel,
  type LoadOptions,
  loadModel,
  ModelLoadError,
  type SystemModel,
} from './model/index.js';
export * as monitor from './monitor/index.js';
export { BaselineDocument, CheckResultDocument, monitorCheck } from './monitor/index.js';
export * as reference from './reference/index.js';
// The reference system
export {
  createReferenceSystem,
  evaluateReferenceModel,
  referenceTarget,
  startReferenceServer,
  trainReferenceModel,
} from './reference/index.js';
export * as regress from './regress/index.js';
export {
  loadSuite,
  mineSuite,
  runSuite,
  type Suite,
  type SuiteResult,
  SuiteResultDocument,
  writeSuite,
} from './regress/index.js';
export * as report from './report/index.js';
// Reports
export { FORMATS, RENDERERS, readReportDocument, renderHtml } from './report/index.js';
// The web workbench (`nograd serve`)
export { exportWorkbench } from './serve/export.js';
export { type RunningServer, type ServeOptions, startServer } from './serve/server.js';
export { parseTargetSpec, targetFromSpec } from './targets/from-spec.js';
export { defineTargetKind, type TargetHandle, type TargetKind } from './targets/kind.js';
export { openTarget, TARGET_KINDS, type TargetKindName, type TargetSpec } from './targets/registry.js';
export * as traces from './traces/index.js';
// Traces, regression suites, monitoring
export { ingestTraces, MINERS, mineTraces } from './traces/index.js';
// Errors and version
export { EXIT, UserError } from './util/errors.js';
export { VERSION } from './util/version.js';
