import { describe, expect, it } from 'vitest';
import { defaultRules, parseRules, RulesLoadError } from './rules.js';
import { SIGNAL_IDS } from './signals/index.js';

const problems = (text: string, env: NodeJS.ProcessEnv = {}): string => {
  try {
    parseRules(text, '/w/rules.yaml', env);
  } catch (e) {
    expect(e).toBeInstanceOf(RulesLoadError);
    return (e as Error).message;
  }
  throw new Error('expected the rules to be rejected');
};

describe('alert rules', () => {
  it('ships defaults that cover every signal and validate like a user file', () => {
    const set = defaultRules();
    expect(set.source).toBe('<default rules>');
    for (const id of SIGNAL_IDS) expect(set.rules.some((r) => r.kind === 'signal' && r.signal === id)).toBe(true);
    const drift = set.rules.find((r) => r.id === 'score-drift');
    expect(drift?.persistence).toEqual({ k: 2, n: 3 });
    expect(drift?.kind === 'signal' && drift.params.psi).toBe(0.2);
    expect(set.rules.find((r) => r.id === 'input-length-drift')).toMatchObject({
      kind: 'metric',
      metric: 'input.length.psi',
      op: '>=',
      threshold: 0.2,
    });
  });

  it('parses signal params, metric conditions, persistence forms and named sinks', () => {
    const set = parseRules(
      `sinks:
  oncall: { type: webhook, url: "https://hooks.example/\${TOKEN}", headers: { X-Key: "\${KEY}" } }
  log: { type: jsonl, path: alerts.jsonl }
rules:
  - id: probing-strict
    signal: probing
    params: { minNear: 10 }
    severity: critical
    sinks: [oncall, log]
  - id: blocks-up
    metric: rate.block
    op: '>'
    threshold: 0.4
    persistence: { k: 3, n: 5 }
    severity: low
  - id: bulk-quiet
    metric: layer.bulk-detector.block_ratio
    op: '<'
    threshold: 0.2
    severity: high
`,
      'r.yaml',
      { TOKEN: 't0k', KEY: 'k3y' },
    );
    expect(set.rules.map((r) => r.id)).toEqual(['probing-strict', 'blocks-up', 'bulk-quiet']);
    const probing = set.rules[0];
    expect(probing?.kind === 'signal' && probing.params).toMatchObject({ minNear: 10, minShare: 0.25 });
    expect(set.rules[1]?.persistence).toEqual({ k: 3, n: 5 });
    expect(set.sinks.oncall).toEqual({
      type: 'webhook',
      url: 'https://hooks.example/t0k',
      headers: { 'X-Key': 'k3y' },
      maxAttempts: 5,
      timeoutMs: 10_000,
    });
  });

  it('extends the defaults: same id replaces, enabled: false removes', () => {
    const set = parseRules(
      `extends: defaults
rules:
  - id: score-drift
    signal: score-drift
    persistence: 1/1
    severity: high
  - id: review-overload
    signal: review-overload
    severity: low
    enabled: false
`,
      'r.yaml',
    );
    expect(set.rules.find((r) => r.id === 'score-drift')).toMatchObject({
      severity: 'high',
      persistence: { k: 1, n: 1 },
    });
    expect(set.rules.some((r) => r.id === 'review-overload')).toBe(false);
    expect(set.rules.length).toBe(defaultRules().rules.length - 1);
  });

  it('reports an unknown field at its line and column with a suggestion', () => {
    const msg = problems(`rules:
  - id: a
    signal: probing
    severty: high
`);
    expect(msg).toMatch(/rules\.yaml:4:5: error: unknown field 'severty' in rules\[0\]/);
    expect(msg).toMatch(/did you mean 'severity'\?/);
  });

  it('reports a bad enum value, a missing field and a typo in signal params, all at once', () => {
    const msg = problems(`rules:
  - id: a
    signal: probing
    severity: urgent
  - id: b
    metric: score.psi
    op: '>='
  - id: c
    signal: template-surge
    params: { minShar: 0.1 }
    severity: low
`);
    expect(msg).toMatch(/rules\.yaml:4:15: error: 'urgent' is not allowed for 'severity'/);
    expect(msg).toMatch(/rules\.yaml:5:5: error: missing required field 'severity' in rules\[1\]/);
    expect(msg).toMatch(/rules\.yaml:10:15: error: unknown field 'minShar' in rules\[2\]\.params/);
    expect(msg).toMatch(/did you mean 'minShare'\?/);
    expect(msg).toMatch(/3 problems in the alert rules/);
  });

  it('checks references and combinations: unknown metric, unknown sink, signal+metric, duplicate id, bad persistence', () => {
    const msg = problems(`rules:
  - id: a
    metric: score.pis
    op: '>='
    threshold: 0.2
    severity: low
  - id: b
    signal: probing
    severity: low
    sinks: [pager]
  - id: c
    signal: probing
    metric: score.psi
    severity: low
  - id: a
    signal: probing
    severity: low
  - id: d
    signal: probing
    persistence: 4/3
    severity: low
`);
    expect(msg).toMatch(/rules\.yaml:3:13: error: unknown metric 'score\.pis'.*\n\s+hint: did you mean 'score\.psi'\?/);
    expect(msg).toMatch(/rules\.yaml:10:13: error: unknown sink 'pager'/);
    expect(msg).toMatch(/rules\.yaml:11:5: error: a rule watches exactly one of `signal:` or `metric:`/);
    expect(msg).toMatch(/rules\.yaml:15:9: error: duplicate rule id 'a'/);
    expect(msg).toMatch(/rules\.yaml:20:18: error: persistence needs 1 ≤ k ≤ n ≤ 50/);
  });

  it('reports YAML syntax errors and missing environment variables with positions', () => {
    expect(problems('rules:\n  - id: a\n   signal: x\n')).toMatch(/rules\.yaml:\d+:\d+: error: YAML syntax/);
    expect(
      problems(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the rules file's own ${VAR} syntax
        'sinks:\n  hook: { type: webhook, url: "https://h/${SECRET}" }\nrules:\n  - { id: a, signal: probing, severity: low }\n',
      ),
    ).toMatch(/rules\.yaml:2:31: error: environment variable SECRET is not set/);
  });

  it('rejects an empty rule set', () => {
    expect(problems('version: 1\n')).toMatch(/no rules: add `rules:` or `extends: defaults`/);
  });
});
