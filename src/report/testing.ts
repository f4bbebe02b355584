/**
 * Test fixtures for the report renderers: the mail-filter example analysed, a hostile model whose every free-text
 * field carries an injection payload, a hostile analysis document (ids too, which the model loader would reject),
 * and sample economics / campaign / suite / monitor documents.
 */
import { resolve } from 'node:path';
import { analyze } from '../analysis/analyze.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import type { AttackPath, EconomicsResult, PathStep, SimulationResult } from '../analysis/economics/types.js';
import type { AnalysisResult } from '../analysis/result.js';
import type { CampaignResult, ChainResult, Rate } from '../campaign/result.js';
import type { CostVector } from '../model/cost.js';
import { type LoadedModel, loadModel } from '../model/loader.js';
import type { CheckResult } from '../monitor/check.js';
import type { SuiteResult } from '../regress/run.js';

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

// ------------------------------------------------------------------------------------- sample result documents

const cost = (money: number, hours: number, queries: number, risk = 0.05): CostVector => ({
  money,
  humanHours: hours,
  implementationHours: hours / 2,
  queries,
  timeHours: hours * 3,
  detectionRisk: risk,
});

function step(
  stage: PathStep['stage'],
  component: string,
  tactic: string,
  tacticName: string,
  p: number,
  c: CostVector,
): PathStep {
  return {
    stage,
    kind: 'tactic',
    tactic,
    tacticName,
    component,
    successProbability: p,
    attempts: 1 / p,
    costPerAttempt: c,
    cost: c,
    accountsPerAttempt: 0,
    counters: [],
    breaksAssumptions: [],
    note: `${tacticName} on ${component}`,
  };
}

function path(steps: PathStep[], c: CostVector, weighted: number, p: number): AttackPath {
  return {
    key: steps.map((s) => `${s.stage}:${s.tactic}@${s.component}`).join(' > '),
    steps,
    cost: c,
    weightedCost: weighted,
    successProbability: p,
    expectedAttempts: steps.reduce((n, s) => n + s.attempts, 0),
    expectedAccounts: 1,
    sideDoors: [],
    budget: { within: true, exceeded: [] },
  };
}

const dist = (mean: number, spread: number) => {
  const edges = Array.from({ length: 11 }, (_, i) => Math.max(0, mean - spread + (i * spread) / 5));
  const counts = [2, 5, 11, 19, 26, 24, 17, 9, 5, 2];
  return {
    n: 120,
    mean,
    p10: mean - spread * 0.6,
    median: mean,
    p90: mean + spread * 0.6,
    max: mean + spread,
    histogram: { edges, counts },
  };
};

