/**
 * Controls of the fraud pack: price each identity and device, link what belongs together, cap what can be tested,
 * and keep the labels that come back through disputes honest. Card-network dispute rules and identity checks are
 * conventional controls with little AIDEFEND or ATLAS coverage; summaries say where not. Defender costs are
 * estimates for a mid-sized marketplace (docs/catalog.md).
 */
import { defenderCostOf } from '../../model/cost.js';
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

const PACK = 'fraud' as const;
const NO_AIDEFEND = 'AIDEFEND 2026.06.25 has no entry for this conventional fraud control.';
const NO_ATLAS = 'ATLAS 5.6.0 lists no mitigation for it (it has none for Establish Accounts).';

export const FRAUD_CONTROLS: Control[] = [
  {
    id: 'device-intelligence',
    name: 'Device intelligence',
    pack: PACK,
    summary:
      'Score the device, not only the transaction: fingerprint consistency checks, emulator and anti-detect ' +
      `browser detection, and how many accounts and cards one device has touched. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'automation',
    guards: ['input-source', 'feature-extraction', 'account-identity'],
    counters: ['automation.device-fingerprint-spoofing', 'automation.card-testing'],
    effectiveness: 0.55,
    defenderCost: defenderCostOf({
      falsePositiveRate: 0.004,
      latencyMs: 50,
      moneyPerMonth: 3000,
      implementationHours: 40,
    }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'identity-verification',
    name: 'Identity verification at onboarding',
    pack: PACK,
    summary:
      'Check that name, identifier, date of birth, address and phone belong to one real person (bureau and ' +
      'document checks, step-up for risky sign-ups); it prices a synthetic identity but adds friction for good ' +
      `customers. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'access',
    guards: ['account-identity'],
    counters: ['access.synthetic-identity'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({
      falsePositiveRate: 0.02,
      reviewHoursPerWeek: 8,
      latencyMs: 3000,
      moneyPerMonth: 5000,
      implementationHours: 80,
    }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'entity-link-analysis',
    name: 'Entity link analysis',
    pack: PACK,
    summary:
      'Normalise identity details (addresses, mailboxes, names) and link accounts, cards and devices that share ' +
      'them into one graph; limits, history and reputation are then counted per cluster, not per record. ' +
      `${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'activity',
    guards: ['feature-extraction', 'activity-monitor', 'account-identity'],
    counters: [
      'input.identity-detail-jigging',
      'access.synthetic-identity',
      'access.account-aging',
      'activity.velocity-shaping',
    ],
    effectiveness: 0.5,
    defenderCost: defenderCostOf({
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 4,
      latencyMs: 30,
      moneyPerMonth: 1500,
      implementationHours: 160,
    }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'card-testing-defence',
    name: 'Card-testing defence',
    pack: PACK,
    summary:
      'Cap authorisation attempts per session, card range (BIN), device and IP; challenge checkouts after declines; ' +
      'alert on a rising decline ratio or a burst of tiny amounts. It makes each tested card cost more queries.',
    category: 'system',
    layer: 'activity',
    guards: ['activity-monitor', 'policy', 'input-source'],
    counters: ['automation.card-testing', 'activity.velocity-shaping'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.002, latencyMs: 2, implementationHours: 24 }),
    aidefend: [aidefend('AID-I-003')],
    atlasMitigations: [atlasMitigation('AML.M0004')],
    simple: true,
  },
  {
    id: 'dispute-representment',
    name: 'Dispute evidence and representment',
    pack: PACK,
    summary:
      'Keep proof of delivery, device and login evidence per order and answer disputes with it; flag customers ' +
      `with a pattern of "not received" claims. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'process',
    guards: ['feedback', 'human-review', 'policy'],
    counters: ['feedback.friendly-fraud'],
    effectiveness: 0.45,
    defenderCost: defenderCostOf({ reviewHoursPerWeek: 20, moneyPerMonth: 500, implementationHours: 40 }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'adjudicated-fraud-labels',
    name: 'Adjudicated fraud labels',
    pack: PACK,
    summary:
      'Train on outcomes that were adjudicated (confirmed fraud, lost or won disputes, manual-review verdicts), ' +
      'not raw chargeback reason codes; wait out the dispute window and cap how much any one customer cluster ' +
      'contributes to a retraining set.',
    category: 'process',
    guards: ['feedback', 'training-data'],
    counters: ['feedback.dispute-label-manipulation', 'feedback.friendly-fraud'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({ reviewHoursPerWeek: 6, implementationHours: 60 }),
    aidefend: [aidefend('AID-H-002.005'), aidefend('AID-D-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0007'), atlasMitigation('AML.M0025')],
  },
  {
    id: 'cost-aware-features',
    name: 'Features attackers cannot cheaply set',
    pack: PACK,
    summary:
      'Weigh features that cost the attacker money or time to change (verified history, network links, issuer ' +
      'and bank data) over those they set for free (basket, time of day, IP country), and test the model against ' +
      'cost-bounded changes of the cheap ones.',
    category: 'model-hardening',
    guards: ['model', 'feature-extraction'],
    counters: ['activity.good-customer-mimicry', 'access.account-aging'],
    effectiveness: 0.4,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.002, implementationHours: 120 }),
    aidefend: [aidefend('AID-H-001')],
    atlasMitigations: [atlasMitigation('AML.M0003')],
  },
];
