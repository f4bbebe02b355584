/**
 * Regression suites: the suite format, building suites from mined candidates (with redaction), running them on
 * any Target with repeats, baselining, and JUnit / text output. Public API (re-exported by the package entry point).
 */
export { applyBaseline, type BaselineChanges } from './baseline.js';
export { type BuildSuiteOptions, type BuildSuiteStats, buildSuite, MINER_PRIORITY } from './build-suite.js';
export {
  type CheckOutcome,
  checkVerdict,
  describeExpectation,
  EXPECTED_DECISIONS,
  type Expectation,
  type ExpectedDecision,
} from './expectation.js';
export { expectationFor, type LabelledExpectation, type LabelOptions } from './labels.js';
export { type MineSuiteOptions, type MineSuiteResult, mineSuite } from './mine-suite.js';
export { type RedactionCounts, type RedactionOptions, Redactor } from './redact.js';
export { SuiteResultDocument } from './result.js';
export {
  type Attempt as CaseAttempt,
  CASE_STATUSES,
  type CaseResult,
  type CaseStatus,
  type RunOptions as RunSuiteOptions,
  resolveInput,
  runSuite,
  type SuiteResult,
} from './run.js';
export {
  formatSuite,
  type LabelSource,
  type LoadedSuite,
  loadSuite,
  parseSuite,
  type RegressionCase,
  type Suite,
  type SuiteFormat,
  suiteFormatOf,
  writeSuite,
} from './suite.js';
