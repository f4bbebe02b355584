import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { psi } from './psi.js';

const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 20 });

describe('psi', () => {
  it('matches reference values (numpy, same ε = 1e-4 smoothing)', () => {
    expect(psi([10, 20, 30, 40], [40, 30, 20, 10])).toBeCloseTo(0.9120217911800633, 12);
    expect(psi([100, 100, 100, 100, 100], [90, 110, 95, 105, 100])).toBeCloseTo(0.005009223698726467, 12);
    // disjoint mass stays finite thanks to smoothing
    expect(psi([50, 50, 0], [0, 50, 50])).toBeCloseTo(8.514838719802963, 10);
  });

  it('is ≥ 0, symmetric, and 0 for identical proportions', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 1, max: 50 }), (c, k) => {
        fc.pre(c.some((x) => x > 0));
        const other = c.map((x, i) => (x + i * 7) % 1001);
        fc.pre(other.some((x) => x > 0));
        expect(psi(c, other)).toBeGreaterThanOrEqual(0);
        expect(psi(c, other)).toBeCloseTo(psi(other, c), 10);
        expect(
          psi(
            c,
            c.map((x) => x * k),
          ),
        ).toBeCloseTo(0, 12);
      }),
    );
  });

  it('does not grow with sample size (an effect size): scaling both histograms leaves it unchanged', () => {
    fc.assert(
      fc.property(counts, counts, fc.integer({ min: 2, max: 1000 }), (a, b, k) => {
        fc.pre(a.length === b.length && a.some((x) => x > 0) && b.some((x) => x > 0));
        expect(
          psi(
            a,
            b.map((x) => x * k),
          ),
        ).toBeCloseTo(psi(a, b), 9);
      }),
    );
  });

  it('rejects histograms over different bins', () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/bin count/);
  });
});
