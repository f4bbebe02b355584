import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import type { WindowStats } from '../types.js';
import { featureSkew } from './feature-skew.js';

const p = featureSkew.params.parse({});

/** `n` records whose feature counts spread over half-octave buckets around `center` (bucket index). */
function withFeatures(d: number, center: number, n = 1000, jitter = 0): WindowStats {
  const w = makeWindow({ day: d });
  const spread = [0.1, 0.2, 0.4, 0.2, 0.1];
  let sum = 0;
  spread.forEach((share, i) => {
    const bucket = center - 2 + i;
    const count = Math.round(n * share) + (i === 2 ? jitter : 0);
    w.featureTokenCounts[bucket] = count;
    sum += count * (2 ** (bucket / 2) - 1);
  });
  w.featured = w.featureTokenCounts.reduce((a, b) => a + b, 0);
  w.featureTokenSum = sum;
  return w;
}

const baseline = () =>
  makeBaseline({ windows: Array.from({ length: 7 }, (_, d) => withFeatures(d, 14, 1000, (d % 3) * 10)) });

describe('feature-skew signal', () => {
  it('fires when served inputs turn into far fewer features than in the baseline', () => {
    const f = featureSkew.detect(contextOf(withFeatures(9, 11), baseline()), p);
    expect(f.map((x) => x.subject)).toEqual(['features']);
    expect(f[0]?.evidence.shift as number).toBeLessThan(-0.5);
    expect(f[0]?.message).toMatch(/features per input moved from the baseline: PSI/);
  });

  it('does not fire on an ordinary day, on a small window, or on logs without feature counts', () => {
    expect(featureSkew.detect(contextOf(withFeatures(9, 14, 1000, 15), baseline()), p)).toEqual([]);
    expect(featureSkew.detect(contextOf(withFeatures(9, 11, 100), baseline()), p)).toEqual([]);
    expect(featureSkew.detect(contextOf(makeWindow({ day: 9 }), makeBaseline()), p)).toEqual([]);
  });
});