/** An economics result for the mail-filter example, typed as the engine writes it. */
export function sampleEconomics(): EconomicsResult {
  const spam1 = path(
    [
      step(
        'automation',
        'signup-challenge',
        'automation.captcha-solving-service',
        'Challenge-solving service',
        0.9,
        cost(0.3, 0, 10),
      ),
      step('activity', 'rate-limiter', 'activity.account-rotation', 'Account rotation', 0.8, cost(5, 1, 100)),
      step(
        'application',
        'text-normalizer',
        'input.confusable-characters',
        'Confusable characters',
        0.7,
        cost(0, 2, 40),
      ),
    ],
    cost(12, 3, 500),
    190,
    0.42,
  );
  const spam2 = { ...spam1, key: `${spam1.key} (bought accounts)`, cost: cost(40, 1, 200), weightedCost: 210 };
  const poison1 = path(
    [
      step('access', 'sender-accounts', 'access.aged-account-purchase', 'Aged account purchase', 0.9, cost(100, 2, 0)),
      step('application', 'user-feedback', 'feedback.mass-not-spam', 'Mass "not spam" reports', 0.4, cost(50, 8, 3000)),
    ],
    cost(150, 10, 3000, 0.3),
    900,
    0.3,
  );
  const pathSet = (cheapest: AttackPath, pareto: AttackPath[]) => ({
    scenario: 'today' as const,
    stages: [],
    cheapest,
    pareto,
    paretoSize: pareto.length,
    search: { labels: 12, maxLabelsPerStage: 64, truncated: false },
  });
  const sim = (attacker: string, p: AttackPath, hours: number, money: number): SimulationResult => ({
    attacker,
    scenario: 'today',
    path: p.key,
    trials: 120,
    seed: 1,
    succeeded: 118,
    pSuccessWithinBudget: 0.83,
    pDetectedAtLeastOnce: 0.2,
    overBudget: {},
    timeHours: dist(hours, hours / 2),
    money: dist(money, money / 2),
    humanHours: dist(3, 1),
    queries: dist(500, 200),
    attempts: dist(4, 2),
    accountsBurned: dist(2, 1),
    defender: {
      benignPerDay: 10000,
      benignPerDaySource: 'model',
      falsePositivesPerDay: 3,
      falsePositivesDuringCampaign: dist(5, 2),
    },
    assumptions: ['attempts are independent'],
  });
  return {
    kind: 'nograd-economics',
    version: 1,
    weights: { money: 1, humanHours: 50, implementationHours: 50, queries: 0.001, timeHours: 1, detectionRisk: 500 },
    attackers: [
      {
        attacker: 'spammer',
        goal: 'evade',
        target: 'threshold-policy',
        route: [],
        today: pathSet(spam1, [spam1, spam2]),
        planned: pathSet(spam2, [spam2]),
      },
      {
        attacker: 'feedback-poisoner',
        goal: 'poison',
        target: 'spam-model',
        route: [],
        today: pathSet(poison1, [poison1]),
        planned: pathSet(poison1, [poison1]),
      },
    ],
    defender: {
      today: {
        scenario: 'today',
        controls: [],
        totalScalar: 0,
        falsePositivesPerDay: 0,
        reviewHoursPerWeek: 0,
        moneyPerMonth: 0,
        maxLatencyMs: 0,
      },
      planned: {
        scenario: 'planned',
        controls: [],
        totalScalar: 0,
        falsePositivesPerDay: 0,
        reviewHoursPerWeek: 0,
        moneyPerMonth: 0,
        maxLatencyMs: 0,
      },
    },
    simulation: {
      trials: 120,
      seed: 1,
      results: [sim('spammer', spam1, 9, 12), sim('feedback-poisoner', poison1, 30, 150)],
    },
    recommendations: {
      weights: { money: 1, humanHours: 50, implementationHours: 50, queries: 0.001, timeHours: 1, detectionRisk: 500 },
      defuseFactor: 10,
      add: [
        {
          control: 'confusable-skeleton',
          name: 'Confusable skeleton and zero-width stripping',
          action: 'add',
          simple: true,
          on: ['text-normalizer'],
          defenderCost: 900,
          perAttacker: [{ attacker: 'spammer', before: 190, after: 610, delta: 420 }],
          attackerCostRaised: 420,
          ratio: 0.47,
          blocksSome: false,
        },
        {
          control: 'feedback-rate-limit',
          name: 'Feedback rate limits',
          action: 'implement-planned',
          on: ['user-feedback'],
          defenderCost: 1200,
          perAttacker: [{ attacker: 'feedback-poisoner', before: 900, after: null, delta: null, blocks: true }],
          attackerCostRaised: 0,
          ratio: null,
          blocksSome: true,
        },
      ],
      existing: [],
      simpleDefences: [],
      hardening: [],
    },
    calibration: {
      rows: [
        {
          tactic: 'input.confusable-characters',
          name: 'Confusable characters',
          at: 'text-normalizer',
          n: 200,
          predicted: { baseSuccess: 0.7, successProbability: 0.7, cost: cost(0, 2, 40) },
          measured: { successRate: 0.64, ci95: [0.57, 0.7], cost: { queries: 3 } },
          withinCi: true,
          outsideBy: null,
          successRatio: 0.91,
          costRatio: {},
        },
        {
          tactic: 'layout.html-comment-word-split',
          at: 'html-to-text',
          n: 200,
          predicted: { baseSuccess: 0.65, successProbability: 0.65, cost: cost(0, 2, 40) },
          measured: { successRate: 0.4, ci95: [0.33, 0.47], cost: {} },
          withinCi: false,
          outsideBy: 0.18,
          successRatio: 0.62,
          costRatio: {},
        },
      ],
      appliedToPaths: false,
      unknownTactics: [],
      judgement: {
        judged: 2,
        outside: 1,
        overestimated: 1,
        underestimated: 0,
        worst: 'layout.html-comment-word-split',
        verdict: 'miscalibrated: 1 of 2 predictions fall outside the measured 95% interval (1 too high, 0 too low)',
      },
    },
    rates: {},
    notes: [],
  };
}

