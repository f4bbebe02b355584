import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './chi-square.js';

describe('chi-square homogeneity', () => {
  it('matches scipy.stats.chi2_contingency(correction=False)', () => {
    const r1 = chiSquareHomogeneity([10, 20, 30], [15, 15, 30]);
    expect(r1.statistic).toBeCloseTo(1.7142857142857144, 12);
    expect(r1.dof).toBe(2);
    expect(r1.pValue).toBeCloseTo(0.42437284567695, 10);
    expect(r1.cramersV).toBeCloseTo(0.11952286093343938, 12);
    const r2 = chiSquareHomogeneity([100, 200, 300, 400], [110, 190, 330, 370]);
    expect(r2.statistic).toBeCloseTo(3.33000333000333, 10);
    expect(r2.pValue).toBeCloseTo(0.3434885233764123, 10);
    // an empty category is dropped (dof 1, not 2)
    const r3 = chiSquareHomogeneity([5, 0, 5], [3, 0, 9]);
    expect(r3.dof).toBe(1);
    expect(r3.pValue).toBeCloseTo(0.2248392358079095, 10);
  });

  it('χ² scales with n while Cramér’s V stays put (the large-sample problem)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 2, max: 100 }),
        (a, b0, k) => {
          const b = a.map((_, i) => b0[i % b0.length] as number);
          const r = chiSquareHomogeneity(a, b);
          const big = chiSquareHomogeneity(
            a.map((x) => x * k),
            b.map((x) => x * k),
          );
          expect(big.statistic).toBeCloseTo(r.statistic * k, 6);
          expect(big.cramersV).toBeCloseTo(r.cramersV, 9);
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
          expect(big.pValue).toBeLessThanOrEqual(r.pValue + 1e-12);
        },
      ),
    );
  });

  it('is 0 with p = 1 for identical proportions', () => {
    const r = chiSquareHomogeneity([10, 20, 30], [20, 40, 60]);
    expect(r.statistic).toBeCloseTo(0, 12);
    expect(r.pValue).toBeCloseTo(1, 12);
  });
});
