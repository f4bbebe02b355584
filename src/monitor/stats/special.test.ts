import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  gammaP,
  gammaQ,
  kolmogorovSurvival,
  logGamma,
  poissonCdf,
  poissonSurvival,
} from './special.js';

// Reference values: scipy 1.17 (special.gammaln, stats.chi2.sf, stats.poisson, stats.kstwobign.sf).
describe('special functions', () => {
  it('logGamma matches scipy.special.gammaln', () => {
    const cases: Array<[number, number]> = [
      [0.1, 2.252712651734206],
      [0.5, 0.5723649429247],
      [1, 0],
      [3.7, 1.428072326665388],
      [10, 12.801827480081469],
      [171.3, 708.1149470389971],
    ];
    for (const [x, want] of cases) expect(logGamma(x)).toBeCloseTo(want, 10);
  });

  it('chi-square survival matches scipy.stats.chi2.sf', () => {
    const cases: Array<[number, number, number]> = [
      [3.841458820694124, 1, 0.05],
      [10, 3, 0.01856613546304325],
      [50, 10, 2.669083424904495e-7],
      [200, 100, 1.1784500720979781e-8],
      [0.5, 4, 0.9735009788392561],
      [400, 20, 2.0440955935807256e-72],
    ];
    for (const [x, k, want] of cases) expect(chiSquareSurvival(x, k) / want).toBeCloseTo(1, 8);
  });

  it('Poisson tails match scipy.stats.poisson', () => {
    expect(poissonCdf(0, 5)).toBeCloseTo(0.006737946999085468, 12);
    expect(poissonCdf(3, 10) / 0.010336050675925726).toBeCloseTo(1, 9);
    expect(poissonCdf(100, 100)).toBeCloseTo(0.5265621985299985, 10);
    expect(poissonCdf(2, 50) / 2.509303552201055e-19).toBeCloseTo(1, 8);
    expect(poissonSurvival(10, 5)).toBeCloseTo(0.03182805730620481, 10);
    expect(poissonSurvival(150, 100) / 1.8842104660386844e-6).toBeCloseTo(1, 8);
    expect(poissonSurvival(1, 0.1)).toBeCloseTo(0.09516258196404044, 12);
  });

  it('Kolmogorov survival matches scipy.stats.kstwobign.sf on both sides of the series switch', () => {
    const cases: Array<[number, number]> = [
      [0.2, 0.999999999999495],
      [0.5, 0.9639452436648751],
      [0.8, 0.5441424115741981],
      [1.0, 0.26999967167735456],
      [1.0000001, 0.26999956448251405],
      [1.3580986393225505, 0.05],
      [2.0, 0.0006709252557796953],
      [3.0, 3.045995948942526e-8],
    ];
    for (const [x, want] of cases) expect(kolmogorovSurvival(x) / want).toBeCloseTo(1, 9);
  });

  it('P + Q = 1 and both lie in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (a, x) => {
          const p = gammaP(a, x);
          const q = gammaQ(a, x);
          expect(p).toBeGreaterThanOrEqual(-1e-12);
          expect(q).toBeGreaterThanOrEqual(-1e-12);
          expect(p + q).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('the Kolmogorov survival function decreases monotonically', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (x, dx) => {
          expect(kolmogorovSurvival(x + dx)).toBeLessThanOrEqual(kolmogorovSurvival(x) + 1e-12);
        },
      ),
    );
  });
});
