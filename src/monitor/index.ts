/**
 * The monitor's public API: posture baselines from decision logs, drift statistics, security signals, alert rules,
 * sinks with de-duplication, and evaluation on traffic with injected events. DuckDB is loaded only when logs are read.
 */
export type { Alert, FailOn } from './alert.js';
export { alertKey, FAIL_ON, failsOn } from './alert.js';
export type { Baseline, BaselineOptions, CreateBaselineOptions, Posture } from './baseline.js';
export { BaselineDocument, baselineFromWindows, createBaseline, readBaseline, writeBaseline } from './baseline.js';
export type { CheckResult, RuleOutcome, RunCheckOptions, WindowReport } from './check.js';
export { checkWindows, runCheck } from './check.js';
export { CheckResultDocument } from './check-result.js';
export { DEFAULT_RULES_YAML } from './default-rules.js';
export { detectionRows, falseAlarmLine, falseAlarmRows, markdownTable, type TextTable } from './detection-table.js';
export type { EvaluateOptions, EvaluationResult, EventOutcome } from './evaluate.js';
export { EVENT_MATCH, effectEnd, evaluateTraffic, scoreDetection } from './evaluate.js';
export type { EventKind, InjectedEvent } from './events.js';
export { EVENT_KINDS, parseEvents, readEvents } from './events.js';
export type { Metrics } from './metrics.js';
export { computeMetrics, METRICS } from './metrics.js';
export { PersistenceTracker } from './persistence.js';
export type { MonitorCheckOptions, MonitorCheckOutcome } from './pipeline.js';
export { monitorCheck } from './pipeline.js';
export type { Rule, RuleSet, SinkConfig } from './rules.js';
export { defaultRules, describeRule, loadRules, parseRules, RulesLoadError } from './rules.js';
export type { Finding, Signal } from './signals/index.js';
export { getSignal, SIGNAL_IDS, SIGNALS } from './signals/index.js';
export { createSink, dispatch, parseSinkSpec } from './sinks/index.js';
export { sarifLog } from './sinks/sarif.js';
export { postJson, retryAfterMs } from './sinks/webhook.js';
export type { LogInput } from './source.js';
export { resolveLogInputs } from './source.js';
export type { MonitorState } from './state.js';
export { readState, writeState } from './state.js';
export { chiSquareHomogeneity } from './stats/chi-square.js';
export { jensenShannonDistance } from './stats/jensen-shannon.js';
export { ksFromHistograms, ksTwoSample } from './stats/ks.js';
export { psi } from './stats/psi.js';
export { binCounts, quantileEdges } from './stats/quantile-bins.js';
export { wasserstein1, wasserstein1Histogram } from './stats/wasserstein.js';
export type { AggregationOptions, Severity, WindowStats } from './types.js';
export { parseDuration, parseInstant } from './window.js';
