/**
 * Controls that change the models and what they learn from. Robust training is most useful when it is fed the
 * practical transformations attackers actually use (RG Table II), not only gradient-crafted examples.
 */
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

/** The logo and page tricks of RG Table II. */
const TABLE_II = [
  'layout.company-name-style',
  'layout.blurred-logo',
  'layout.cropped-logo',
  'layout.different-logo',
  'layout.stretched-logo',
  'layout.background-patterns',
  'layout.masking',
];

export const HARDENING_CONTROLS: Control[] = [
  {
    id: 'logo-robust-matching',
    name: 'Robust logo and brand matching',
    pack: 'web-phishing',
    summary:
      'Train and evaluate logo and brand recognition on the distortions phishers use: blur, crops, stretching, ' +
      'restyled names, occlusion, busy backgrounds and old logo variants, and match brands from colour and layout ' +
      'as well as from the logo.',
    category: 'model-hardening',
    layer: 'application',
    guards: ['model', 'feature-extraction'],
    counters: [...TABLE_II, 'layout.recoloured-logo'],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.004,
      reviewHoursPerWeek: 2,
      latencyMs: 50,
      moneyPerMonth: 300,
      implementationHours: 200,
    },
    aidefend: [aidefend('AID-H-001'), aidefend('AID-H-002.003')],
    atlasMitigations: [atlasMitigation('AML.M0003')],
  },
  {
    id: 'ensemble-coverage',
    name: 'Independent detectors across components',
    summary:
      'Let several independent signals (visual similarity, DOM and form structure, URL and domain, sender ' +
      'reputation) each be able to flag an item, so evading one model is not enough. In ATLAS case AML.CS0032 ' +
      'the logo tricks beat the visual model but other components still flagged the pages.',
    category: 'model-hardening',
    layer: 'application',
    guards: ['model', 'policy'],
    counters: [
      ...TABLE_II,
      'layout.brand-name-removal',
      'layout.no-visual-logo',
      'layout.stacked-forms',
      'layout.login-obfuscation',
      'input.benign-carrier-embedding',
      'input.benign-padding',
    ],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 2,
      latencyMs: 100,
      moneyPerMonth: 800,
      implementationHours: 240,
    },
    aidefend: [aidefend('AID-H-015')],
    atlasMitigations: [atlasMitigation('AML.M0006')],
  },
  {
    id: 'adversarial-training',
    name: 'Adversarial robustness training',
    summary:
      'Add evasive variants to training: the practical transformations of this catalog (confusables, misspellings, ' +
      'padding, logo distortions) and, where the threat model warrants it, optimisation-based adversarial ' +
      'examples. Retrain as new variants are seen in review and in campaigns.',
    category: 'model-hardening',
    layer: 'application',
    guards: ['model'],
    counters: [
      'input.confusable-characters',
      'input.character-substitution',
      'input.benign-padding',
      ...TABLE_II,
      'model.feature-space-gradient',
      'model.transfer-from-surrogate',
      'model.hopskipjump-decision-based',
    ],
    effectiveness: 0.45,
    defenderCost: {
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 1,
      latencyMs: 0,
      moneyPerMonth: 200,
      implementationHours: 160,
    },
    aidefend: [aidefend('AID-H-001')],
    atlasMitigations: [atlasMitigation('AML.M0003')],
  },
  {
    id: 'output-minimization',
    name: 'Output minimization (hide scores)',
    summary:
      'Return only the decision, never scores or per-class probabilities, to anyone outside the operator team, ' +
      'and coarsen whatever must be shown. Score-guided search and cheap model copies need those numbers.',
    category: 'system',
    layer: 'application',
    guards: ['model', 'post-processing', 'policy'],
    counters: ['model.good-word-attack', 'model.model-replication'],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 8,
    },
    aidefend: [aidefend('AID-H-006.003')],
    atlasMitigations: [atlasMitigation('AML.M0002')],
    simple: true,
  },
  {
    id: 'training-data-sanitization',
    name: 'Training-data sanitization',
    summary:
      'Before training, remove duplicates, outliers and label conflicts, cap the share any one source or reporter ' +
      'can contribute, and check class balance against the previous set.',
    category: 'model-hardening',
    guards: ['training-data'],
    counters: ['feedback.public-source-poisoning', 'access.poisoned-dataset', 'feedback.mass-not-spam'],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 3,
      latencyMs: 0,
      moneyPerMonth: 50,
      implementationHours: 60,
    },
    aidefend: [aidefend('AID-H-002.001')],
    atlasMitigations: [atlasMitigation('AML.M0007')],
  },
];
