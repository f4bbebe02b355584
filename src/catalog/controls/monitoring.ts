/**
 * Monitoring controls: they do not block an attempt at the moment it happens, but shorten how long a working
 * tactic keeps working. Their effectiveness is the chance an attempt is noticed in time to act on it.
 */
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

export const MONITORING_CONTROLS: Control[] = [
  {
    id: 'decision-logging',
    name: 'Decision logging',
    summary:
      'Log every decision with the layer that made it, the score, the review outcome and later user reports, so ' +
      'attacks can be reconstructed and monitored. It counters nothing on its own.',
    category: 'monitoring',
    guards: ['logging', 'policy'],
    counters: [],
    enables: ['security-alerting', 'drift-monitoring', 'operational-metrics', 'query-monitoring'],
    effectiveness: 0,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0,
      latencyMs: 0.5,
      moneyPerMonth: 50,
      implementationHours: 16,
    },
    aidefend: [aidefend('AID-D-005.001')],
    atlasMitigations: [atlasMitigation('AML.M0024')],
  },
  {
    id: 'operational-metrics',
    name: 'Operational metrics',
    summary:
      'Track the numbers that show the system working: block and review rates per layer, review-band share and ' +
      'backlog, report rates, latency, and detection dwell and triage times against their baselines. ' +
      'ATLAS 5.6.0 lists no mitigation for it.',
    category: 'monitoring',
    guards: ['policy', 'human-review', 'feedback'],
    counters: ['activity.review-queue-flooding', 'feedback.mass-not-spam'],
    effectiveness: 0.35,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 1,
      latencyMs: 0,
      moneyPerMonth: 100,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-M-003.002'), aidefend('AID-D-017')],
    atlasMitigations: [],
  },
  {
    id: 'drift-monitoring',
    name: 'Drift monitoring',
    summary:
      'Compare live input, score and label distributions with a trusted reference, and track measured accuracy ' +
      'where labels arrive later (review verdicts, confirmed reports). Sudden shifts after retraining or in ' +
      'report labels point at poisoning. ATLAS 5.6.0 lists no mitigation for it.',
    category: 'monitoring',
    guards: ['model', 'feedback', 'training-data'],
    counters: ['feedback.mass-not-spam', 'feedback.label-flipping-reports', 'feedback.public-source-poisoning'],
    effectiveness: 0.4,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 2,
      latencyMs: 0,
      moneyPerMonth: 100,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-D-002.001'), aidefend('AID-D-002.002')],
    atlasMitigations: [],
  },
  {
    id: 'training-serving-consistency',
    name: 'Training-serving consistency checks',
    summary:
      'Compute the same features for the same inputs in the training and serving paths and alert when they ' +
      'differ; a swapped library or changed preprocessing shows up as skew. ATLAS 5.6.0 lists no mitigation for it.',
    category: 'monitoring',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['access.malicious-dependency'],
    effectiveness: 0.4,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0.5,
      latencyMs: 0,
      moneyPerMonth: 50,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-H-002.004')],
    atlasMitigations: [],
  },
  {
    id: 'query-monitoring',
    name: 'Stateful query monitoring',
    summary:
      'Keep a per-client history of recent queries and flag clients that send many near-identical inputs or sweep ' +
      'the input space, the footprint of boundary search and model replication.',
    category: 'monitoring',
    layer: 'activity',
    guards: ['activity-monitor', 'model'],
    counters: ['model.hopskipjump-decision-based', 'model.good-word-attack', 'model.model-replication'],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.002,
      reviewHoursPerWeek: 2,
      latencyMs: 10,
      moneyPerMonth: 200,
      implementationHours: 120,
    },
    aidefend: [aidefend('AID-D-008'), aidefend('AID-D-005.007')],
    atlasMitigations: [atlasMitigation('AML.M0024'), atlasMitigation('AML.M0004')],
  },
  {
    id: 'security-alerting',
    name: 'Security alerting',
    summary:
      'Feed decisions, account events and query counters into the security monitoring pipeline with rules for ' +
      'abuse patterns (account anomalies, query spikes, report bursts) and a triage owner for each alert.',
    category: 'monitoring',
    guards: ['logging', 'account-identity', 'activity-monitor'],
    counters: [
      'access.compromised-accounts',
      'access.stolen-access-token',
      'automation.headless-scripting',
      'model.hopskipjump-decision-based',
      'model.model-replication',
    ],
    effectiveness: 0.4,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 4,
      latencyMs: 0,
      moneyPerMonth: 500,
      implementationHours: 80,
    },
    aidefend: [aidefend('AID-D-005.002'), aidefend('AID-D-005.007')],
    atlasMitigations: [atlasMitigation('AML.M0024')],
  },
];
