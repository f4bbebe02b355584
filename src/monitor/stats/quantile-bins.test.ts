import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binCounts, binIndex, dedupeEdges, quantileEdges, quantileSorted } from './quantile-bins.js';

describe('quantile bins', () => {
  it('uses linear-interpolation quantiles (numpy default)', () => {
    const s = [0.1, 0.2, 0.3, 0.4, 0.5, 0.9, 1.5, 2, 3, 10];
    // numpy.quantile(s, [0.25, 0.5, 0.75]) = [0.325, 0.7, 1.875]
    expect(quantileSorted(s, 0.25)).toBeCloseTo(0.325, 12);
    expect(quantileSorted(s, 0.5)).toBeCloseTo(0.7, 12);
    expect(quantileSorted(s, 0.75)).toBeCloseTo(1.875, 12);
  });

  it('collapses tied edges (a point mass) instead of making empty bins', () => {
    const values = [...Array(80).fill(0), ...Array.from({ length: 20 }, (_, i) => (i + 1) / 20)];
    const edges = quantileEdges(values, 10);
    expect(edges[0]).toBe(0);
    expect(new Set(edges).size).toBe(edges.length);
    expect(edges.length).toBeLessThan(9);
  });

  it('puts x in bin #{edges ≤ x}', () => {
    expect(binIndex([0.2, 0.5], 0.1)).toBe(0);
    expect(binIndex([0.2, 0.5], 0.2)).toBe(1);
    expect(binIndex([0.2, 0.5], 0.49)).toBe(1);
    expect(binIndex([0.2, 0.5], 0.5)).toBe(2);
    expect(binIndex([], 7)).toBe(0);
  });

  it('gives each bin about 1/B of a continuous baseline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 200, maxLength: 400 }),
        (xs) => {
          fc.pre(new Set(xs).size === xs.length);
          const edges = quantileEdges(xs, 5);
          const counts = binCounts(xs, edges);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(xs.length);
          for (const c of counts) expect(Math.abs(c - xs.length / 5)).toBeLessThanOrEqual(2);
        },
      ),
    );
  });

  it('dedupeEdges sorts, drops duplicates and non-finite values', () => {
    expect(dedupeEdges([0.5, 0.1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 0.2])).toEqual([0.1, 0.2, 0.5]);
  });
});
