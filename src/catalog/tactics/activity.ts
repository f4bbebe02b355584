/**
 * Activity shaping: abusers must behave differently from normal users in volume, speed, action mix and social
 * graph (RG §III-A, the ACTIVITY layer). These tactics narrow that difference, usually by trading profit per hour
 * for stealth, or turn the defender's own review capacity against it.
 */
import type { Tactic } from '../types.js';

export const ACTIVITY_TACTICS: Tactic[] = [
  {
    id: 'activity.low-and-slow',
    name: 'Low-and-slow pacing',
    family: 'activity-shaping',
    summary:
      'Stay under every rate and burst threshold: few actions per account per hour, spread over days, at human ' +
      'times of day. Rate-based detectors see normal users; the attacker pays in time.',
    requires: { write: ['live-input'], read: ['decision', 'delayed-outcome'], knowledge: 'limited' },
    targets: { kinds: ['activity-monitor', 'policy'], layers: ['activity'] },
    breaks: ['volume', 'per hour', 'burst', 'speed', 'rate limit', 'profitable at', 'at scale'],
    cost: { money: 0, humanHours: 0, implementationHours: 4, queries: 1, timeHours: 2, detectionRisk: 0.05 },
    costNote:
      'A scheduler is trivial; the price is throughput, which RG App. A-G1 says rational spammers rarely accept.',
    baseSuccess: 0.85,
    atlas: ['AML.T0015'],
    evidence:
      'RG App. A-G1: low-volume mimics are rare because most spammers are economically rational; missing them ' +
      'at the activity layer is acceptable when the application layer may still catch them.',
    simpleHeuristic: 'Aggregate over long windows and across accounts that share content or infrastructure.',
  },
  {
    id: 'activity.template-variation',
    name: 'Template variation',
    family: 'activity-shaping',
    summary:
      'Generate a different version of the message for each recipient (synonym spinning, reordered sentences, ' +
      'random tokens, per-recipient images) so near-duplicate and bulk detectors see unrelated messages.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: { kinds: ['activity-monitor', 'feature-extraction'], layers: ['activity', 'application'] },
    breaks: ['template', 'near-duplicate', 'same message', 'identical', 'one campaign'],
    cost: { money: 0, humanHours: 0.01, implementationHours: 8, queries: 1, timeHours: 0.1, detectionRisk: 0.1 },
    costNote: 'Spinning tools are sold with bulk-mail kits; text generators make it cheaper still.',
    baseSuccess: 0.65,
    atlas: ['AML.T0043', 'AML.T0015'],
    simpleHeuristic: 'Cluster on features spinning keeps (URLs, structure, rare shingles) across senders.',
  },
  {
    id: 'activity.sender-fanout',
    name: 'Fan-out across senders',
    family: 'activity-shaping',
    summary:
      'Send one campaign from many accounts at once, each sending only a handful of messages, so per-sender ' +
      'counts and near-duplicate windows never fill up.',
    requires: { write: ['live-input', 'account'], accounts: 20, knowledge: 'limited' },
    targets: { kinds: ['activity-monitor'], layers: ['activity'] },
    breaks: ['one sender', 'per sender', 'per account', 'single account', 'same sender'],
    cost: { money: 1, humanHours: 0.05, implementationHours: 8, queries: 20, timeHours: 1, detectionRisk: 0.15 },
    costNote: 'Twenty cheap accounts per wave; the sending code is the same as for one account.',
    baseSuccess: 0.7,
    atlas: ['AML.T0021', 'AML.T0015'],
    simpleHeuristic: 'Count near-duplicates across all senders, not per sender.',
  },
  {
    id: 'activity.benign-activity-mimicry',
    name: 'Mimicking normal activity',
    family: 'activity-shaping',
    summary:
      'Mix abusive actions with ordinary ones (reading, replying, following, benign posts) and connect accounts ' +
      'to real people, so the action mix and social-graph use look like a normal user’s.',
    requires: { write: ['live-input', 'account'], knowledge: 'limited' },
    targets: { kinds: ['activity-monitor'], layers: ['activity'] },
    breaks: ['behave differently', 'action distribution', 'normal users', 'social graph', 'mix of actions'],
    cost: { money: 0.05, humanHours: 0.1, implementationHours: 24, queries: 20, timeHours: 24, detectionRisk: 0.1 },
    costNote: 'Needs a model of normal behaviour and many extra actions per abusive one.',
    baseSuccess: 0.6,
    atlas: ['AML.T0015'],
    evidence: 'RG §III-A: the activity layer separates abusers by social-graph use, action distribution and speed.',
    simpleHeuristic: 'Weigh signals that are costly to fake, such as ties to established accounts.',
  },
  {
    id: 'activity.review-queue-flooding',
    name: 'Flooding the review queue',
    family: 'activity-shaping',
    summary:
      'Send many borderline items that land in the human-review band. Analysts fall behind, and whatever the ' +
      'system does with overflow (deliver unreviewed, auto-decide) becomes the attacker’s path.',
    requires: { write: ['live-input'], accounts: 5, knowledge: 'limited' },
    targets: { kinds: ['human-review', 'policy'], layers: ['application'] },
    breaks: ['review band', 'capacity', 'small share', 'review queue', 'analysts can'],
    cost: { money: 0.2, humanHours: 0.1, implementationHours: 8, queries: 200, timeHours: 4, detectionRisk: 0.2 },
    costNote: 'Hundreds of cheap borderline messages per attempt; finding the band needs some trial and error.',
    baseSuccess: 0.5,
    atlas: ['AML.T0046'],
    evidence:
      'RG §III-B: the commercial phishing system sent 9,174 uncertain inputs in one month to manual triage, so ' +
      'review capacity is a real limit.',
    simpleHeuristic: 'Alert on review-band share and backlog; never let overflow default to "allow".',
  },
];
