/** The built-in rules, in a fixed order (the order does not affect finding ids or the sorted output). */
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

export const BUILTIN_RULES: readonly Rule[] = [
  uncounteredTactics,
  assumptionBrokenByTactic,
  preprocessingNotModeled,
  noNormalizationBeforeTextModel,
  scoreVisibleToAttacker,
  feedbackReachesTraining,
  attackerWritesTrainingData,
  reviewCapacityBelowAttackVolume,
  noAutomationLayerControl,
  noAccessLayerControl,
  noActivityLayerControl,
  modelHardeningOnly,
  trainingServingSkew,
  unpinnedArtifact,
  noDecisionLogging,
  noDriftMonitoring,
  noSecurityAlerting,
  attackerWithoutBudget,
  singleControlOnOnlyPath,
  expiredAssumption,
  unboundedQueries,
  noReviewBand,
  unconnectedComponent,
];
