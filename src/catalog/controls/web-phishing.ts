/**
 * Controls of the web-phishing pack: see the page a victim sees, judge the host as well as the look, and follow a
 * kit across its URLs. AIDEFEND and ATLAS have little for this conventional ground; summaries say where not.
 * Defender costs are estimates for a mid-sized detection service (docs/catalog.md).
 */
import { defenderCostOf } from '../../model/cost.js';
import { aidefend } from '../aidefend.js';
import type { Control } from '../types.js';

const PACK = 'web-phishing' as const;
const NO_AIDEFEND = 'AIDEFEND 2026.06.25 has no entry for this conventional control.';
const NO_ATLAS = 'ATLAS 5.6.0 lists no mitigation for it.';

export const WEB_PHISHING_CONTROLS: Control[] = [
  {
    id: 'multi-vantage-crawling',
    name: 'Crawling from victim-like vantage points',
    pack: PACK,
    summary:
      'Fetch suspect URLs again from residential and mobile networks with ordinary browser profiles, referrers and ' +
      `cookies, and compare with the vendor crawler's view; a page that differs is cloaked. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'input-source'],
    counters: ['input.crawler-cloaking'],
    effectiveness: 0.7,
    defenderCost: defenderCostOf({ latencyMs: 1500, moneyPerMonth: 2500, implementationHours: 80 }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'brand-domain-consistency',
    name: 'Brand–domain consistency',
    pack: PACK,
    summary:
      'Compare the brand a page imitates (from logo, colours, title, form and text together) with who owns the ' +
      'domain and the hosting; a brand-like page on a domain the brand does not own is phishing however old or ' +
      `popular that domain is. ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['post-processing', 'policy', 'feature-extraction'],
    counters: ['url.fresh-lookalike-domain', 'url.free-hosting-page', 'access.compromised-website'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.003, latencyMs: 5, implementationHours: 60 }),
    aidefend: [aidefend('AID-D-007')],
    atlasMitigations: [],
  },
  {
    id: 'page-kit-fingerprinting',
    name: 'Phishing-kit fingerprinting',
    pack: PACK,
    summary:
      'Hash the DOM structure, scripts, resource names and form targets of confirmed phishing pages and match new ' +
      'pages against them, so a kit is recognised on every URL and under cosmetic changes to logo or layout. ' +
      `${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['feature-extraction', 'policy'],
    counters: [
      'activity.page-url-rotation',
      'layout.page-layout-shuffle',
      'layout.recoloured-logo',
      'layout.hidden-page-text',
    ],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({ falsePositiveRate: 0.001, latencyMs: 10, implementationHours: 80 }),
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'ct-log-monitoring',
    name: 'Certificate-transparency monitoring',
    pack: PACK,
    summary:
      'Watch certificate-transparency logs for new names that contain or imitate protected brands and queue them ' +
      `for crawling before the first victim arrives. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'monitoring',
    guards: ['feature-extraction', 'input-source'],
    counters: ['url.fresh-lookalike-domain'],
    effectiveness: 0.6,
    defenderCost: defenderCostOf({ reviewHoursPerWeek: 2, moneyPerMonth: 100, implementationHours: 24 }),
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'hosting-takedown',
    name: 'Takedown with hosts and registrars',
    pack: PACK,
    summary:
      'Report confirmed pages to the free host, the compromised site’s owner or the registrar through their abuse ' +
      'channels and track the time to takedown; it shortens a page’s life rather than blocking it. ' +
      `${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'process',
    guards: ['policy', 'human-review'],
    counters: ['url.free-hosting-page', 'access.compromised-website', 'activity.page-url-rotation'],
    effectiveness: 0.4,
    defenderCost: defenderCostOf({ reviewHoursPerWeek: 10, implementationHours: 16 }),
    aidefend: [],
    atlasMitigations: [],
  },
];
