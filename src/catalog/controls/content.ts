/**
 * Controls on the application layer's content path: make the system see what the person sees (normalised text,
 * decoded parts, rendered pages, links followed to the end). Most are cheap heuristics of the kind RG §V-B says
 * an attacker has to beat before any model matters.
 *
 * Several conventional controls here (URL reputation, redirect resolution, attachment scanning, sandboxing) have
 * no entry in AIDEFEND 2026.06.25 or ATLAS 5.6.0; their summaries say so rather than force a mapping.
 */
import { aidefend } from '../aidefend.js';
import { atlasMitigation } from '../atlas.js';
import type { Control } from '../types.js';

const NO_AIDEFEND = 'AIDEFEND 2026.06.25 has no entry for this conventional control.';
const NO_ATLAS = 'ATLAS 5.6.0 lists no mitigation for it.';

export const CONTENT_CONTROLS: Control[] = [
  {
    id: 'input-normalization',
    name: 'Input normalization',
    summary:
      'Bring inputs to one canonical form before features are computed: Unicode NFKC and case folding, removal ' +
      'of control and default-ignorable characters for text, and area-averaging resampling for images so every ' +
      'source pixel counts.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['input.confusable-characters', 'input.zero-width-characters', 'input.image-scaling'],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.0005,
      reviewHoursPerWeek: 0,
      latencyMs: 0.2,
      moneyPerMonth: 0,
      implementationHours: 8,
    },
    aidefend: [aidefend('AID-H-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'confusable-skeleton',
    name: 'Confusable skeleton and zero-width stripping',
    summary:
      'Map each word (and each domain label) to its confusable skeleton, so look-alike letters from other scripts ' +
      'collapse onto the letters they imitate, and strip zero-width characters. Words that mix scripts are ' +
      'reported as a feature of their own.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['input.confusable-characters', 'input.zero-width-characters', 'url.punycode-lookalike'],
    effectiveness: 0.9,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 0.5,
      moneyPerMonth: 0,
      implementationHours: 16,
    },
    aidefend: [aidefend('AID-H-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'hidden-text-stripping',
    name: 'Rendered-text extraction',
    summary:
      'Extract text the way a renderer lays it out: drop elements the reader cannot see (hidden, zero-size, ' +
      'same colour as the background, off-screen), drop comments, and join inline fragments into words. Hidden ' +
      'text becomes a signal instead of input.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['layout.hidden-good-words', 'layout.html-comment-word-split'],
    effectiveness: 0.85,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 3,
      moneyPerMonth: 0,
      implementationHours: 24,
    },
    aidefend: [aidefend('AID-H-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'nested-encoding-decoding',
    name: 'Nested encoding decoding',
    summary:
      'Decode transfer encodings, charsets, nested message parts and long encoded strings (including attribute ' +
      'values) recursively up to a fixed depth, and score the decoded content. Unusual depth is itself suspicious.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['layout.mime-reencoding', 'input.encode-decode-on-load', 'input.payload-in-markup-attribute'],
    effectiveness: 0.8,
    defenderCost: {
      falsePositiveRate: 0.0005,
      reviewHoursPerWeek: 0,
      latencyMs: 2,
      moneyPerMonth: 0,
      implementationHours: 16,
    },
    aidefend: [aidefend('AID-H-002.002')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
    simple: true,
  },
  {
    id: 'multipart-consistency-check',
    name: 'Multipart consistency check',
    summary:
      'Score every alternative body part, not just one, and compare them; a plain-text part that disagrees with ' +
      'its HTML twin is a signal.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['layout.multipart-alternative-mismatch'],
    effectiveness: 0.85,
    defenderCost: {
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 0,
      latencyMs: 2,
      moneyPerMonth: 0,
      implementationHours: 16,
    },
    aidefend: [aidefend('AID-D-007')],
    atlasMitigations: [atlasMitigation('AML.M0015')],
    simple: true,
  },
  {
    id: 'render-based-analysis',
    name: 'Render-based analysis',
    summary:
      'Render the message or page in a sandboxed browser, take a screenshot, read it with OCR and decode QR ' +
      'codes, and analyse what a person would see next to the source. Text that exists only as pixels, or only in ' +
      'the source, stops being invisible to the system.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: [
      'layout.text-as-image',
      'layout.css-injected-text',
      'layout.form-as-image',
      'layout.hidden-good-words',
      'layout.qr-code-link',
      'layout.benign-template-wrapping',
      'input.encode-decode-on-load',
      'url.trusted-host-abuse',
    ],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0.003,
      reviewHoursPerWeek: 1,
      latencyMs: 1500,
      moneyPerMonth: 1500,
      implementationHours: 160,
    },
    aidefend: [aidefend('AID-H-002.003'), aidefend('AID-D-007')],
    atlasMitigations: [atlasMitigation('AML.M0009')],
  },
  {
    id: 'interpreted-dom-analysis',
    name: 'Interpreted-DOM analysis',
    pack: 'web-phishing',
    summary:
      'Let the page’s scripts run in a sandbox and extract features from the resulting DOM instead of the static ' +
      'HTML, so content written at load time is seen. This is the answer MLSEC 2022 gave to the 2021 ' +
      'encode-and-decode winners.',
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: [
      'input.encode-decode-on-load',
      'input.payload-in-markup-attribute',
      'layout.benign-template-wrapping',
      'layout.hidden-page-text',
    ],
    effectiveness: 0.8,
    defenderCost: {
      falsePositiveRate: 0.002,
      reviewHoursPerWeek: 0,
      latencyMs: 2000,
      moneyPerMonth: 1000,
      implementationHours: 120,
    },
    aidefend: [aidefend('AID-D-001')],
    atlasMitigations: [atlasMitigation('AML.M0010')],
  },
  {
    id: 'credential-form-detection',
    name: 'Brand-independent credential-form detection',
    pack: 'web-phishing',
    summary:
      'Detect pages that collect credentials from structure rather than branding: password inputs, where the form ' +
      'posts, number of forms, and fuzzy-matched login words. A brand-free login page on an unknown domain is ' +
      `suspicious on its own. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['feature-extraction', 'model'],
    counters: [
      'layout.stacked-forms',
      'layout.login-obfuscation',
      'layout.form-as-image',
      'layout.brand-name-removal',
      'layout.page-brand-name-removal',
      'layout.page-layout-shuffle',
      'layout.no-visual-logo',
    ],
    effectiveness: 0.65,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 1,
      latencyMs: 30,
      moneyPerMonth: 0,
      implementationHours: 80,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'url-reputation',
    name: 'URL and domain reputation',
    summary:
      'Score every link by its registrable domain’s age and reputation and by the full URL (path included), ' +
      `and treat IP-literal hosts as high risk. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['feature-extraction', 'policy'],
    counters: ['url.combosquatting', 'url.numeric-ip', 'url.trusted-host-abuse', 'url.subdomain-tricks'],
    effectiveness: 0.6,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 20,
      moneyPerMonth: 500,
      implementationHours: 24,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'redirect-resolution',
    name: 'Redirect resolution',
    summary:
      'Follow shorteners and redirects to the final page at scan time, from a vantage point that looks like a ' +
      `victim, and judge where the link ends, not where it starts. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['url.redirect-chain', 'url.trusted-host-abuse', 'layout.qr-code-link'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 800,
      moneyPerMonth: 100,
      implementationHours: 40,
    },
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'lookalike-domain-detection',
    name: 'Look-alike domain detection',
    summary:
      'Compare each registrable domain with the protected brands after punycode decoding and confusable ' +
      'skeletons, by edit distance and by brand tokens in the name or subdomains. ' +
      `${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['feature-extraction'],
    counters: ['url.punycode-lookalike', 'url.combosquatting', 'url.subdomain-tricks'],
    effectiveness: 0.75,
    defenderCost: {
      falsePositiveRate: 0.002,
      reviewHoursPerWeek: 1,
      latencyMs: 1,
      moneyPerMonth: 0,
      implementationHours: 40,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'attachment-scanning',
    name: 'Attachment content extraction',
    summary:
      'Open attachments (PDF, HTML, office files, images) and feed their text, links and QR codes through the ' +
      `same checks as the message body. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['preprocessing'],
    counters: ['layout.link-in-attachment', 'layout.qr-code-link'],
    effectiveness: 0.75,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 500,
      moneyPerMonth: 300,
      implementationHours: 80,
    },
    aidefend: [],
    atlasMitigations: [],
  },
  {
    id: 'robust-image-hashing',
    name: 'Robust image hashing',
    summary:
      'Match images against known-bad ones with several perceptual hashes and a distance tolerance, after ' +
      `trimming borders, instead of exact hashes. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['input.perceptual-hash-jitter'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0.001,
      reviewHoursPerWeek: 0,
      latencyMs: 10,
      moneyPerMonth: 0,
      implementationHours: 24,
    },
    aidefend: [],
    atlasMitigations: [],
    simple: true,
  },
  {
    id: 'behavioral-sandboxing',
    name: 'Behavioural sandboxing',
    summary:
      'Execute samples in an instrumented sandbox and score what they unpack, drop and do, not only the outer ' +
      `file. ${NO_AIDEFEND} ${NO_ATLAS}`,
    category: 'system',
    layer: 'application',
    guards: ['preprocessing', 'feature-extraction'],
    counters: ['input.benign-carrier-embedding'],
    effectiveness: 0.7,
    defenderCost: {
      falsePositiveRate: 0.005,
      reviewHoursPerWeek: 2,
      latencyMs: 120000,
      moneyPerMonth: 3000,
      implementationHours: 80,
    },
    aidefend: [],
    atlasMitigations: [],
  },
];
