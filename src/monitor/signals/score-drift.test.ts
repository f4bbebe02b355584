import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow, scores } from '../testing/windows.js';
import { scoreDrift } from './score-drift.js';

const p = scoreDrift.params.parse({});
const baseline = makeBaseline();

describe('score-drift signal', () => {
  it('fires when the scores shift up (effect sizes agree, KS significant)', () => {
    const w = makeWindow({ day: 10, scores: scores(1200, (u) => u ** 1.5) });
    const [f, ...rest] = scoreDrift.detect(contextOf(w, baseline), p);
    expect(rest).toHaveLength(0);
    expect(f?.subject).toBe('score');
    expect(f?.value).toBeGreaterThanOrEqual(0.2);
    expect(f?.evidence.votes).toBeGreaterThanOrEqual(2);
    expect(f?.message).toMatch(/score distribution drifted/);
  });

  it('stays quiet on an ordinary day', () => {
    const w = makeWindow({ day: 10, scores: scores(1100, (u) => u ** 3.05) });
    expect(scoreDrift.detect(contextOf(w, baseline), p)).toEqual([]);
  });

  it('does not fire on a tiny window even when its shape differs (minScored, KS p-value)', () => {
    const w = makeWindow({ day: 10, scores: scores(40, (u) => u ** 1.5) });
    expect(scoreDrift.detect(contextOf(w, baseline), p)).toEqual([]);
    expect(scoreDrift.detect(contextOf(w, baseline), { ...p, minScored: 0 })).toEqual([]);
  });

  it('needs `votes` statistics to agree: one statistic alone is not enough by default', () => {
    const w = makeWindow({ day: 10, scores: scores(1200, (u) => u ** 2.4) });
    const ctx = contextOf(w, baseline);
    const over = (['score.psi', 'score.js', 'score.ks', 'score.wasserstein_norm'] as const).filter(
      (k, i) => (ctx.metrics[k] ?? 0) >= [0.2, 0.1, 0.1, 0.1][i]!,
    );
    // this shift moves some statistics and not others; the signal fires exactly when at least two agree
    expect(scoreDrift.detect(ctx, p).length).toBe(over.length >= 2 ? 1 : 0);
    expect(scoreDrift.detect(ctx, { ...p, votes: 1 }).length).toBe(over.length >= 1 ? 1 : 0);
  });
});
