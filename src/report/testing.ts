/**
 * Test fixtures for the report renderers: the mail-filter example analysed, a hostile model whose every free-text
 * field carries an injection payload, a hostile analysis document (ids too, which the model loader would reject),
 * and sample economics / campaign / suite / monitor documents.
 */
import { resolve } from 'node:path';
import { analyze } from '../analysis/analyze.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import type { AnalysisResult } from '../analysis/result.js';
import { type LoadedModel, loadModel } from '../model/loader.js';

export const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '</title></svg></script><script>alert(2)</script>',
  '{{constructor.constructor("alert(3)")()}}',
  '\u202Eevil\u202C [x](javascript:alert(1)) ![i](https://example.invalid/x.png) @everyone',
] as const;

/** One string holding every payload. */
export const EVIL = PAYLOADS.join(' ');

export const MAIL_FILTER = resolve(import.meta.dirname, '../../examples/mail-filter/system.yaml');

export function mailFilter(today = '2026-01-01'): { loaded: LoadedModel; result: AnalysisResult } {
  const loaded = loadModel(MAIL_FILTER);
  return { loaded, result: analyze(loaded, { catalog: builtinCatalog(), today }) };
}

const q = (s: string) => JSON.stringify(s);

/** A valid model whose names, descriptions, assumptions, flow data, boundary names and triage texts are hostile. */
export function hostileModelYaml(): string {
  const e = q(EVIL);
  return `nograd: 1
system:
  id: evil-system
  name: ${e}
  description: ${e}
  owner: ${e}
components:
  - id: inbox
    name: ${e}
    kind: input-source
    layer: automation
    description: ${e}
    assumptions:
      - { id: a1, text: ${e}, reason: ${e}, evidence: ${q('javascript:alert(1)')} }
  - id: parser
    name: ${q('<img src=x onerror=alert(1)>')}
    kind: preprocessing
    layer: application
    modality: html
    description: ${e}
    assumptions:
      - { id: a2, text: ${e} }
    controls: [ctl]
  - id: model
    name: ${q('"><svg onload=alert(1)>')}
    kind: model
    layer: application
    paradigm: shallow
    modality: text
    outputs:
      - { name: ${e}, kind: score, visibleTo: [operator] }
  - id: policy
    name: ${q('<script>alert(1)</script>')}
    kind: policy
    layer: application
    properties: { threshold: 0.5, note: ${e} }
  - id: feedback
    name: ${e}
    kind: feedback
flows:
  - { from: inbox, to: parser, kind: live, data: ${e} }
  - { from: parser, to: model, kind: live, data: ${e} }
  - { from: model, to: policy, kind: live }
  - { from: policy, to: feedback, kind: live }
  - { from: feedback, to: model, kind: feedback, data: ${e} }
trustBoundaries:
  - { id: tb, name: ${e}, description: ${e}, components: [parser, model, policy] }
controls:
  - id: ctl
    name: ${e}
    on: [parser]
    status: planned
    effectiveness: 0.5
    description: ${e}
attackers:
  - id: mallory
    name: ${e}
    goal: evade
    target: policy
    description: ${e}
    strategy: ${e}
    access:
      - { component: inbox, knowledge: perfect, read: [decision], write: [live-input], notes: ${e} }
      - { component: parser, knowledge: perfect, read: [none], write: [live-input] }
      - { component: feedback, knowledge: perfect, read: [none], write: [feedback] }
      - { component: policy, knowledge: limited, read: [delayed-outcome], write: [none] }
`;
}

/** Put a payload in every string of a JSON value (ids, names, messages, file paths…), recursively. */
export function poison<T>(value: T, payload = EVIL): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') {
      // Keep enums parseable: severities, statuses, goals, kinds, versions are left alone.
      if (['severity', 'status', 'goal', 'source', 'name', 'kind'].includes(key) && /^[a-z-]+$/.test(v)) return v;
      if (key === 'schemaVersion') return v;
      return `${v}${payload}`;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    }
    return v;
  };
  return walk(value, '') as T;
}

export function sampleEconomics(): Record<string, unknown> {
  const cost = (money: number, h: number, q: number) => ({
    money,
    humanHours: h,
    implementationHours: h / 2,
    queries: q,
    timeHours: h * 3,
    detectionRisk: 0.1,
  });
  const p1 = {
    id: 'p1',
    attacker: 'spammer',
    steps: [
      { component: 'signup-challenge', tactic: 'automation.captcha-solving-service' },
      { component: 'rate-limiter', tactic: 'activity.account-rotation' },
      { component: 'text-normalizer', tactic: 'input.confusable-characters' },
      { component: 'threshold-policy', tactic: 'input.confusable-characters' },
    ],
    cost: cost(12, 3, 500),
    weightedCost: 190,
    successProbability: 0.42,
  };
  const p2 = { ...p1, id: 'p2', cost: cost(40, 1, 200), weightedCost: 210 };
  const p3 = {
    id: 'p3',
    attacker: 'feedback-poisoner',
    steps: [
      { component: 'sender-accounts', tactic: 'access.aged-account-purchase' },
      { component: 'user-feedback', tactic: 'feedback.mass-not-spam' },
      { component: 'retraining', tactic: 'feedback.mass-not-spam' },
    ],
    cost: cost(150, 10, 3000),
    weightedCost: 900,
    successProbability: 0.3,
  };
  return {
    weights: { money: 1, humanHours: 50, implementationHours: 50, queries: 0.001, timeHours: 1, detectionRisk: 500 },
    cheapest: [p1, p3],
    paths: [p1, p2, p3],
    pareto: [
      { attacker: 'spammer', paths: [p1, p2] },
      { attacker: 'feedback-poisoner', paths: [p3] },
    ],
    simulation: [
      {
        attacker: 'spammer',
        metric: 'money',
        unit: 'USD',
        samples: Array.from({ length: 400 }, (_, i) => 5 + ((i * 37) % 60) + (i % 7)),
        successRate: 0.83,
        p50: 35,
        p90: 58,
        budget: 500,
      },
    ],
    recommendations: [
      {
        control: 'confusable-skeleton',
        name: 'Confusable skeleton and zero-width stripping',
        components: ['text-normalizer'],
        attackerCostBefore: 190,
        attackerCostAfter: 610,
        attackerCostIncrease: 420,
        defenderCost: 900,
        falsePositiveRate: 0.001,
        why: 'breaks the cheapest spammer path',
      },
      {
        control: 'feedback-rate-limit',
        name: 'Feedback rate limits',
        components: ['user-feedback'],
        attackerCostIncrease: 300,
        defenderCost: 1200,
      },
    ],
    calibration: [
      { label: 'input.confusable-characters @ text-normalizer', metric: 'success', predicted: 0.7, measured: 0.64, low: 0.58, high: 0.7 },
      { label: 'input.zero-width-characters @ text-normalizer', metric: 'success', predicted: 0.7, measured: 0.81, low: 0.75, high: 0.86 },
      { label: 'layout.html-comment-word-split @ html-to-text', metric: 'success', predicted: 0.65, measured: 0.4, low: 0.33, high: 0.47 },
    ],
  };
}

