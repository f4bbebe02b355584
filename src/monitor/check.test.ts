import { describe, expect, it } from 'vitest';
import { checkWindows } from './check.js';
import { PersistenceTracker } from './persistence.js';
import { parseRules } from './rules.js';
import { makeBaseline, makeWindow, scores } from './testing/windows.js';

const baseline = makeBaseline();
const drifted = (day: number) => makeWindow({ day, scores: scores(1200, (u) => u ** 1.5) });
const normal = (day: number) => makeWindow({ day });
const rules = parseRules(
  `rules:
  - { id: drift, signal: score-drift, persistence: 2/3, severity: medium }
  - { id: blocks, metric: rate.block, op: '>=', threshold: 0.5, severity: high }
`,
  'r.yaml',
);

describe('checkWindows', () => {
  it('alerts only once the condition held in k of the last n windows', () => {
    const r = checkWindows([normal(10), drifted(11), drifted(12), normal(13), drifted(14)], baseline, rules);
    expect(r.alerts.map((a) => a.window.start.slice(0, 10))).toEqual(['2024-01-13', '2024-01-15']);
    const [first] = r.alerts;
    expect(first).toMatchObject({
      ruleId: 'drift',
      subject: 'score',
      severity: 'medium',
      source: { signal: 'score-drift' },
      persistence: { k: 2, n: 3, met: 2 },
    });
    expect(first?.key).toBe('drift|score|2024-01-13T00:00:00.000Z/2024-01-14T00:00:00.000Z');
    expect(first?.message).toMatch(/\(2 of the last 3 windows\)$/);
    // the condition held in window 11 too, but without persistence yet: reported as an outcome, not an alert
    expect(r.windows[1]?.outcomes).toEqual([expect.objectContaining({ ruleId: 'drift', met: 1, alerted: false })]);
  });

  it('carries persistence across runs through the tracker state', () => {
    const first = new PersistenceTracker();
    expect(checkWindows([drifted(11)], baseline, rules, first).alerts).toHaveLength(0);
    const second = new PersistenceTracker(first.toState());
    expect(checkWindows([drifted(12)], baseline, rules, second).alerts.map((a) => a.ruleId)).toEqual(['drift']);
  });

  it('evaluates metric rules, and never on a null metric', () => {
    const heavy = makeWindow({ day: 10, block: 700, review: 10 });
    const r = checkWindows([heavy, normal(11)], baseline, rules);
    expect(r.alerts.map((a) => [a.ruleId, a.subject, a.window.start.slice(0, 10)])).toEqual([
      ['blocks', 'rate.block', '2024-01-11'],
    ]);
    expect(r.alerts[0]?.source).toEqual({ metric: 'rate.block', op: '>=', threshold: 0.5 });
    const low = parseRules(
      `rules:\n  - { id: tiny-psi, metric: score.psi, op: '<', threshold: 100, severity: low }\n`,
      'r.yaml',
    );
    // a window with too few scores has no PSI (null): a '<' rule must not fire on it
    expect(checkWindows([makeWindow({ day: 10, scores: scores(20), unscored: 5 })], baseline, low).alerts).toHaveLength(
      0,
    );
    expect(checkWindows([normal(10)], baseline, low).alerts).toHaveLength(1);
  });
});
