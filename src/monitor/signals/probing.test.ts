import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import type { EntityStats } from '../types.js';
import { probing } from './probing.js';

const p = probing.params.parse({});
const entity = (e: Partial<EntityStats>): EntityStats => ({
  kind: 'account',
  id: 'a',
  rows: 100,
  scored: 100,
  near: 0,
  inputs: 100,
  minAccountAgeDays: 2,
  ...e,
});

describe('probing signal', () => {
  it('fires on an account whose scores crowd the threshold', () => {
    const w = makeWindow({ day: 9, entities: [entity({ id: 'attacker', near: 90, scored: 110, inputs: 105 })] });
    const f = probing.detect(contextOf(w, makeBaseline()), p);
    expect(f).toHaveLength(1);
    expect(f[0]?.subject).toBe('account:attacker');
    expect(f[0]?.message).toMatch(/attacker sent 90 decisions within ±0.05 of a decision boundary/);
  });

  it('ignores a busy legitimate sender: many near-threshold scores but a small share of its traffic', () => {
    const w = makeWindow({ day: 9, entities: [entity({ id: 'newsletter', near: 60, scored: 2000, rows: 2000 })] });
    expect(probing.detect(contextOf(w, makeBaseline()), p)).toEqual([]);
    // a prober whose binary search lands 30% of its variants near the boundary is still caught
    const prober = makeWindow({
      day: 9,
      entities: [entity({ kind: 'source', id: '203.0.113.9', near: 25, scored: 80, rows: 80 })],
    });
    expect(probing.detect(contextOf(prober, makeBaseline()), p).map((f) => f.subject)).toEqual(['source:203.0.113.9']);
  });

  it('raises the bar above the busiest entity of the baseline', () => {
    const windows = Array.from({ length: 7 }, (_, d) =>
      makeWindow({ day: d, entities: [entity({ id: 'qa-bot', near: 30, scored: 40, kind: 'source' })] }),
    );
    const b = makeBaseline({ windows });
    const w = makeWindow({ day: 9, entities: [entity({ id: 'qa-bot', near: 45, scored: 60, kind: 'source' })] });
    expect(probing.detect(contextOf(w, b), p)).toEqual([]); // needs ≥ 3 × 30
    const w2 = makeWindow({ day: 9, entities: [entity({ id: 'qa-bot', near: 95, scored: 120, kind: 'source' })] });
    expect(probing.detect(contextOf(w2, b), p).map((f) => f.subject)).toEqual(['source:qa-bot']);
  });
});