export function sampleCampaign(): Record<string, unknown> {
  return {
    name: 'mail-filter-baseline',
    target: 'reference',
    seed: 7,
    tactics: [
      { tactic: 'input.confusable-characters', attempts: 200, successes: 128, evasionRate: 0.64, ci: [0.57, 0.7], costPerSuccess: 3.1, costUnit: 'queries' },
      { tactic: 'input.zero-width-characters', attempts: 200, successes: 162, evasionRate: 0.81, ci: [0.75, 0.86], costPerSuccess: 1.2, costUnit: 'queries' },
      { tactic: 'layout.html-comment-word-split', attempts: 200, successes: 80, evasionRate: 0.4, ci: [0.33, 0.47], costPerSuccess: 7.5, costUnit: 'queries' },
      { chain: ['input.zero-width-characters', 'layout.hidden-good-words'], attempts: 100, successes: 92, evasionRate: 0.92, ci: [0.85, 0.96], costPerSuccess: 1.1, costUnit: 'queries' },
    ],
    hardening: [
      {
        config: 'baseline',
        falsePositive: { rate: 0.004, ci: [0.002, 0.007] },
        tactics: [
          { tactic: 'input.confusable-characters', evasionRate: 0.64, ci: [0.57, 0.7] },
          { tactic: 'input.zero-width-characters', evasionRate: 0.81, ci: [0.75, 0.86] },
        ],
      },
      {
        config: 'normalizeConfusables',
        label: 'confusable normalization on',
        falsePositive: { rate: 0.005, ci: [0.003, 0.008] },
        tactics: [
          { tactic: 'input.confusable-characters', evasionRate: 0.06, ci: [0.03, 0.1] },
          { tactic: 'input.zero-width-characters', evasionRate: 0.04, ci: [0.02, 0.08] },
        ],
      },
    ],
    examples: [
      {
        tactic: 'input.confusable-characters',
        original: 'Buy cheap viagra now, limited offer!',
        transformed: 'Buy cheap v\u0456agr\u0430 now, limited offer!',
        outcome: 'delivered',
      },
      {
        tactic: 'input.zero-width-characters',
        original: 'Verify your bank account today',
        transformed: 'Ver\u200Bify your ba\u200Cnk acc\u200Bount today',
        outcome: 'delivered',
      },
    ],
  };
}

export function sampleSuite(): Record<string, unknown> {
  return {
    name: 'mined-evasions',
    cases: [
      { name: 'zero-width viagra', passed: true, timeMs: 3 },
      { name: 'confusable paypal', passed: false, message: 'delivered (score 0.21 < 0.5)', timeMs: 4 },
      { name: 'nested base64', status: 'skipped', message: 'target lacks MIME' },
    ],
  };
}

export function sampleMonitor(): Record<string, unknown> {
  return {
    alerts: [
      { rule: 'score-drift', severity: 'high', message: 'KS statistic 0.31 above 0.2', at: '2026-03-01T10:00:00Z', value: 0.31, threshold: 0.2 },
    ],
  };
}

/**
 * Markup problems an injected string could cause, found structurally: every `<` left in escaped output starts
 * markup this code wrote, so each tag's name and attributes are checked — no script-capable element, no `on*`
 * event attribute, no `javascript:`/`data:` URL in an attribute. Escaped text such as `onerror=` inside a
 * title is inert and not reported. Returns the offending tags (empty when the markup is inert).
 */
export function unsafeMarkup(html: string): string[] {
  const bad: string[] = [];
  const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  const ATTR = /([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
  for (const m of html.matchAll(TAG)) {
    const name = (m[1] ?? '').toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'img', 'foreignobject', 'form', 'base', 'link'].includes(name)) {
      bad.push(m[0]);
      continue;
    }
    for (const a of (m[2] ?? '').matchAll(ATTR)) {
      const attr = (a[1] ?? '').toLowerCase();
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '').replace(/\s/g, '').toLowerCase();
      if (attr.startsWith('on') || /^(javascript|data|vbscript):/.test(value)) bad.push(m[0]);
    }
  }
  return bad;
}
