/**
 * Controls on the upper funnel layers (automation, access, activity) and on the feedback path (RG §III-A). They
 * price the attacker per account and per action instead of per evasive input, which is where practical attacks
 * are cheapest to stop.
 *
 * Frameworks barely cover this ground (reference §2.6, §3.4): AIDEFEND has no anti-automation or account-
 * legitimacy control, and no ATLAS 5.6.0 mitigation addresses Valid Accounts or Establish Accounts. The summaries
 * say so where a mapping is missing.
 */
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

const NO_ATLAS_ACCOUNTS = 'ATLAS 5.6.0 has no mitigation for account or anti-automation abuse.';
const NO_AIDEFEND_AUTOMATION = 'AIDEFEND 2026.06.25 has no anti-automation or account-legitimacy control.';

export const FUNNEL_CONTROLS: Control[] = [
  {
    id: 'signup-challenge',
    name: 'Sign-up challenge',
    summary:
      'Put a challenge (CAPTCHA, proof of work, phone or payment check) in front of account creation so every ' +
      'account has a price. Solving services cut that price to cents, so it filters naive scripts rather than ' +
      `determined abusers. ${NO_AIDEFEND_AUTOMATION} ${NO_ATLAS_ACCOUNTS}`,
    category: 'system',
    layer: 'automation',
    guards: ['account-identity', 'input-source'],
    counters: ['access.fresh-accounts', 'automation.headless-scripting'],
    effectiveness: 0.3,
    defenderCost: {
      falsePositiveRate: 0.02,
      reviewHoursPerWeek: 0,
      latencyMs: 0,
      moneyPerMonth: 200,
      implementationHours: 8,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'bot-detection',
    name: 'Automation detection',
    summary:
      'Tell scripted clients from people by browser and device fingerprint consistency, interaction timing and ' +
      `session behaviour around challenges, logged in or not. ${NO_AIDEFEND_AUTOMATION} ${NO_ATLAS_ACCOUNTS}`,
    category: 'system',
    layer: 'automation',
    guards: ['input-source', 'account-identity', 'activity-monitor'],
    counters: ['automation.headless-scripting', 'automation.captcha-solving-service', 'automation.residential-proxies'],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 1,
      latencyMs: 20,
      moneyPerMonth: 2000,
      implementationHours: 40,
    },
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'network-reputation',
    name: 'Network reputation',
    summary:
      'Score requests by IP, network and hosting type (data centre, known proxy pools, Tor) and link accounts ' +
      'created from the same infrastructure. Residential proxies and shared addresses limit it. ' +
      `${NO_AIDEFEND_AUTOMATION} ${NO_ATLAS_ACCOUNTS}`,
    category: 'system',
    layer: 'automation',
    guards: ['input-source', 'account-identity'],
    counters: ['automation.residential-proxies', 'access.fresh-accounts'],
    effectiveness: 0.35,
    defenderCost: {
      falsePositiveRate: 0.01,
      reviewHoursPerWeek: 0,
      latencyMs: 5,
      moneyPerMonth: 300,
      implementationHours: 16,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'account-reputation',
    name: 'Account reputation and young-account strictness',
    summary:
      'Decide whether an account earned its write permission legitimately: give young or low-reputation accounts ' +
      'small quotas and stricter thresholds, raise reputation only with evidence from independent users, and act ' +
      'on clusters of linked accounts. AIDEFEND has no account-legitimacy control; AID-I-003 is mapped for its ' +
      `stricter limits on less-trusted users. ${NO_ATLAS_ACCOUNTS}`,
    category: 'system',
    layer: 'access',
    guards: ['account-identity'],
    counters: [
      'access.fresh-accounts',
      'access.account-rotation',
      'access.account-warmup',
      'activity.sender-fanout',
      'automation.human-click-farm',
    ],
    effectiveness: 0.5,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 2,
      latencyMs: 2,
      moneyPerMonth: 0,
      implementationHours: 60,
    },
    aidefend: [aidefend('AID-I-003')],
    atlasMitigations: [],
  },
  {
    id: 'compromised-account-detection',
    name: 'Compromised-account detection',
    summary:
      'Spot take-overs and sold accounts: logins from new devices and places, changed recovery details, breached ' +
      'passwords, and a sudden change in what the account does; challenge or reset on anomalies. ' +
      `${NO_ATLAS_ACCOUNTS}`,
    category: 'system',
    layer: 'access',
    guards: ['account-identity'],
    counters: ['access.compromised-accounts', 'access.aged-account-purchase', 'access.stolen-access-token'],
    effectiveness: 0.55,
    defenderCost: {
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 5,
      latencyMs: 10,
      moneyPerMonth: 200,
      implementationHours: 120,
    },
    aidefend: [aidefend('AID-D-005.002')],
    atlasMitigations: [],
  },
  {
    id: 'token-hygiene',
    name: 'Short-lived, scoped credentials',
    summary:
      'Issue API keys and session tokens that expire quickly, carry the least scope needed and are bound to a ' +
      'client, and scan for leaked keys; a stolen token is then worth little.',
    category: 'system',
    layer: 'access',
    guards: ['account-identity'],
    counters: ['access.stolen-access-token'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0.5,
      latencyMs: 1,
      moneyPerMonth: 0,
      implementationHours: 40,
    },
    aidefend: [aidefend('AID-H-004.002')],
    atlasMitigations: [atlasMitigation('AML.M0019')],
  },
  {
    id: 'rate-limit',
    name: 'Rate limits',
    summary:
      'Cap actions and queries per account, per device and per content cluster in each time window, with ' +
      'tighter caps for less-trusted entities. Volume-hungry tactics (query search, review flooding, scripted ' +
      'bulk actions) slow down or must buy more accounts.',
    category: 'system',
    layer: 'activity',
    guards: ['activity-monitor', 'input-source'],
    counters: [
      'automation.headless-scripting',
      'activity.review-queue-flooding',
      'model.good-word-attack',
      'model.hopskipjump-decision-based',
      'model.model-replication',
    ],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 1,
      moneyPerMonth: 0,
      implementationHours: 8,
    },
    aidefend: [aidefend('AID-I-003')],
    atlasMitigations: [atlasMitigation('AML.M0004')],
    simple: true,
  },
  {
    id: 'template-clustering',
    name: 'Cross-sender template clustering',
    summary:
      'Cluster near-duplicate content (similarity hashes over shingles, shared URLs and structure) across all ' +
      'senders and over long windows, so a campaign split over accounts, time or wording is still seen as one. ' +
      'Neither AIDEFEND nor ATLAS has a matching entry.',
    category: 'system',
    layer: 'activity',
    guards: ['activity-monitor'],
    counters: [
      'activity.template-variation',
      'activity.sender-fanout',
      'access.account-rotation',
      'activity.low-and-slow',
    ],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 2,
      latencyMs: 5,
      moneyPerMonth: 100,
      implementationHours: 40,
    },
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'activity-profiling',
    name: 'Activity profiling',
    summary:
      'Model how normal users act (speed, action mix, time of day, social-graph use) and flag entities that ' +
      `depart from it, including bursts after a quiet warm-up and accounts that act in lock-step. ${NO_ATLAS_ACCOUNTS}`,
    category: 'monitoring',
    layer: 'activity',
    guards: ['activity-monitor'],
    counters: [
      'activity.benign-activity-mimicry',
      'activity.low-and-slow',
      'access.account-warmup',
      'access.aged-account-purchase',
      'automation.human-click-farm',
      'feedback.engagement-inflation',
    ],
    effectiveness: 0.45,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 6,
      latencyMs: 5,
      moneyPerMonth: 500,
      implementationHours: 240,
    },
    aidefend: [aidefend('AID-D-008')],
    atlasMitigations: [],
  },
  {
    id: 'feedback-rate-limit',
    name: 'Feedback rate limits',
    summary:
      'Cap reports and engagement signals per account and per day, ignore them from accounts below an age or ' +
      'reputation bar, and count each cluster of linked reporters once. ATLAS 5.6.0 lists no mitigation for ' +
      'feedback abuse.',
    category: 'system',
    layer: 'access',
    guards: ['feedback'],
    counters: ['feedback.mass-not-spam', 'feedback.label-flipping-reports', 'feedback.engagement-inflation'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 0,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 12,
    },
    aidefend: [aidefend('AID-I-003')],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'feedback-hygiene',
    name: 'Feedback-loop hygiene',
    summary:
      'Treat user feedback as untrusted input to training: keep each label’s provenance, weight labels by ' +
      'reporter reputation and independence, sample-review them before they enter a training set, and hold out ' +
      'feedback-derived labels so their effect can be measured.',
    category: 'process',
    guards: ['feedback', 'training-data'],
    counters: ['feedback.mass-not-spam', 'feedback.label-flipping-reports', 'feedback.engagement-inflation'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0,
      reviewHoursPerWeek: 4,
      latencyMs: 0,
      moneyPerMonth: 0,
      implementationHours: 80,
    },
    aidefend: [aidefend('AID-H-002.005'), aidefend('AID-H-002.001')],
    atlasMitigations: [atlasMitigation('AML.M0007'), atlasMitigation('AML.M0025')],
  },
];
