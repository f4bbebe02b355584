/**
 * Every built-in rule, shown firing on a small model that has the problem and silent on one that does not.
 * The base model is a well-defended funnel on which no rule fires; each case changes one thing.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { FIXTURE_CATALOG, loadFixture } from '../testing.js';
import { BUILTIN_RULES } from './index.js';

const BASE = `nograd: 1
system: { id: t, name: T }
components:
  - { id: inbox, kind: input-source, layer: automation, controls: [captcha] }
  - { id: signup, kind: account-identity, layer: access, controls: [rep] }
  - { id: limiter, kind: activity-monitor, layer: activity, properties: { maxPerHour: 10 }, controls: [rl] }
  - { id: parser, kind: preprocessing, layer: application, controls: [norm] }
  - { id: feats, kind: feature-extraction, layer: application, properties: { sharedWithTraining: true } }
  - { id: clf, kind: model, layer: application, modality: text, controls: [drift] }
  - { id: policy, kind: policy, layer: application, properties: { threshold: 0.5, reviewLow: 0.3 } }
  - { id: review, kind: human-review, properties: { capacityPerDay: 1000 } }
  - { id: fb, kind: feedback, controls: [fbrl] }
  - { id: data, kind: training-data }
  - { id: log, kind: logging, controls: [logctl, alerts] }
flows:
  - { from: inbox, to: signup }
  - { from: signup, to: limiter }
  - { from: limiter, to: parser }
  - { from: parser, to: feats }
  - { from: feats, to: clf }
  - { from: clf, to: policy }
  - { from: policy, to: review }
  - { from: policy, to: log }
  - { from: policy, to: fb }
  - { from: fb, to: data, kind: feedback }
  - { from: data, to: clf, kind: training }
controls:
  - { id: captcha, catalog: signup-challenge, on: [inbox] }
  - { id: rep, catalog: account-reputation, on: [signup] }
  - { id: rl, catalog: rate-limit, on: [limiter] }
  - { id: norm, catalog: input-normalization, on: [parser] }
  - { id: drift, catalog: drift-monitoring, on: [clf] }
  - { id: fbrl, catalog: feedback-rate-limit, on: [fb] }
  - { id: logctl, catalog: decision-logging, on: [log] }
  - { id: alerts, catalog: security-alerting, on: [log] }
dependencies:
  - { id: corpus, name: corpus, type: dataset, version: 1.0.0, pinned: true, hash: 'sha256:ab', usedBy: [data] }
attackers:
  - id: spammer
    goal: evade
    target: policy
    budget: { queries: 1000, timeHours: 240, accounts: 5 }
    access:
      - { component: inbox, knowledge: perfect, read: [decision], write: [live-input] }
      - { component: signup, knowledge: limited, read: [decision], write: [account] }
`;

function findings(yaml: string, today = '2026-11-25') {
  return analyze(loadFixture(yaml), { catalog: FIXTURE_CATALOG, today }).findings;
}

function rulesFired(yaml: string, today?: string): string[] {
  return [...new Set(findings(yaml, today).map((f) => f.rule))].sort();
}

const addAttacker = (yaml: string, block: string) => yaml.replace('attackers:\n', `attackers:\n${block}`);
const replace = (from: string, to: string) => (y: string) => {
  if (!y.includes(from)) throw new Error(`fixture does not contain: ${from}`);
  return y.replace(from, to);
};

/** rule id → [change that makes it fire, expected component of the finding] */
const CASES: Record<string, { fire: (y: string) => string; component?: string; today?: string }> = {
  'uncountered-tactics': {
    fire: replace(
      '{ id: norm, catalog: input-normalization, on: [parser] }',
      '{ id: norm, catalog: input-normalization, on: [parser], status: planned }',
    ),
    component: 'feats',
  },
  'assumption-broken-by-tactic': {
    fire: replace(
      '{ id: signup, kind: account-identity, layer: access, controls: [rep] }',
      '{ id: signup, kind: account-identity, layer: access, controls: [rep], assumptions: [{ id: age, text: Account age signals trust }] }',
    ),
    component: 'signup#age',
  },
  'preprocessing-not-modeled': {
    fire: replace('{ from: feats, to: clf }', '{ from: feats, to: clf }\n  - { from: inbox, to: clf }'),
    component: 'clf',
  },
  'no-normalization-before-text-model': {
    fire: replace(
      '{ id: norm, catalog: input-normalization, on: [parser] }',
      '{ id: norm, catalog: input-normalization, on: [parser], status: planned }',
    ),
    component: 'clf',
  },
  'score-visible-to-attacker': {
    fire: replace(
      '{ id: clf, kind: model, layer: application, modality: text, controls: [drift] }',
      '{ id: clf, kind: model, layer: application, modality: text, controls: [drift], outputs: [{ name: s, kind: score, visibleTo: [attacker] }] }',
    ),
    component: 'clf',
  },
  'feedback-reaches-training': {
    fire: (y) =>
      addAttacker(
        replace(
          '{ id: fbrl, catalog: feedback-rate-limit, on: [fb] }',
          '{ id: fbrl, catalog: feedback-rate-limit, on: [fb], status: planned }',
        )(y),
        '  - id: poisoner\n    goal: poison\n    target: clf\n    budget: { accounts: 10 }\n    access:\n      - { component: fb, knowledge: perfect, read: [none], write: [feedback] }\n',
      ),
    component: 'fb',
  },
  'attacker-writes-training-data': {
    fire: (y) =>
      addAttacker(
        y,
        '  - id: insider\n    goal: poison\n    target: clf\n    budget: { money: 10 }\n    access:\n      - { component: data, knowledge: perfect, read: [none], write: [training-data] }\n',
      ),
    component: 'data',
  },
  'review-capacity-below-attack-volume': {
    fire: replace('capacityPerDay: 1000', 'capacityPerDay: 1'),
    component: 'review',
  },
  'no-automation-layer-control': {
    fire: replace(
      '{ id: captcha, catalog: signup-challenge, on: [inbox] }',
      '{ id: captcha, catalog: signup-challenge, on: [inbox], status: planned }',
    ),
  },
  'no-access-layer-control': {
    fire: replace(
      '{ id: rep, catalog: account-reputation, on: [signup] }',
      '{ id: rep, catalog: account-reputation, on: [signup], status: planned }',
    ),
  },
  'no-activity-layer-control': {
    fire: replace(
      '{ id: rl, catalog: rate-limit, on: [limiter] }',
      '{ id: rl, catalog: rate-limit, on: [limiter], status: planned }',
    ),
  },
  'model-hardening-only': {
    fire: (y) =>
      y
        .replace(/\n {2}- \{ id: (captcha|rep|rl|norm|drift), catalog: [a-z-]+, on: \[[a-z]+\] \}/g, '')
        .replace(/, controls: \[(captcha|rep|rl|norm|drift)\]/g, '')
        .replace('controls:\n', 'controls:\n  - { id: advtrain, catalog: adversarial-training, on: [clf] }\n'),
    component: 'policy',
  },
  'training-serving-skew': {
    fire: replace('properties: { sharedWithTraining: true }', 'properties: { kept: true }'),
    component: 'clf',
  },
  'unpinned-artifact': { fire: replace('pinned: true, ', 'pinned: false, '), component: 'data' },
  'no-decision-logging': {
    fire: replace('{ from: policy, to: log }', '{ from: review, to: log }'),
    component: 'policy',
  },
  'no-drift-monitoring': {
    fire: replace(
      '{ id: drift, catalog: drift-monitoring, on: [clf] }',
      '{ id: drift, catalog: drift-monitoring, on: [clf], status: planned }',
    ),
    component: 'clf',
  },
  'no-security-alerting': {
    fire: replace(
      '{ id: alerts, catalog: security-alerting, on: [log] }',
      '{ id: alerts, catalog: security-alerting, on: [log], status: planned }',
    ),
    component: 'log',
  },
  'attacker-without-budget': {
    fire: replace('    budget: { queries: 1000, timeHours: 240, accounts: 5 }\n', ''),
    component: 'policy',
  },
  'single-control-on-only-path': {
    fire: (y) =>
      y
        .replace(/, status: planned/g, '')
        .replace(
          /\{ id: (captcha|rep|norm|drift), catalog: ([a-z-]+), on: \[([a-z]+)\] \}/g,
          '{ id: $1, catalog: $2, on: [$3], status: planned }',
        ),
    component: 'policy',
  },
  'expired-assumption': {
    fire: replace(
      '{ id: data, kind: training-data }',
      '{ id: data, kind: training-data, assumptions: [{ id: clean, text: The data is clean, expires: 2025-01-01 }] }',
    ),
    component: 'data#clean',
  },
  'unbounded-queries': {
    fire: replace(
      '{ id: rl, catalog: rate-limit, on: [limiter] }',
      '{ id: rl, catalog: rate-limit, on: [limiter], status: planned }',
    ),
    component: 'policy',
  },
  'no-review-band': { fire: replace('threshold: 0.5, reviewLow: 0.3', 'threshold: 0.5'), component: 'policy' },
  'unconnected-component': {
    fire: replace(
      '  - { id: data, kind: training-data }\n',
      '  - { id: data, kind: training-data }\n  - { id: orphan, kind: storage }\n',
    ),
    component: 'orphan',
  },
};

