import { describe, expect, it } from 'vitest';
import { attemptsNeeded, earlyStop, precisionAdvice, worstHalfWidth } from './precision.js';

const spec = { halfWidth: 0.1, stopEarly: true, decisionRate: 0.05 };

describe('precision', () => {
  it('knows how many attempts a ±10-point interval needs', () => {
    expect(attemptsNeeded(0.1)).toBe(97);
    expect(worstHalfWidth(97)).toBeLessThanOrEqual(0.1);
    expect(worstHalfWidth(40)).toBeGreaterThan(0.1);
  });

  it('stops a chain once its interval decides the question, not before ten attempts', () => {
    expect(earlyStop(spec, 6, 9)).toBeNull();
    expect(earlyStop(spec, 6, 10)).toBe('gets through');
    expect(earlyStop(spec, 0, 15)).toBeNull();
    expect(earlyStop(spec, 0, 30)).toBe('precise');
    expect(earlyStop(spec, 0, 140)).toBe('negligible');
    expect(earlyStop({ ...spec, stopEarly: false }, 6, 10)).toBeNull();
  });

  it('advises more seeds when chains cannot reach the asked width', () => {
    const p = { halfWidth: 0.1, attemptsNeeded: 97, attemptsPerChain: 40, achievableHalfWidth: worstHalfWidth(40) };
    expect(precisionAdvice({ ...p, stopEarly: false, decisionRate: 0.05, stopped: [] })).toMatch(
      /at most 40 attempts.*±15 points.*needs 97/,
    );
    expect(
      precisionAdvice({ ...p, attemptsPerChain: 100, stopEarly: false, decisionRate: 0.05, stopped: [] }),
    ).toBeNull();
  });
});
