/** Rule-based threat analysis: capabilities, applicable tactics, findings, triage, custom rules, explanations. */
export {
  type AnalyzeOptions,
  analyze,
  countBySeverity,
  findingId,
  sortFindings,
  withPlannedControls,
} from './analyze.js';
export { builtinCatalog } from './catalog-data.js';
export { type Condition, type CustomRuleOptions, loadCustomRules } from './custom-rules.js';
export { explainFinding } from './explain.js';
export {
  checkModelCatalog,
  type ModelCatalog,
  modelCatalog,
  modelPacks,
  packOf,
  withCatalogChecks,
} from './model-catalog.js';
export * from './result.js';
export type { Rule, RuleContext } from './rule.js';
export { BUILTIN_RULES, RULES, type RuleName } from './rules/index.js';
export { applyTriage, type LocatedTriageEntry, loadTriageFile, sideTriagePath } from './triage.js';
