import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import { reviewOverload } from './review-overload.js';

const p = reviewOverload.params.parse({});

describe('review-overload signal', () => {
  it('fires when the queue exceeds the configured capacity', () => {
    const f = reviewOverload.detect(
      contextOf(makeWindow({ day: 9, review: 130 }), makeBaseline({ capacityPerDay: 100 })),
      p,
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.value).toBeCloseTo(1.3, 12);
    expect(f[0]?.message).toMatch(/130% of the capacity of 100\/day/);
  });

  it('stays quiet under capacity, even far above the usual load', () => {
    expect(
      reviewOverload.detect(contextOf(makeWindow({ day: 9, review: 90 }), makeBaseline({ capacityPerDay: 100 })), p),
    ).toEqual([]);
  });

  it('without a capacity, fires only on a load far beyond the baseline', () => {
    const b = makeBaseline();
    expect(reviewOverload.detect(contextOf(makeWindow({ day: 9, review: 26 }), b), p)).toEqual([]);
    const f = reviewOverload.detect(contextOf(makeWindow({ day: 9, review: 70 }), b), p);
    expect(f[0]?.message).toMatch(/no capacity configured/);
  });

  it('without a capacity, does not fire on the noise of a small queue', () => {
    const small = Array.from({ length: 7 }, (_, d) => makeWindow({ day: d, review: [6, 8, 6, 8, 4, 5, 10][d] }));
    const b = makeBaseline({ windows: small });
    expect(reviewOverload.detect(contextOf(makeWindow({ day: 9, review: 15 }), b), p)).toEqual([]);
    expect(reviewOverload.detect(contextOf(makeWindow({ day: 9, review: 40 }), b), p)).toHaveLength(1);
  });
});
