import { describe, expect, it } from 'vitest';
import { disjoint, wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  it('matches published values', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    const a = wilsonInterval(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 4);
    expect(b.high).toBeCloseTo(0.1605, 4);
  });

  it('is exact at the ends and never leaves [0,1]', () => {
    const zero = wilsonInterval(0, 20);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.1611, 4);
    const all = wilsonInterval(20, 20);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.8389, 4);
  });

  it('knows nothing without data and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });

  it('narrows as n grows', () => {
    const small = wilsonInterval(5, 10);
    const big = wilsonInterval(500, 1000);
    expect(big.high - big.low).toBeLessThan(small.high - small.low);
  });

  it('tells separated intervals apart', () => {
    expect(disjoint(wilsonInterval(0, 40), wilsonInterval(30, 40))).toBe(true);
    expect(disjoint(wilsonInterval(10, 40), wilsonInterval(12, 40))).toBe(false);
  });
});