describe('built-in rules', () => {
  it('are silent on the well-defended base model', () => {
    expect(rulesFired(BASE)).toEqual([]);
  });

  it('every built-in rule has a firing case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(BUILTIN_RULES.map((r) => r.id).sort());
  });

  for (const [rule, c] of Object.entries(CASES)) {
    it(`${rule} fires when its condition holds`, () => {
      const fs = findings(c.fire(BASE), c.today).filter((f) => f.rule === rule);
      expect(fs.length, `expected ${rule} to fire`).toBeGreaterThan(0);
      if (c.component) expect(fs.map((f) => f.component)).toContain(c.component);
      for (const f of fs) {
        expect(f.id.startsWith(`${rule}@`)).toBe(true);
        expect(f.location.line).toBeGreaterThan(0);
        expect(f.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('finding ids are stable when the model is reordered', () => {
    const model = CASES['uncountered-tactics']!.fire(BASE);
    const lines = model.split('\n');
    const start = lines.indexOf('components:') + 1;
    const end = lines.indexOf('flows:');
    const reordered = [...lines.slice(0, start), ...lines.slice(start, end).reverse(), ...lines.slice(end)].join('\n');
    const ids = (y: string) =>
      findings(y)
        .map((f) => f.id)
        .sort();
    expect(ids(reordered)).toEqual(ids(model));
  });

  it('is high for a likely practical tactic, and critical when it also breaks a stated assumption', () => {
    const open = CASES['uncountered-tactics']!.fire(BASE);
    const f = findings(open).find((x) => x.rule === 'uncountered-tactics')!;
    expect(f.severity).toBe('high');
    expect(f.remediation.map((r) => r.control)).toContain('input-normalization');
    const withAssumption = open.replace(
      'properties: { sharedWithTraining: true } }',
      'properties: { sharedWithTraining: true }, assumptions: [{ id: ascii-only, text: Words arrive as plain ASCII }] }',
    );
    const g = findings(withAssumption).find((x) => x.rule === 'uncountered-tactics')!;
    expect(g.severity).toBe('critical');
    expect(g.severityReason).toMatch(/breaks the stated assumption 'ascii-only'/);
  });
});