const rate = (k: number, n: number): Rate => {
  const r = n ? k / n : 0;
  const w = 1.96 * Math.sqrt((r * (1 - r)) / Math.max(1, n));
  return { k, n, rate: r, ci95: { low: Math.max(0, r - w), high: Math.min(1, r + w) } };
};

function chain(names: string[], k: number, n: number, queriesPerSuccess: number): ChainResult {
  const zero = cost(0, 0, 0, 0);
  return {
    chain: names,
    label: names.length ? names.join(' + ') : '(untouched)',
    tacticIds: names,
    phase: names.length > 1 ? 'composition' : names.length ? 'single' : 'baseline',
    variant: 'default',
    attempts: n,
    notApplicable: 0,
    errors: 0,
    n,
    evasion: rate(k, n),
    evaded: k,
    evadedInvalid: 0,
    validity: rate(n, n),
    // A tenth of the misses were delivered with a mark, the rest split between review and block.
    outcomes: {
      allow: k,
      tag: Math.round((n - k) / 10),
      review: Math.floor(((n - k) * 3) / 10),
      block: n - k - Math.round((n - k) / 10) - Math.floor(((n - k) * 3) / 10),
    },
    meanScoreDrop: 0.2,
    cachedShare: 0,
    cost: {
      total: { ...zero, queries: n },
      perAttempt: { ...zero, queries: 1 },
      perSuccess: k ? { ...zero, queries: queriesPerSuccess } : null,
      firstSuccess: k ? { ...zero, queries: 2 } : null,
      attemptsToFirstSuccess: k ? 2 : null,
      accounts: 0,
    },
    defusedBy: [],
  };
}

/** A campaign result against the reference mail filter, typed as the campaign engine writes it. */
export function sampleCampaign(): CampaignResult {
  const chains = [
    chain(['zero-width', 'hidden-good-words'], 92, 100, 1.1),
    chain(['zero-width'], 162, 200, 1.2),
    chain(['confusables'], 128, 200, 3.1),
    chain(['html-comment-split'], 80, 200, 7.5),
  ];
  return {
    kind: 'nograd-campaign-result',
    version: 1,
    runId: 'run-1',
    name: 'mail-filter-baseline',
    description: null,
    status: 'completed',
    stopReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    campaignFile: 'examples/mail-filter/campaign.yaml',
    campaignHash: 'abc',
    seed: 7,
    repeats: 1,
    nogradVersion: '0.1.0',
    target: { kind: 'reference', fingerprint: 'reference:mail-filter', exposes: ['decision', 'score'] },
    evasionCondition: { when: 'delivered', scoreBelow: null },
    components: ['text-normalizer'],
    seeds: { count: 200, source: 'spam-2' },
    benign: { count: 500, source: 'easy-ham-2' },
    tactics: [],
    search: { single: true, compositions: { depth: 2, max: null }, beam: null },
    totals: {
      attempts: 700,
      queries: 700,
      sent: 700,
      cached: 0,
      errors: 0,
      notApplicable: 0,
      money: 0,
      accounts: 0,
      wallSeconds: 4,
    },
    budgets: {
      configured: { queries: null, wallSeconds: null, money: null, accounts: null },
      spent: { queries: 700, money: 0, accounts: 0, wallSeconds: 4 },
    },
    baseline: rate(6, 200),
    chains,
    defender: {
      benign: { blocked: rate(2, 500), reviewed: rate(5, 500), tagged: rate(9, 500), errors: 0 },
      hardening: [
        {
          switch: 'normalizeConfusables',
          baseline: rate(5, 200),
          benign: { blocked: rate(3, 500), reviewed: rate(5, 500), tagged: rate(9, 500), errors: 0 },
          fprDelta: 0.002,
          chains: [
            {
              chain: ['confusables'],
              label: 'confusables',
              base: rate(128, 200),
              hardened: rate(12, 200),
              reduced: true,
              defused: false,
            },
            {
              chain: ['zero-width'],
              label: 'zero-width',
              base: rate(162, 200),
              hardened: rate(8, 200),
              reduced: true,
              defused: true,
            },
          ],
        },
      ],
    },
    examples: [
      {
        seedId: 'spam-2/0001',
        chain: ['confusables'],
        label: 'confusables',
        variant: 'default',
        decision: 'deliver',
        score: 0.21,
        baselineScore: 0.97,
        firstDifference: 11,
        excerptStart: 0,
        original: 'Buy cheap viagra now, limited offer!',
        transformed: 'Buy cheap v\u0456agr\u0430 now, limited offer!',
        originalLength: 36,
        transformedLength: 36,
        notes: [],
      },
      {
        seedId: 'spam-2/0002',
        chain: ['zero-width'],
        label: 'zero-width',
        variant: 'default',
        decision: 'deliver',
        score: 0.3,
        baselineScore: 0.9,
        firstDifference: 3,
        excerptStart: 0,
        original: 'Verify your bank account today',
        transformed: 'Ver\u200Bify your ba\u200Cnk acc\u200Bount today',
        originalLength: 30,
        transformedLength: 34,
        notes: ['zero-width characters inserted'],
      },
    ],
    baselines: null,
    resilience: {},
    warnings: [],
  };
}

