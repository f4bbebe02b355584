/**
 * Model-level attacks (for contrast): what most research assumes (RG §IV: 89% of 88 surveyed papers consider only
 * deep learning; 52% study evasion). They need scores, labels or parameters that real systems often do not expose,
 * and many queries; analysis compares their cost with the practical families above.
 */
import type { Tactic } from '../types.js';

export const MODEL_TACTICS: Tactic[] = [
  {
    id: 'model.good-word-attack',
    name: 'Good-word attack (score-guided)',
    family: 'model-level',
    summary:
      'Query the filter with the message plus candidate benign words and keep the words that lower the score ' +
      'most, until it passes (Lowd and Meek). Needs to see a score or at least a label per query.',
    requires: { write: ['live-input'], read: ['score', 'label'], knowledge: 'zero' },
    targets: { kinds: ['model'], layers: ['application'], modalities: ['text', 'email'] },
    breaks: ['scores are not visible', 'attackers cannot query', 'no feedback'],
    cost: { money: 0, humanHours: 1, implementationHours: 16, queries: 1000, timeHours: 4, detectionRisk: 0.3 },
    costNote: 'Hundreds to thousands of queries per message; each query is itself a sent message or API call.',
    baseSuccess: 0.9,
    atlas: ['AML.T0040', 'AML.T0043.001', 'AML.T0042'],
    evidence: 'Lowd & Meek (KDD 2005) measured the cost of such attacks as words added and query messages sent.',
    simpleHeuristic: 'Do not return scores to senders, and limit how many near-identical messages one sender can test.',
  },
  {
    id: 'model.feature-space-gradient',
    name: 'Feature-space gradient attack',
    family: 'model-level',
    summary:
      'With the model’s parameters, follow the gradient to the smallest feature change that flips the decision. ' +
      'The result is a feature vector; the attacker must still find a real input that preprocessing maps to it.',
    requires: { write: ['live-input'], read: ['parameters'], knowledge: 'perfect' },
    targets: { kinds: ['model'] },
    breaks: ['model is secret', 'weights are private', 'parameters are not'],
    cost: { money: 0, humanHours: 8, implementationHours: 40, queries: 1, timeHours: 8, detectionRisk: 0.05 },
    costNote: 'Cheap once the parameters are in hand; the hard, manual part is mapping features back to a valid input.',
    baseSuccess: 0.5,
    atlas: ['AML.T0043.000', 'AML.T0044'],
    evidence:
      'RG §V-A: assume an attacker can feed features straight to the model only if that is possible in reality.',
    simpleHeuristic: 'Keep model parameters out of reach; validate inputs so only reachable feature vectors exist.',
  },
  {
    id: 'model.hopskipjump-decision-based',
    name: 'Decision-based boundary search',
    family: 'model-level',
    summary:
      'Walk along the decision boundary using only accept/reject answers (HopSkipJump and similar), starting ' +
      'from a benign input. Works with label-only output but needs thousands of queries.',
    requires: { write: ['live-input'], read: ['label', 'decision'], knowledge: 'zero' },
    targets: { kinds: ['model', 'policy'] },
    breaks: ['scores are not visible', 'only the decision', 'label only', 'attackers cannot query'],
    cost: { money: 5, humanHours: 2, implementationHours: 24, queries: 10000, timeHours: 24, detectionRisk: 0.5 },
    costNote:
      'Thousands to tens of thousands of queries per input; at a few cents per thousand API calls, plus accounts.',
    baseSuccess: 0.7,
    atlas: ['AML.T0040', 'AML.T0043.001'],
    evidence:
      'MLSEC 2021: the winners planned a query-heavy, HopSkipJump-style replication attack but dropped it once the ' +
      'public leaderboard showed a rival’s perfect score reached with 608 queries.',
    simpleHeuristic: 'Stateful detection of many similar queries from one client; per-account query budgets.',
  },
  {
    id: 'model.model-replication',
    name: 'Model replication, then offline crafting',
    family: 'model-level',
    summary:
      'Label a large set of inputs through the target, train a copy, craft evasive inputs against the copy offline ' +
      'and send only the final ones. Costs many queries but little human effort per evasion.',
    requires: { write: ['live-input'], read: ['score', 'label', 'decision'], knowledge: 'zero' },
    targets: { kinds: ['model', 'policy'] },
    breaks: ['scores are not visible', 'attackers cannot query', 'model is secret'],
    cost: { money: 20, humanHours: 8, implementationHours: 80, queries: 20000, timeHours: 72, detectionRisk: 0.4 },
    costNote: 'Tens of thousands of labelled queries and a training pipeline; paid once, then each evasion is cheap.',
    baseSuccess: 0.6,
    atlas: ['AML.T0040', 'AML.T0005.001', 'AML.T0024.002', 'AML.T0043.002'],
    evidence:
      'RG §III-C: model replication costs more queries but likely less human effort than the expert HTML editing ' +
      'that won MLSEC 2021 (320 queries, 2 people, 42 days).',
    simpleHeuristic: 'Hide scores and watch for clients whose queries cover the input space systematically.',
  },
  {
    id: 'model.transfer-from-surrogate',
    name: 'Transfer from a surrogate model',
    family: 'model-level',
    summary:
      'Craft inputs against a public or self-trained model of the same task and hope they transfer. Needs no ' +
      'queries to the target, but success drops when the target’s features and preprocessing differ.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: { kinds: ['model'] },
    breaks: ['model is secret', 'attackers cannot query', 'proprietary model'],
    cost: { money: 5, humanHours: 4, implementationHours: 40, queries: 5, timeHours: 8, detectionRisk: 0.1 },
    costNote: 'GPU time for a surrogate is a few USD; the effort is building a faithful surrogate pipeline.',
    baseSuccess: 0.25,
    atlas: ['AML.T0005.002', 'AML.T0043.002'],
    simpleHeuristic: 'Robust training and preprocessing the attacker cannot guess reduce transfer.',
  },
];
