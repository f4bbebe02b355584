import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.js';

describe('SeededRandom.beta', () => {
  it('has the Beta distribution’s mean and spread, and stays in [0, 1]', () => {
    const rng = new SeededRandom(7);
    for (const [a, b] of [
      [2.4, 1.6],
      [0.4, 3.6],
      [22, 180],
    ] as const) {
      const xs = Array.from({ length: 20_000 }, () => rng.beta(a, b));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      const expectedMean = a / (a + b);
      const expectedVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(1);
      expect(Math.abs(mean - expectedMean)).toBeLessThan(0.01);
      expect(Math.abs(variance - expectedVariance) / expectedVariance).toBeLessThan(0.1);
    }
  });

  it('is deterministic for a seed', () => {
    expect(new SeededRandom(3).beta(2, 5)).toBe(new SeededRandom(3).beta(2, 5));
  });
});
