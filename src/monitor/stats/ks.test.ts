import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ksFromHistograms, ksTwoSample } from './ks.js';

const samples = JSON.parse(readFileSync(new URL('./samples.fixture.json', import.meta.url), 'utf8')) as {
  x: number[];
  y: number[];
};
const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 });

describe('two-sample Kolmogorov–Smirnov', () => {
  it('matches scipy: statistic of ks_2samp and p-value kstwobign.sf(√en · D)', () => {
    const a = [0.1, 0.25, 0.33, 0.4, 0.52, 0.6, 0.61, 0.7, 0.81, 0.9];
    const b = [0.05, 0.15, 0.2, 0.22, 0.3, 0.35, 0.5, 0.55, 0.58, 0.66, 0.71, 0.95];
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.25, 12);
    expect(r.pValue).toBeCloseTo(0.8848876530440944, 10);
  });

  it('handles ties (values rounded to 2 decimals) like scipy', () => {
    const r = ksTwoSample(samples.x, samples.y);
    expect(r.statistic).toBeCloseTo(0.22666666666666668, 12);
    expect(r.pValue / 8.582681131196532e-9).toBeCloseTo(1, 6);
  });

  it('is symmetric, in [0, 1], zero against itself, and shift-invariant', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: -1000, max: 1000 }), (a, b, c) => {
        const r = ksTwoSample(a, b);
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.statistic).toBeLessThanOrEqual(1);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(r.statistic).toBeCloseTo(ksTwoSample(b, a).statistic, 12);
        expect(ksTwoSample(a, a).statistic).toBe(0);
        expect(
          ksTwoSample(
            a.map((x) => x + c),
            b.map((x) => x + c),
          ).statistic,
        ).toBeCloseTo(r.statistic, 12);
      }),
    );
  });

  it('on histograms equals the sample statistic when the data sit on the bin grid', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const hist = (xs: number[]) => {
          const h = new Array<number>(101).fill(0);
          for (const x of xs) h[x + 50]! += 1;
          return h;
        };
        expect(ksFromHistograms(hist(a), hist(b)).statistic).toBeCloseTo(ksTwoSample(a, b).statistic, 12);
      }),
    );
  });

  it('p-value shrinks with n for the same D (why thresholds gate on D, not p)', () => {
    const small = ksFromHistograms([50, 50], [40, 60]);
    const large = ksFromHistograms([50_000, 50_000], [40_000, 60_000]);
    expect(large.statistic).toBeCloseTo(small.statistic, 12);
    expect(small.pValue).toBeGreaterThan(0.05);
    expect(large.pValue).toBeLessThan(1e-12);
  });
});
