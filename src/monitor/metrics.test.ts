import { describe, expect, it } from 'vitest';
import { computeMetrics, isKnownMetric, METRICS } from './metrics.js';
import { makeBaseline, makeWindow, scores } from './testing/windows.js';

describe('window metrics', () => {
  const baseline = makeBaseline();

  it('computes every catalogued metric on an ordinary window, near the baseline', () => {
    const m = computeMetrics(makeWindow({ day: 10 }), baseline);
    for (const { name } of METRICS) if (name !== 'review.load') expect(m[name], name).not.toBeUndefined();
    expect(m['review.load']).toBeNull(); // no capacity configured
    expect(m['score.psi']).toBeLessThan(0.05);
    expect(m['rows.ratio']).toBeGreaterThan(0.9);
    expect(m['layer.bulk-detector.block_ratio']).toBeGreaterThan(0.9);
    expect(m['layer.bulk-detector.block_ratio']).toBeLessThan(1.1);
  });

  it('gives null drift statistics for windows too small to judge', () => {
    const m = computeMetrics(makeWindow({ day: 10, scores: scores(30), unscored: 10 }), baseline);
    expect(m['score.psi']).toBeNull();
    expect(m['score.ks']).toBeNull();
    expect(m['input.length.psi']).toBeNull();
    expect(m['overturn.rate']).toBeNull();
  });

  it('knows layer metrics by pattern', () => {
    expect(isKnownMetric('layer.rate-limiter.block_ratio')).toBe(true);
    expect(isKnownMetric('layer.rate-limiter.blocks')).toBe(false);
    expect(isKnownMetric('score.psi')).toBe(true);
  });
});
