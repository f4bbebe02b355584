/**
 * Access abuse: getting write permission the system trusts (RG §III-A, the ACCESS layer: most abuse comes from
 * fake or compromised accounts, plus stolen tokens). The supply-chain tactics sit here too: a poisoned dataset or
 * package is write access the pipeline grants on its own (ATLAS files supply-chain compromise under Initial Access).
 */
import type { Tactic } from '../types.js';

export const ACCESS_TACTICS: Tactic[] = [
  {
    id: 'access.fresh-accounts',
    name: 'Fresh throwaway accounts',
    family: 'access-abuse',
    summary:
      'Create new accounts in bulk and burn each one after a few actions. Works wherever a ban only costs the ' +
      'attacker one cheap account.',
    requires: { write: ['account'], accounts: 1, knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'activity-monitor'], layers: ['access'] },
    breaks: [
      'one account per',
      'new account',
      'account creation',
      'accounts are expensive',
      'real person',
      'each account is',
    ],
    cost: { money: 0.05, humanHours: 0, implementationHours: 8, queries: 1, timeHours: 0.05, detectionRisk: 0.3 },
    costNote:
      'Mail address, challenge solve and proxy come to a few cents per account once the sign-up script exists; ' +
      'phone verification raises it to tens of cents or more.',
    baseSuccess: 0.8,
    atlas: ['AML.T0021'],
    evidence: 'RG §III-A: most abuse on the Meta funnel comes from fake or compromised accounts.',
    simpleHeuristic: 'Give young accounts small quotas and stricter thresholds until they earn reputation.',
  },
  {
    id: 'access.account-warmup',
    name: 'Account warm-up',
    family: 'access-abuse',
    summary:
      'Let accounts age and act normally for days or weeks (benign posts, replies, low volume) to earn the ' +
      'reputation and quotas of a trusted user before using them for abuse.',
    requires: { write: ['account', 'live-input'], accounts: 1, knowledge: 'limited' },
    targets: { kinds: ['account-identity', 'activity-monitor'], layers: ['access', 'activity'] },
    breaks: ['account age', 'old account', 'reputation', 'history', 'trusted sender', 'established'],
    cost: { money: 0.1, humanHours: 0.2, implementationHours: 16, queries: 50, timeHours: 336, detectionRisk: 0.1 },
    costNote: 'Scripted benign activity, but two weeks of waiting per account before it pays off.',
    baseSuccess: 0.7,
    atlas: ['AML.T0021'],
    simpleHeuristic:
      'Watch for sharp behaviour changes after a quiet period, and cap the reputation any account can bank.',
  },
  {
    id: 'access.aged-account-purchase',
    name: 'Buying aged accounts',
    family: 'access-abuse',
    summary:
      'Buy old accounts with history on an underground market instead of warming them up, skipping the wait that ' +
      'young-account rules impose.',
    requires: { write: ['account'], accounts: 1, knowledge: 'zero' },
    targets: { kinds: ['account-identity'], layers: ['access'] },
    breaks: ['account age', 'old account', 'reputation', 'legitimate sender', 'established'],
    cost: { money: 5, humanHours: 0.1, implementationHours: 0, queries: 1, timeHours: 2, detectionRisk: 0.15 },
    costNote: 'Aged accounts sell for roughly one to a few tens of USD depending on platform and age.',
    baseSuccess: 0.75,
    atlas: ['AML.T0012'],
    simpleHeuristic:
      'Treat a change of device, location and recovery details on an old, dormant account as a fresh account.',
  },
  {
    id: 'access.compromised-accounts',
    name: 'Compromised accounts',
    family: 'access-abuse',
    summary:
      'Take over real users’ accounts (phished or reused passwords) and act from them. The account carries its ' +
      'owner’s reputation and social ties, so access- and activity-layer checks trust it.',
    requires: { write: ['account'], accounts: 1, knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'activity-monitor', 'input-source'], layers: ['access'] },
    breaks: ['account holder', 'legitimate user', 'written by', 'known sender', 'trusted sender', 'reputation'],
    cost: { money: 2, humanHours: 0.1, implementationHours: 8, queries: 20, timeHours: 1, detectionRisk: 0.3 },
    costNote: 'Credential lists are cheap, but only a small share works; a few USD per working account.',
    baseSuccess: 0.8,
    atlas: ['AML.T0012'],
    evidence: 'RG §III-A: fake and compromised accounts are the main source of abuse the ACCESS layer deals with.',
    simpleHeuristic: 'Check new logins against device and location history and force a reset on anomalies.',
  },
  {
    id: 'access.account-rotation',
    name: 'Account rotation',
    family: 'access-abuse',
    summary:
      'Keep a pool of accounts and switch to the next one whenever an account is limited, challenged or banned, so ' +
      'per-account limits and penalties never stop the campaign.',
    requires: { write: ['account', 'live-input'], accounts: 10, knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'activity-monitor'], layers: ['access', 'activity'] },
    breaks: ['per account', 'per sender', 'per user', 'one sender', 'banned', 'capping'],
    cost: { money: 0.5, humanHours: 0.05, implementationHours: 8, queries: 10, timeHours: 1, detectionRisk: 0.2 },
    costNote: 'Ten cheap accounts per wave; the rotation logic is a small script.',
    baseSuccess: 0.75,
    atlas: ['AML.T0021'],
    simpleHeuristic: 'Link accounts by shared signals (device, network, content, payment) and act on the cluster.',
  },
  {
    id: 'access.stolen-access-token',
    name: 'Stolen access token or API key',
    family: 'access-abuse',
    summary:
      'Use a leaked or stolen API key or session token. Login-time checks never run, and the requests carry the ' +
      'victim’s identity and quota.',
    requires: { write: ['account'], knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'input-source'], layers: ['access'] },
    breaks: ['api key', 'access token', 'session token', 'authenticated', 'key holder', 'logged in'],
    cost: { money: 1, humanHours: 0.5, implementationHours: 4, queries: 1, timeHours: 2, detectionRisk: 0.2 },
    costNote: 'Keys leak in public repositories and logs; harvesting them is scripted.',
    baseSuccess: 0.7,
    atlas: ['AML.T0091.000', 'AML.T0055', 'AML.T0012'],
    evidence: 'RG §III-A lists stolen access tokens among the ways abusers get write access.',
    simpleHeuristic: 'Short-lived, scoped tokens bound to a client; alert on use from new networks.',
  },
  {
    id: 'access.poisoned-dataset',
    name: 'Poisoned dataset or pre-trained model',
    family: 'access-abuse',
    summary:
      'Publish or tamper with a dataset or pre-trained model the victim downloads, so the victim trains on (or ' +
      'fine-tunes) attacker-chosen samples and labels without the attacker ever touching the system.',
    requires: { write: ['training-data'], knowledge: 'limited' },
    targets: { kinds: ['dependency', 'training-data', 'model'] },
    breaks: ['public dataset', 'pre-trained', 'downloaded', 'third-party data', 'trusted source', 'public model'],
    cost: { money: 0, humanHours: 8, implementationHours: 40, queries: 0, timeHours: 720, detectionRisk: 0.1 },
    costNote:
      'Building a plausible artifact and waiting for a victim to pull it takes weeks; success depends on the ' +
      'victim not pinning or vetting versions.',
    baseSuccess: 0.2,
    atlas: ['AML.T0010.002', 'AML.T0010.003', 'AML.T0019', 'AML.T0020'],
    simpleHeuristic: 'Pin artifacts by hash, vet new sources, and validate a retrained model before promotion.',
  },
  {
    id: 'access.malicious-dependency',
    name: 'Malicious software dependency',
    family: 'access-abuse',
    summary:
      'Get code into a library the pipeline installs (typosquatting, a hijacked maintainer account, a malicious ' +
      'update). The code runs inside preprocessing or training and can change features or decisions directly.',
    requires: { write: ['preprocessing'], knowledge: 'limited' },
    targets: { kinds: ['dependency', 'preprocessing', 'feature-extraction'] },
    breaks: ['pinned', 'dependencies are', 'library', 'package', 'upstream', 'third-party code'],
    cost: { money: 0, humanHours: 10, implementationHours: 60, queries: 0, timeHours: 720, detectionRisk: 0.25 },
    costNote: 'Publishing is free, but landing in a specific victim’s pipeline is slow and uncertain.',
    baseSuccess: 0.1,
    atlas: ['AML.T0010.001', 'AML.T0011.001'],
    simpleHeuristic: 'Install from a lockfile with hashes and review dependency changes like code changes.',
  },
];
