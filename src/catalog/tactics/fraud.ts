/**
 * The fraud pack: how payment, signup and account fraudsters get past device fingerprinting, account reputation,
 * velocity rules, a tabular fraud model and the chargeback loop that labels its training data. Tabular fraud models
 * are gradient-boosted trees over features the attacker partly controls; the practical attacks make those features
 * look like a good customer's instead of optimising against the model (RG Observation 10: simple attacks suffice).
 *
 * Per-attempt costs are for one transaction, one account or one dispute. Fraud-market prices change constantly and
 * few are published in peer-reviewed form, so every figure here is an estimate and its cost note says so.
 */
import type { Tactic, TacticTargets } from '../types.js';

const PACK = 'fraud' as const;

/** The fraud model and the features it reads. */
const MODEL_TARGETS: TacticTargets = {
  kinds: ['model', 'feature-extraction', 'policy'],
  layers: ['application'],
  modalities: ['tabular'],
};

export const FRAUD_TACTICS: Tactic[] = [
  {
    id: 'automation.device-fingerprint-spoofing',
    name: 'Device and fingerprint spoofing',
    family: 'automation',
    pack: PACK,
    summary:
      'Run every account or session in its own anti-detect browser profile or emulator (user agent, screen, fonts, ' +
      'canvas and WebGL hashes, time zone and locale matched to a residential proxy), so device-reputation and ' +
      '"one device, many accounts" rules see many fresh, ordinary devices.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: {
      kinds: ['input-source', 'feature-extraction', 'account-identity'],
      layers: ['automation', 'access'],
      modalities: ['device', 'events'],
    },
    breaks: ['device', 'fingerprint', 'one device', 'same device', 'emulator', 'browser'],
    cost: { money: 0.3, humanHours: 0.02, implementationHours: 4, queries: 1, timeHours: 0.1, detectionRisk: 0.15 },
    costNote:
      'Estimate: anti-detect browsers are sold as subscriptions of tens of dollars a month for hundreds of profiles, ' +
      'plus a residential proxy per session; a profile costs cents and a few minutes of set-up.',
    baseSuccess: 0.75,
    atlas: ['AML.T0015', 'AML.T0043.003'],
    evidence:
      'Fingerprint spoofing tools and their detection are studied in Vastel et al., "FP-Scanner: The Privacy ' +
      'Implications of Browser Fingerprint Inconsistencies" (USENIX Security 2018).',
    simpleHeuristic:
      'Check fingerprints for inconsistencies (claimed OS vs. fonts, GPU vs. platform, time zone vs. IP).',
  },
  {
    id: 'access.synthetic-identity',
    name: 'Synthetic identities',
    family: 'access-abuse',
    pack: PACK,
    summary:
      'Open accounts under identities stitched from real and invented parts (a real identifier with another name, ' +
      'date of birth and address); each passes format and existence checks, and no real person notices to complain.',
    requires: { write: ['account'], accounts: 1, knowledge: 'zero' },
    targets: {
      kinds: ['account-identity', 'input-source'],
      layers: ['access'],
      modalities: ['tabular', 'device', 'events'],
    },
    breaks: ['real person', 'identity', 'verified', 'kyc', 'one person'],
    cost: { money: 10, humanHours: 0.5, implementationHours: 2, queries: 1, timeHours: 24, detectionRisk: 0.2 },
    costNote:
      'Estimate: stolen identifiers and supporting data sell for a few to tens of dollars; assembling a profile ' +
      'and passing onboarding takes about half an hour of work spread over a day.',
    baseSuccess: 0.6,
    atlas: ['AML.T0021', 'AML.T0015'],
    evidence:
      'ATLAS AML.CS0017 (bypassing ID.me identity verification, an incident) shows identity checks beaten at ' +
      'scale; the US Federal Reserve calls synthetic identity fraud the fastest-growing type of financial crime ' +
      '(Synthetic Identity Fraud in the U.S. Payment System, 2019).',
    simpleHeuristic:
      'Verify that name, identifier, date of birth and address belong together, not only that each exists.',
  },
  {
    id: 'access.account-aging',
    name: 'Account aging and warm-up',
    family: 'access-abuse',
    pack: PACK,
    summary:
      'Open accounts weeks ahead and let them build a history of small genuine-looking purchases, logins and ' +
      'profile edits, so tenure and spending-history features read as an established, good customer at cash-out.',
    requires: { write: ['account', 'live-input'], accounts: 1, knowledge: 'limited' },
    targets: {
      kinds: ['account-identity', 'feature-extraction'],
      layers: ['access', 'activity'],
      modalities: ['tabular', 'events'],
    },
    breaks: ['account age', 'tenure', 'old account', 'established', 'history', 'good customer'],
    cost: { money: 15, humanHours: 0.5, implementationHours: 8, queries: 10, timeHours: 720, detectionRisk: 0.1 },
    costNote:
      'Estimate: a month of waiting and a few small real purchases (about $15) per account; the purchases are the ' +
      'money cost, the waiting the time cost.',
    baseSuccess: 0.75,
    atlas: ['AML.T0021', 'AML.T0012', 'AML.T0015'],
    evidence:
      'RG §III-A: the ACCESS layer asks whether an entity obtained its write permission legitimately; aged ' +
      'accounts are how abusers answer yes.',
    simpleHeuristic: 'Weigh what the history consists of (a few tiny purchases, then one large one), not its length.',
  },
  {
    id: 'input.identity-detail-jigging',
    name: 'Identity-detail jigging',
    family: 'input-transformation',
    pack: PACK,
    summary:
      'Write the same name, address, e-mail or phone in many forms (Apt/Flat, a trailing letter, dots and plus ' +
      'tags in the mailbox, swapped name order) so exact-match linking and per-entity counts see different people.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'activity-monitor', 'account-identity'],
      layers: ['access', 'activity'],
      modalities: ['tabular'],
    },
    breaks: ['same address', 'same person', 'per customer', 'per address', 'linked', 'exact match'],
    cost: { money: 0, humanHours: 0.02, implementationHours: 1, queries: 1, timeHours: 0.1, detectionRisk: 0.1 },
    costNote: 'Estimate: a variant per order takes seconds by hand or a one-hour script; no purchase is needed.',
    baseSuccess: 0.5,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Address and e-mail variation to defeat per-customer limits is standard advice in retailer fraud write-ups; ' +
      'the success prior is an estimate.',
    simpleHeuristic: 'Normalise addresses, e-mails and names before linking and counting.',
  },
  {
    id: 'activity.velocity-shaping',
    name: 'Velocity shaping under limits',
    family: 'activity-shaping',
    pack: PACK,
    summary:
      'Learn the velocity rules (transactions per card, device or address per hour or day, amount per day) from ' +
      'declines, then schedule attempts just under every limit and spread them over cards, accounts and merchants.',
    requires: { write: ['live-input'], read: ['decision', 'delayed-outcome'], knowledge: 'limited' },
    targets: {
      kinds: ['activity-monitor', 'policy'],
      layers: ['activity', 'application'],
      modalities: ['tabular', 'events'],
    },
    breaks: ['per hour', 'per day', 'velocity', 'limit', 'burst', 'rate'],
    cost: { money: 0, humanHours: 0.01, implementationHours: 1, queries: 2, timeHours: 1, detectionRisk: 0.1 },
    costNote:
      'Estimate: a scheduler that paces attempts under the observed limits (an hour to write); each ' +
      'attempt waits for its slot, and finding the limits costs a handful of probing declines.',
    baseSuccess: 0.8,
    atlas: ['AML.T0042', 'AML.T0015'],
    evidence:
      'RG §III-A: the ACTIVITY layer catches abusers by speed and volume; an attacker who stays under each limit ' +
      'trades time for getting past it.',
    simpleHeuristic: 'Count over linked entities and long windows, not only per card or device per hour.',
  },
  {
    id: 'activity.good-customer-mimicry',
    name: 'Feature mimicry of good customers',
    family: 'activity-shaping',
    pack: PACK,
    summary:
      'Make the fraudulent transaction look like the bulk of good ones on the features the attacker controls: ordinary ' +
      'basket and amount, billing equal to shipping, local IP and time of day, a browsing session before checkout.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: MODEL_TARGETS,
    breaks: ['typical', 'unusual', 'anomal', 'features', 'good customers', 'mismatch'],
    cost: { money: 2, humanHours: 0.1, implementationHours: 4, queries: 1, timeHours: 0.5, detectionRisk: 0.15 },
    costNote:
      'Estimate: a matching proxy and a scripted browsing session per order (cents to a few dollars) and minutes ' +
      'of manual care; the model is never queried for scores.',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Cost-aware evasion of tabular models (Kireev et al., "Adversarial Robustness for Tabular Data through ' +
      'Cost and Utility Awareness", NDSS 2023) shows attackers change only the cheap features; RG App. B-E cites ' +
      'per-feature manipulation costs (Chen et al.).',
    simpleHeuristic: 'Give weight to features the attacker cannot cheaply set (history, network links, issuer data).',
  },
  {
    id: 'automation.card-testing',
    name: 'Card testing',
    family: 'automation',
    pack: PACK,
    summary:
      'Validate stolen card numbers with many tiny authorisations or zero-amount checks from scripted checkouts, ' +
      'keeping the cards that pass; the authorisation answer comes back at card entry, each card is tried once, and ' +
      'small amounts score low in a model trained on losses.',
    requires: { write: ['live-input'], read: ['decision'], knowledge: 'zero' },
    targets: {
      kinds: ['input-source', 'activity-monitor'],
      layers: ['automation', 'activity'],
      modalities: ['tabular', 'events', 'device'],
    },
    breaks: ['small amount', 'low value', 'losses', 'each card', 'authorisation', 'authorization'],
    cost: { money: 0.05, humanHours: 0, implementationHours: 2, queries: 1, timeHours: 0.01, detectionRisk: 0.1 },
    costNote:
      'Estimate: card-testing bots are off-the-shelf; each test costs a cent-range authorisation plus a share of ' +
      'the card list’s price; the bot is rented or bought, so adapting it to a checkout takes hours, not days.',
    baseSuccess: 0.8,
    atlas: ['AML.T0042', 'AML.T0015'],
    evidence:
      'Card testing is described by the card networks and payment processors (e.g. Visa’s and Stripe’s public ' +
      'guidance on card-testing attacks) as bot-driven small authorisations; the numbers here are estimates.',
    simpleHeuristic: 'Cap authorisation attempts per session, BIN range and IP, and watch the decline ratio.',
  },
  {
    id: 'feedback.friendly-fraud',
    name: 'Friendly fraud and chargeback abuse',
    family: 'feedback-abuse',
    pack: PACK,
    summary:
      'Buy with one’s own card, receive the goods, then dispute the charge ("not received", "not authorised"); the ' +
      'issuer usually sides with the cardholder, and the merchant loses goods and money plus a fee.',
    requires: { write: ['feedback'], knowledge: 'zero' },
    targets: { kinds: ['feedback', 'policy', 'human-review'], modalities: ['tabular', 'events'] },
    breaks: ['chargeback', 'dispute', 'cardholder', 'genuine', 'first-party'],
    cost: { money: 0, humanHours: 0.5, implementationHours: 0, queries: 1, timeHours: 720, detectionRisk: 0.2 },
    costNote:
      'Estimate: filing a dispute takes half an hour; the answer comes within the card scheme’s dispute window ' +
      '(weeks), the time cost here.',
    baseSuccess: 0.5,
    atlas: ['AML.T0015'],
    evidence:
      'First-party misuse is a recurring category in the card networks’ dispute rules and in merchant surveys ' +
      '(e.g. the Merchant Risk Council’s Global Payments and Fraud reports); the success prior is an estimate.',
    simpleHeuristic: 'Keep delivery proof and order evidence, and answer disputes with it (representment).',
  },
  {
    id: 'feedback.dispute-label-manipulation',
    name: 'Label manipulation through disputes',
    family: 'feedback-abuse',
    pack: PACK,
    summary:
      'Steer the labels the model retrains on: keep one’s own fraud undisputed (small amounts on cards whose owners ' +
      'do not check) so it is learnt as good, and dispute genuine orders that look like one’s future fraud pattern ' +
      'so look-alikes of good customers become noise.',
    requires: { write: ['feedback', 'live-input'], read: ['delayed-outcome'], knowledge: 'limited' },
    targets: { kinds: ['feedback', 'training-data'], modalities: ['tabular', 'events'] },
    breaks: ['chargeback', 'dispute', 'labels', 'ground truth', 'retrain'],
    cost: { money: 20, humanHours: 1, implementationHours: 8, queries: 20, timeHours: 1440, detectionRisk: 0.15 },
    costNote:
      'Estimate: a few dozen orders and disputes over two label cycles (about two months), some of them paid for.',
    baseSuccess: 0.3,
    atlas: ['AML.T0020', 'AML.T0031'],
    evidence:
      'AIDEFEND AID-D-002.002 names fraud confirmations as delayed ground truth; labels that come from disputes ' +
      'are written by the parties to the dispute. The success prior is an estimate.',
    simpleHeuristic: 'Train on adjudicated outcomes, not raw dispute reason codes, and wait out the dispute window.',
  },
];
