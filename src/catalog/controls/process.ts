/**
 * Process controls: practices of the team that builds and runs the system. Some stop tactics directly (pinning,
 * provenance, review); others (threat modeling, baselines) counter nothing by themselves and are modelled as
 * enabling other controls, so analysis can credit them without inventing an effectiveness.
 */
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

export const PROCESS_CONTROLS: Control[] = [
  {
    id: 'threat-modeling',
    name: 'Operational threat modeling',
    summary:
      'Model the whole system, not just the model: every component, what each attacker can read and write on it, ' +
      'and what each path costs attacker and defender; review it before major changes and keep it in version ' +
      'control. It stops nothing itself; it decides which controls get built. ATLAS 5.6.0 lists no mitigation for it.',
    category: 'process',
    guards: ['model', 'policy', 'preprocessing', 'account-identity'],
    counters: [],
    enables: ['posture-baseline', 'dependency-mapping', 'security-alerting'],
    effectiveness: 0,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 2,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-M-004')],
    atlasMitigations: [],
  },
  {
    id: 'dependency-mapping',
    name: 'Dependency mapping',
    summary:
      'Keep an inventory of every library, model, dataset and external service each component uses, with ' +
      'versions and sources (an SBOM or AI-BOM per build), so a poisoned or vulnerable dependency can be found ' +
      'and replaced quickly.',
    category: 'process',
    guards: ['dependency'],
    counters: ['access.malicious-dependency', 'access.poisoned-dataset'],
    enables: ['artifact-pinning'],
    effectiveness: 0.3,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0.5,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 24,
    },
    aidefend: [aidefend('AID-M-001.002')],
    atlasMitigations: [atlasMitigation('AML.M0023')],
  },
  {
    id: 'artifact-pinning',
    name: 'Artifact pinning and verification',
    summary:
      'Install packages, models and datasets only at pinned versions with content hashes or signatures checked ' +
      'at build and load time, and review every change of a pin like a code change.',
    category: 'process',
    guards: ['dependency', 'storage'],
    counters: ['access.malicious-dependency', 'access.poisoned-dataset'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0.5,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 16,
    },
    aidefend: [aidefend('AID-H-003.001'), aidefend('AID-H-003.006'), aidefend('AID-D-004.001')],
    atlasMitigations: [atlasMitigation('AML.M0014'), atlasMitigation('AML.M0013')],
    simple: true,
  },
  {
    id: 'feature-pipeline-integrity',
    name: 'Feature-pipeline integrity',
    summary:
      'Keep preprocessing and feature code under reviewed version control, validate the statistics of each ' +
      'pipeline step before training continues, and record feature lineage end to end, so a changed ' +
      'transformation is noticed. ATLAS 5.6.0 lists no mitigation specific to feature pipelines.',
    category: 'process',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['access.malicious-dependency'],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 1,
      latencyMs: 0,
      moneyPerMonth: 50,
      implementationHours: 60,
    },
    aidefend: [aidefend('AID-H-002.004')],
    atlasMitigations: [],
  },
  {
    id: 'data-provenance',
    name: 'Data provenance',
    summary:
      'Record where every training sample and label came from and which dataset version each model was trained ' +
      'on; vet new third-party sources before use, so poisoned contributions can be traced and removed.',
    category: 'process',
    guards: ['training-data', 'dependency', 'storage'],
    counters: ['feedback.public-source-poisoning', 'access.poisoned-dataset'],
    enables: ['training-data-sanitization'],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 1,
      latencyMs: 0,
      moneyPerMonth: 50,
      implementationHours: 80,
    },
    aidefend: [aidefend('AID-M-002'), aidefend('AID-M-002.003'), aidefend('AID-H-003.003')],
    atlasMitigations: [atlasMitigation('AML.M0025')],
  },
  {
    id: 'model-validation-gate',
    name: 'Model validation before promotion',
    summary:
      'Before a retrained model replaces the current one, evaluate both on a trusted, held-out set and on known ' +
      'attack samples; block promotion when either gets worse, so poisoned retraining does not reach production.',
    category: 'process',
    guards: ['model', 'training-data'],
    counters: [
      'feedback.mass-not-spam',
      'feedback.label-flipping-reports',
      'feedback.public-source-poisoning',
      'access.poisoned-dataset',
    ],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 2,
      latencyMs: 0,
      moneyPerMonth: 50,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-H-007.004')],
    atlasMitigations: [atlasMitigation('AML.M0008')],
  },
  {
    id: 'human-review',
    name: 'Human review',
    summary:
      'Send uncertain items to trained analysts who see what the recipient would see, and feed their verdicts ' +
      'back into rules and training. Strong on content tricks, limited by capacity: overflow policy matters. ' +
      'ATLAS 5.6.0 has a human-in-the-loop mitigation only for AI agent actions, so none is mapped.',
    category: 'process',
    layer: 'application',
    guards: ['human-review', 'policy'],
    counters: [
      'layout.text-as-image',
      'layout.hidden-good-words',
      'layout.form-as-image',
      'layout.company-name-style',
      'layout.brand-name-removal',
      'layout.no-visual-logo',
      'input.character-substitution',
      'input.benign-padding',
      'feedback.label-flipping-reports',
    ],
    effectiveness: 0.9,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 40,
      latencyMs: 3600000,
      moneyPerMonth: 0,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-M-006')],
    atlasMitigations: [],
  },
  {
    id: 'posture-baseline',
    name: 'Posture baseline',
    summary:
      'Write down, version and sign the expected configuration of every component (thresholds, enabled ' +
      'controls, limits) and its expected metrics, and gate releases on it, so later drift and alerts have ' +
      'something to compare with. ATLAS 5.6.0 lists no mitigation for it.',
    category: 'process',
    guards: ['policy', 'model', 'activity-monitor'],
    counters: [],
    enables: ['drift-monitoring', 'operational-metrics', 'security-alerting'],
    effectiveness: 0,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 1,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-M-005.002'), aidefend('AID-M-003.002')],
    atlasMitigations: [],
  },
];