/** A regression-suite result: one pass, one fail, one known failure. */
export function sampleSuite(): SuiteResult {
  const c = (id: string, status: SuiteResult['cases'][number]['status'], message: string) => ({
    id,
    status,
    message,
    expect: { decision: 'block' as const },
    passes: status === 'pass' ? 1 : 0,
    runs: 1,
    attempts: [],
    durationMs: 3,
  });
  return {
    kind: 'nograd-suite-result',
    version: 1,
    suite: { name: 'mined-evasions', cases: 3 },
    target: { kind: 'reference', fingerprint: 'reference:mail-filter', exposes: ['decision', 'score'] },
    repeat: 1,
    minPasses: 1,
    counts: { pass: 1, fail: 1, error: 0, 'known-failure': 1, fixed: 0 },
    passed: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 9,
    cases: [
      c('zero-width-viagra', 'pass', 'expected block, got block'),
      c('confusable-paypal', 'fail', 'expected block, got deliver (score 0.21)'),
      { ...c('nested-base64', 'known-failure', 'expected block, got deliver'), knownFailure: 'ISSUE-12' },
    ],
  };
}

/** A monitor check with one alert. */
export function sampleMonitor(): CheckResult {
  return {
    kind: 'nograd-monitor-check',
    version: 1,
    baseline: { createdAt: '2026-01-01T00:00:00.000Z', until: null, rows: 1000 },
    rules: 'default',
    window: '1h',
    windows: [],
    alerts: [
      {
        key: 'score-drift|*|2026-03-01T10:00:00Z/2026-03-01T11:00:00Z',
        ruleId: 'score-drift',
        severity: 'high',
        source: { signal: 'score-drift' },
        subject: '*',
        window: { start: '2026-03-01T10:00:00Z', end: '2026-03-01T11:00:00Z' },
        value: 0.31,
        threshold: 0.2,
        message: 'KS statistic 0.31 above 0.2',
        evidence: {},
        persistence: { k: 1, n: 1, met: 1 },
        sinks: [],
      },
    ],
    warnings: [],
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
      const value = (a[2] ?? '')
        .replace(/^["']|["']$/g, '')
        .replace(/\s/g, '')
        .toLowerCase();
      if (attr.startsWith('on') || /^(javascript|data|vbscript):/.test(value)) bad.push(m[0]);
    }
  }
  return bad;
}

/** Markdown with its code spans removed: what is inside a code span is shown literally, never as markup or a link. */
export function withoutCodeSpans(md: string): string {
  return md.replace(/(`+)[\s\S]*?\1/g, '');
}
