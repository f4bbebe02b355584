import type { Rule } from '../rule.js';
import { assumptionBrokenByTactic } from './assumption-broken-by-tactic.js';
import { attackerWithoutBudget } from './attacker-without-budget.js';
import { attackerWritesTrainingData } from './attacker-writes-training-data.js';
import { expiredAssumption } from './expired-assumption.js';
import { feedbackReachesTraining } from './feedback-reaches-training.js';
import { noAccessLayerControl, noActivityLayerControl, noAutomationLayerControl } from './layer-controls.js';
import { modelHardeningOnly } from './model-hardening-only.js';
import { noDecisionLogging } from './no-decision-logging.js';
import { noDriftMonitoring } from './no-drift-monitoring.js';
import { noNormalizationBeforeTextModel } from './no-normalization-before-text-model.js';
import { noReviewBand } from './no-review-band.js';
import { noSecurityAlerting } from './no-security-alerting.js';
import { preprocessingNotModeled } from './preprocessing-not-modeled.js';
import { reviewCapacityBelowAttackVolume } from './review-capacity-below-attack-volume.js';
import { scoreVisibleToAttacker } from './score-visible-to-attacker.js';
import { singleControlOnOnlyPath } from './single-control-on-only-path.js';
import { trainingServingSkew } from './training-serving-skew.js';
import { unboundedQueries } from './unbounded-queries.js';
import { unconnectedComponent } from './unconnected-component.js';
import { uncounteredTactics } from './uncountered-tactics.js';
import { unpinnedArtifact } from './unpinned-artifact.js';

/**
 * Every built-in rule by id. A rule is one file exporting its definition with its metadata (title, severity and why,
 * description, remediation controls, ATLAS ids); adding one is its file, one line here and its test case
 * (registry.test.ts checks the map and the metadata).
 */
export const RULES = {
  'uncountered-tactics': uncounteredTactics,
  'assumption-broken-by-tactic': assumptionBrokenByTactic,
  'preprocessing-not-modeled': preprocessingNotModeled,
  'no-normalization-before-text-model': noNormalizationBeforeTextModel,
  'score-visible-to-attacker': scoreVisibleToAttacker,
  'feedback-reaches-training': feedbackReachesTraining,
  'attacker-writes-training-data': attackerWritesTrainingData,
  'review-capacity-below-attack-volume': reviewCapacityBelowAttackVolume,
  'no-automation-layer-control': noAutomationLayerControl,
  'no-access-layer-control': noAccessLayerControl,
  'no-activity-layer-control': noActivityLayerControl,
  'model-hardening-only': modelHardeningOnly,
  'training-serving-skew': trainingServingSkew,
  'unpinned-artifact': unpinnedArtifact,
  'no-decision-logging': noDecisionLogging,
  'no-drift-monitoring': noDriftMonitoring,
  'no-security-alerting': noSecurityAlerting,
  'attacker-without-budget': attackerWithoutBudget,
  'single-control-on-only-path': singleControlOnOnlyPath,
  'expired-assumption': expiredAssumption,
  'unbounded-queries': unboundedQueries,
  'no-review-band': noReviewBand,
  'unconnected-component': unconnectedComponent,
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/** The built-in rules as a list, in registry order (the order does not affect finding ids or the sorted output). */
export const BUILTIN_RULES: readonly Rule[] = Object.values(RULES);
