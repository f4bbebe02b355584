import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../model/diagnostics.js';
import { analyze } from './analyze.js';
import { loadCustomRules } from './custom-rules.js';
import { BUILTIN_RULES } from './rules/index.js';
import { FIXTURE_CATALOG, loadFixture } from './testing.js';

const MODEL = `nograd: 1
system: { id: t, name: T }
components:
  - { id: inbox, kind: input-source, layer: application }
  - { id: clf, kind: model, layer: application, properties: { owner: ml-team } }
  - { id: clf2, kind: model, layer: application }
flows:
  - { from: inbox, to: clf }
  - { from: inbox, to: clf2 }
attackers:
  - id: a
    goal: evade
    target: clf
    budget: { money: 5 }
    access:
      - { component: inbox, knowledge: zero, read: [decision], write: [live-input] }
`;

const opts = {
  builtinIds: BUILTIN_RULES.map((r) => r.id),
  catalogControlIds: FIXTURE_CATALOG.controls.map((c) => c.id),
};

function rulesFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  const f = join(dir, 'rules.yaml');
  writeFileSync(f, text);
  return f;
}

function diagnostics(text: string) {
  try {
    loadCustomRules(rulesFile(text), opts);
  } catch (e) {
    if (e instanceof ModelLoadError) return e.diagnostics;
    throw e;
  }
  return [];
}

const OWNER_RULE = `nograd-rules: 1
rules:
  - id: acme.model-owner
    title: Every model has an owner
    severity: medium
    for: components
    where:
      all:
        - { field: kind, equals: model }
        - { field: properties.owner, exists: false }
    message: "model {{id}} has no owner"
    remediation: [drift-monitoring]
`;

describe('custom rules', () => {
  it('fire where the condition holds and not elsewhere', () => {
    const rules = loadCustomRules(rulesFile(OWNER_RULE), opts);
    const r = analyze(loadFixture(MODEL), { catalog: FIXTURE_CATALOG, extraRules: rules, today: '2026-11-25' });
    const hits = r.findings.filter((f) => f.rule === 'acme.model-owner');
    expect(hits.map((f) => f.id)).toEqual(['acme.model-owner@clf2']);
    expect(hits[0]).toMatchObject({ message: 'model clf2 has no owner', source: 'custom', severity: 'medium' });
    expect(hits[0]!.location.line).toBe(6);
  });

  it('support graph questions: attackerCan, flowsIn, hasControl', () => {
    const rules = loadCustomRules(
      rulesFile(`nograd-rules: 1
rules:
  - { id: x.writable-model, title: t, severity: high, for: components, message: "{{id}}", where: { all: [ { field: kind, equals: model }, { attackerCan: { write: live-input } }, { flowsIn: { fromKind: input-source } }, { not: { hasControl: input-normalization } } ] } }
  - { id: x.rich-attacker, title: t, severity: low, for: attackers, message: "{{id}} {{budget.money}}", where: { field: budget.money, gte: 5 } }
`),
      opts,
    );
    const r = analyze(loadFixture(MODEL), { catalog: FIXTURE_CATALOG, extraRules: rules, today: '2026-11-25' });
    expect(
      r.findings
        .filter((f) => f.rule === 'x.writable-model')
        .map((f) => f.component)
        .sort(),
    ).toEqual(['clf', 'clf2']);
    expect(r.findings.find((f) => f.rule === 'x.rich-attacker')!.message).toBe('a 5');
  });

  it('report a broken rule with its position instead of skipping it', () => {
    const ds = diagnostics(`nograd-rules: 1
rules:
  - id: bad
    title: t
    severity: hgh
    for: components
    where: { field: kind, equal: model }
    message: m
  - id: bad2
    title: t
    severity: low
    for: components
    where: { field: knd, matches: "(" }
    message: m
    remediation: [nope]
  - id: uncountered-tactics
    title: t
    severity: low
    for: flows
    where: { hasControl: x }
    message: m
`);
    const msgs = ds.map((d) => `${d.line}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    expect(msgs.join('\n')).toMatch(/^5: .*hgh/m);
    const ds2 = diagnostics(OWNER_RULE.replace('equals: model', 'equal: model'));
    expect(ds2[0]).toMatchObject({ line: 9, message: "unknown operator 'equal'", hint: "did you mean 'equals'?" });
    expect(msgs.some((m) => /'knd' is not a field of components \(did you mean 'kind'\?\)/.test(m))).toBe(true);
    expect(msgs.some((m) => /invalid regular expression/.test(m))).toBe(true);
    expect(msgs.some((m) => /unknown catalog control 'nope'/.test(m))).toBe(true);
    expect(msgs.some((m) => /is a built-in rule's id/.test(m))).toBe(true);
    expect(msgs.some((m) => /applies to component rules only/.test(m))).toBe(true);
  });

  it('make a test on a list say whether some or every element must pass', () => {
    const rules = loadCustomRules(
      rulesFile(`nograd-rules: 1
rules:
  - { id: x.live-writer, title: t, severity: low, for: attackers, message: "{{id}} writes {{access.write}}", where: { field: access.write, each: any, equals: live-input } }
  - { id: x.only-inbox, title: t, severity: low, for: attackers, message: "{{id}}", where: { field: access.component, each: all, equals: inbox } }
  - { id: x.no-training, title: t, severity: low, for: attackers, message: "{{id}}", where: { field: access.write, each: any, equals: training-data } }
`),
      opts,
    );
    const r = analyze(loadFixture(MODEL), { catalog: FIXTURE_CATALOG, extraRules: rules, today: '2026-11-25' });
    const fired = (id: string) => r.findings.filter((f) => f.rule === id);
    expect(fired('x.live-writer')[0]?.message).toBe('a writes live-input');
    expect(fired('x.only-inbox')).toHaveLength(1);
    expect(fired('x.no-training')).toHaveLength(0);
    const ds = diagnostics(`nograd-rules: 1
rules:
  - id: x.ambiguous
    title: t
    severity: low
    for: attackers
    message: m
    where: { field: access.write, equals: live-input }
  - id: x.not-a-list
    title: t
    severity: low
    for: attackers
    message: m
    where: { field: goal, each: any, equals: evade }
`);
    expect(ds.map((d) => `${d.line}: ${d.message} (${d.hint ?? ''})`)).toEqual([
      "8: 'access.write' is a list: say whether some or every element must pass (add `each: any` or `each: all` (or test the list itself with `contains:`))",
      "14: 'goal' is not a list: drop `each:` ()",
    ]);
  });

  it('reject a file that is not a rule file', () => {
    expect(diagnostics('rules: []\n')[0]!.message).toMatch(/rule file/);
  });
});
