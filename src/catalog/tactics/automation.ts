/**
 * Automation: making scripted actions pass the AUTOMATION layer (RG §III-A), the funnel's first and broadest
 * layer. ATLAS 5.6.0 has no technique for anti-bot evasion, so only account creation is mapped (AML.T0021) where
 * that is what the automation serves.
 */
import type { Tactic } from '../types.js';

export const AUTOMATION_TACTICS: Tactic[] = [
  {
    id: 'automation.captcha-solving-service',
    name: 'Challenge-solving service',
    family: 'automation',
    summary:
      'Forward every CAPTCHA or sign-up challenge to a paid solving service (human workers or solver models) ' +
      'through an API. The challenge still costs something, but cents per thousand, not a person per account.',
    requires: { write: ['account'], knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'input-source'], layers: ['automation'] },
    breaks: [
      'captcha',
      'challenge',
      'human solving',
      'humans solve',
      'solved by a human',
      'mass-produce',
      'bots cannot',
    ],
    cost: { money: 0.003, humanHours: 0, implementationHours: 2, queries: 1, timeHours: 0.01, detectionRisk: 0.05 },
    costNote: 'Solving services advertise about 1-3 USD per thousand solves; integration is a documented API call.',
    baseSuccess: 0.9,
    atlas: ['AML.T0021'],
    simpleHeuristic: 'Score the session around the challenge (fingerprint, timing, network), not only the answer.',
  },
  {
    id: 'automation.headless-scripting',
    name: 'Headless browser scripting',
    family: 'automation',
    summary:
      'Drive sign-up, posting or queries through a scripted real browser with a spoofed, varied fingerprint, so ' +
      'checks that look for missing browser features or non-human request patterns pass.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: { kinds: ['input-source', 'account-identity', 'activity-monitor'], layers: ['automation'] },
    breaks: ['browser', 'interactive', 'manual', 'typed by', 'human user', 'by hand'],
    cost: { money: 0.001, humanHours: 0, implementationHours: 24, queries: 1, timeHours: 0.01, detectionRisk: 0.15 },
    costNote: 'Open-source automation frameworks and stealth plugins; a few days to make a flow robust.',
    baseSuccess: 0.7,
    atlas: ['AML.T0047'],
    evidence: 'RG §III-A: the automation layer exists because cheap abuse needs volume, which needs scripts.',
    simpleHeuristic: 'Fingerprint consistency checks plus per-session rate limits.',
  },
  {
    id: 'automation.residential-proxies',
    name: 'Residential proxy rotation',
    family: 'automation',
    summary:
      'Route traffic through rented residential or mobile IP addresses, changing address per action, so per-IP ' +
      'limits and data-centre blocklists see many ordinary home users.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: { kinds: ['input-source', 'activity-monitor', 'account-identity'], layers: ['automation', 'access'] },
    breaks: ['ip address', 'per ip', 'one ip', 'ip reputation', 'network address', 'data centre', 'data center'],
    cost: { money: 0.01, humanHours: 0, implementationHours: 2, queries: 1, timeHours: 0.01, detectionRisk: 0.05 },
    costNote: 'Residential bandwidth costs a few USD per GB; a request or sign-up uses well under a megabyte.',
    baseSuccess: 0.85,
    atlas: [],
    simpleHeuristic: 'Key limits on accounts, devices and content clusters rather than IP addresses alone.',
  },
  {
    id: 'automation.human-click-farm',
    name: 'Paid human labour',
    family: 'automation',
    summary:
      'Pay low-wage workers to do the steps bots fail at (sign-ups, phone checks, first posts). The actions are ' +
      'genuinely human, so automation detection has nothing to find, at a higher price per action.',
    requires: { write: ['account', 'live-input'], knowledge: 'zero' },
    targets: { kinds: ['account-identity', 'input-source'], layers: ['automation', 'access'] },
    breaks: ['mass-produce', 'real person', 'not a bot', 'humans are expensive', 'bots'],
    cost: { money: 0.1, humanHours: 0.02, implementationHours: 0, queries: 1, timeHours: 1, detectionRisk: 0.1 },
    costNote: 'Crowd-work and farm rates of a few cents to tens of cents per task; slower than scripts.',
    baseSuccess: 0.9,
    atlas: ['AML.T0021'],
    simpleHeuristic: 'Look at what accounts do after creation: farm accounts behave alike and are handed over in bulk.',
  },
];
