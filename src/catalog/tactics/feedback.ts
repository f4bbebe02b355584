/**
 * Feedback-loop abuse: the attacker writes into data the system later learns from or trusts (user reports,
 * engagement, public training sources). RG Position 1 asks threat models to account for the components that
 * collect training data; these tactics are why.
 */
import type { Tactic } from '../types.js';

export const FEEDBACK_TACTICS: Tactic[] = [
  {
    id: 'feedback.mass-not-spam',
    name: 'Mass "not spam" feedback',
    family: 'feedback-abuse',
    summary:
      'Deliver the campaign to inboxes the attacker controls and mark it "not spam" from each. If reports become ' +
      'training labels or reputation, the next model or score lets the campaign through for everyone.',
    requires: { write: ['feedback'], read: ['delayed-outcome'], accounts: 50, knowledge: 'limited' },
    targets: { kinds: ['feedback', 'training-data', 'account-identity'] },
    breaks: ['report honestly', 'reports are honest', 'not spam', 'user reports', 'labels from', 'clean enough'],
    cost: { money: 2.5, humanHours: 0.5, implementationHours: 16, queries: 50, timeHours: 168, detectionRisk: 0.2 },
    costNote:
      'Fifty recipient accounts at a few cents each, a script to click the button, and a week until retraining ' +
      'shows whether it worked.',
    baseSuccess: 0.4,
    atlas: ['AML.T0020', 'AML.T0031'],
    simpleHeuristic:
      'Cap reports per account, weigh them by reporter age and reputation, and sample-review before training.',
  },
  {
    id: 'feedback.label-flipping-reports',
    name: 'Coordinated false reports',
    family: 'feedback-abuse',
    summary:
      'Report benign content (a rival, a critic, a legitimate sender) as spam or abuse from many accounts, to ' +
      'get it removed or to flip training labels so similar benign content is blocked.',
    requires: { write: ['feedback'], read: ['delayed-outcome'], accounts: 50, knowledge: 'limited' },
    targets: { kinds: ['feedback', 'training-data', 'policy'] },
    breaks: ['report honestly', 'reports are honest', 'user reports', 'reports are independent', 'labels from'],
    cost: { money: 2.5, humanHours: 0.5, implementationHours: 8, queries: 50, timeHours: 168, detectionRisk: 0.2 },
    costNote: 'The same account pool and script as mass "not spam", pointed the other way.',
    baseSuccess: 0.35,
    atlas: ['AML.T0020', 'AML.T0031'],
    simpleHeuristic: 'Require independent reporters (no shared signals) and human review before takedowns.',
  },
  {
    id: 'feedback.engagement-inflation',
    name: 'Engagement inflation',
    family: 'feedback-abuse',
    summary:
      'Have controlled accounts open, reply to, forward or rescue the attacker’s messages so engagement-based ' +
      'sender reputation rises.',
    requires: { write: ['feedback', 'account'], accounts: 20, knowledge: 'limited' },
    targets: { kinds: ['feedback', 'account-identity'], layers: ['access'] },
    breaks: ['engagement', 'replies', 'opened', 'recipients want', 'reputation'],
    cost: { money: 1, humanHours: 0.2, implementationHours: 16, queries: 40, timeHours: 72, detectionRisk: 0.15 },
    costNote: 'A pool of recipient accounts that interact on a schedule; days before reputation moves.',
    baseSuccess: 0.45,
    atlas: ['AML.T0031'],
    simpleHeuristic: 'Count engagement only from independent, established recipients.',
  },
  {
    id: 'feedback.public-source-poisoning',
    name: 'Poisoning a public data source',
    family: 'feedback-abuse',
    summary:
      'Plant crafted samples where the defender collects training data (public corpora, scraped pages, spam traps ' +
      'fed by the attacker) so the next training run learns the attacker’s content as benign or a backdoor.',
    requires: { write: ['training-data'], knowledge: 'limited' },
    targets: { kinds: ['training-data', 'dependency'] },
    breaks: ['public corpus', 'scraped', 'collected from', 'training data is', 'clean data', 'trusted data'],
    cost: { money: 10, humanHours: 4, implementationHours: 24, queries: 0, timeHours: 720, detectionRisk: 0.1 },
    costNote:
      'Hosting or contributing content is cheap; the uncertainty is whether and when it is collected and how much ' +
      'of the training set it becomes.',
    baseSuccess: 0.25,
    atlas: ['AML.T0020', 'AML.T0019', 'AML.T0010.002', 'AML.T0059'],
    simpleHeuristic:
      'Record where every training sample came from, vet new sources, and compare each retrained model with the last.',
  },
];
