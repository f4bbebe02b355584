import { describe, expect, it } from 'vitest';
import { summarize, upperBand } from './series.js';

describe('series', () => {
  it('summarizes with the sample standard deviation and skips non-numbers', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9, null, Number.NaN]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(2.138089935299395, 12); // numpy.std(ddof=1)
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
  });

  it('gives no calibrated band with too few reference windows', () => {
    expect(upperBand(summarize([0.1, 0.2]), 3)).toBeNull();
    expect(upperBand(summarize([1, 2, 3]), 2)).toBeCloseTo(4, 12);
  });
});
