import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizedWasserstein, wasserstein1, wasserstein1Histogram } from './wasserstein.js';

const samples = JSON.parse(readFileSync(new URL('./samples.fixture.json', import.meta.url), 'utf8')) as {
  x: number[];
  y: number[];
};
const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('Wasserstein-1', () => {
  it('matches scipy.stats.wasserstein_distance on samples and weighted samples', () => {
    const a = [0.1, 0.25, 0.33, 0.4, 0.52, 0.6, 0.61, 0.7, 0.81, 0.9];
    const b = [0.05, 0.15, 0.2, 0.22, 0.3, 0.35, 0.5, 0.55, 0.58, 0.66, 0.71, 0.95];
    expect(wasserstein1(a, b)).toBeCloseTo(0.097, 12);
    expect(wasserstein1(samples.x, samples.y)).toBeCloseTo(0.39198000000000005, 10);
    expect(wasserstein1([0, 1, 3], [5, 6, 8], [0, 10, 3], [1, 1, 1])).toBeCloseTo(4.871794871794872, 12);
  });

  it('on histograms puts mass at the bin centres', () => {
    const centres = [0.05, 0.15, 0.25, 0.35];
    expect(wasserstein1Histogram(centres, [10, 20, 30, 40], [40, 30, 20, 10])).toBeCloseTo(0.1, 12);
    expect(wasserstein1Histogram(centres, [10, 20, 30, 40], [10, 20, 30, 40])).toBe(0);
  });

  it('is symmetric, ≥ 0, and equals |c| for a shift by c', () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -50, max: 50, noNaN: true }), (a, b, c) => {
        const d = wasserstein1(a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeCloseTo(wasserstein1(b, a), 8);
        expect(
          wasserstein1(
            a,
            a.map((x) => x + c),
          ),
        ).toBeCloseTo(Math.abs(c), 6);
      }),
    );
  });

  it('satisfies the triangle inequality', () => {
    fc.assert(
      fc.property(sample, sample, sample, (a, b, c) => {
        expect(wasserstein1(a, b)).toBeLessThanOrEqual(wasserstein1(a, c) + wasserstein1(c, b) + 1e-7);
      }),
    );
  });

  it('normalizes by the baseline spread', () => {
    expect(normalizedWasserstein(0.02, 0.2)).toBeCloseTo(0.1, 12);
    expect(normalizedWasserstein(0, 0)).toBe(0);
  });
});
