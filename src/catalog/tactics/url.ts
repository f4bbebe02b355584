/**
 * Link tricks (layout family, `url.` prefix): the address is laid out so people follow it and URL checks do not
 * stop it. They target URL feature extractors, URL classifiers and reputation look-ups.
 */
import type { Tactic, TacticTargets } from '../types.js';

const URL_TARGETS: TacticTargets = {
  kinds: ['preprocessing', 'feature-extraction', 'model', 'policy'],
  layers: ['application'],
  modalities: ['url', 'email', 'html'],
};
const URL_ATLAS = ['AML.T0043.003', 'AML.T0015', 'AML.T0052'];

export const URL_TACTICS: Tactic[] = [
  {
    id: 'url.redirect-chain',
    name: 'Redirect chain',
    family: 'layout',
    summary:
      'Link to a reputable redirector, shortener or compromised page that forwards (possibly only for some ' +
      'visitors) to the harmful page. A check that judges the first address sees a clean domain.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: URL_TARGETS,
    breaks: [
      'final destination',
      'the link points',
      'link domain',
      'first url',
      'url reputation',
      'domain of the link',
    ],
    cost: { money: 0.01, humanHours: 0.02, implementationHours: 4, queries: 1, timeHours: 0.5, detectionRisk: 0.15 },
    costNote: 'Shorteners and open redirects are free or a few cents per link; cloaking scripts are sold ready-made.',
    baseSuccess: 0.6,
    atlas: URL_ATLAS,
    simpleHeuristic: 'Follow redirects at scan time (and again at click time) and judge the final page.',
  },
  {
    id: 'url.punycode-lookalike',
    name: 'Internationalised look-alike domain',
    family: 'layout',
    summary:
      'Register a domain whose Unicode form looks like the brand (Cyrillic letters in "paypal"); it is stored ' +
      'as an xn-- name, so string checks against the brand fail while the browser may display the look-alike.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: URL_TARGETS,
    breaks: ['domain', 'punycode', 'internationali', 'lookalike', 'look-alike', 'homoglyph'],
    cost: { money: 12, humanHours: 0.2, implementationHours: 1, queries: 1, timeHours: 24, detectionRisk: 0.2 },
    costNote: 'One domain registration (about 10-15 USD) per campaign, plus a day of DNS and certificate set-up.',
    baseSuccess: 0.5,
    atlas: URL_ATLAS,
    simpleHeuristic: 'Decode punycode, take the confusable skeleton and compare it with protected brand domains.',
  },
  {
    id: 'url.combosquatting',
    name: 'Combosquatting',
    family: 'layout',
    summary:
      'Register the brand plus a word ("brand-secure-login.com", "brand-support.net"). No character is faked, ' +
      'so typo and homoglyph checks pass, and the brand token makes the link look official.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: URL_TARGETS,
    breaks: ['domain', 'typo', 'brand name in', 'known domains'],
    cost: { money: 12, humanHours: 0.1, implementationHours: 1, queries: 1, timeHours: 24, detectionRisk: 0.25 },
    costNote: 'A cheap registration per campaign; domain generation is scripted.',
    baseSuccess: 0.5,
    atlas: URL_ATLAS,
    simpleHeuristic: 'Flag young domains that contain a protected brand token but are not owned by the brand.',
  },
  {
    id: 'url.subdomain-tricks',
    name: 'Brand in subdomain or path',
    family: 'layout',
    summary:
      'Put the brand domain at the start of a long host name ("brand.com.account-check.example") or in the path, ' +
      'or use "@" and long padding, so people and naive substring checks see the brand.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: URL_TARGETS,
    breaks: ['contains the brand', 'host name', 'hostname', 'substring', 'domain'],
    cost: { money: 5, humanHours: 0.05, implementationHours: 1, queries: 1, timeHours: 2, detectionRisk: 0.25 },
    costNote: 'Any domain the attacker controls (or a free subdomain service) will do.',
    baseSuccess: 0.45,
    atlas: URL_ATLAS,
    simpleHeuristic:
      'Extract the registrable domain with the public suffix list and judge that, never the full string.',
  },
  {
    id: 'url.numeric-ip',
    name: 'Numeric IP host',
    family: 'layout',
    summary:
      'Use a bare IP address, or an IP written in decimal, octal or hex, as the host. Domain-based reputation ' +
      'and brand checks have nothing to look up.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: URL_TARGETS,
    breaks: ['domain', 'host name', 'hostname', 'dns', 'domain reputation'],
    cost: { money: 5, humanHours: 0.02, implementationHours: 0.5, queries: 1, timeHours: 1, detectionRisk: 0.35 },
    costNote: 'A rented server; the trick itself is free but stands out to anyone who looks.',
    baseSuccess: 0.35,
    atlas: URL_ATLAS,
    simpleHeuristic: 'Treat links whose host is an IP literal (in any notation) as high risk.',
  },
  {
    id: 'url.trusted-host-abuse',
    name: 'Hosting on a trusted service',
    family: 'layout',
    summary:
      'Host the harmful page on a reputable cloud, form-builder, file-sharing or site-builder service. The domain ' +
      'cannot be blocked without blocking everyone, so domain reputation says "good".',
    requires: { write: ['live-input', 'account'], knowledge: 'zero', accounts: 1 },
    targets: URL_TARGETS,
    breaks: ['domain reputation', 'trusted domain', 'reputable', 'allowlist', 'known good'],
    cost: { money: 0, humanHours: 0.2, implementationHours: 1, queries: 1, timeHours: 1, detectionRisk: 0.2 },
    costNote: 'Free tiers suffice; each takedown costs a new free account.',
    baseSuccess: 0.6,
    atlas: [...URL_ATLAS, 'AML.T0021'],
    simpleHeuristic: 'Judge the page content and the full URL path, not only the host’s reputation.',
  },
];
