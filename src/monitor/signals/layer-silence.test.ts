import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import { layerSilence } from './layer-silence.js';

const p = layerSilence.params.parse({});
const deciders = (bulk: number) => [
  { decidedBy: 'bulk-detector', layer: 'activity', rows: bulk, blocks: bulk },
  { decidedBy: 'sender-accounts', layer: 'access', rows: 40, blocks: 40 },
  { decidedBy: 'threshold-policy', layer: 'application', rows: 1000, blocks: 50 },
];

describe('layer-silence signal', () => {
  it('fires when a component that blocked stops blocking', () => {
    const f = layerSilence.detect(contextOf(makeWindow({ day: 9, deciders: deciders(0) }), makeBaseline()), p);
    expect(f.map((x) => x.subject)).toEqual(['decider:bulk-detector']);
    expect(f[0]?.message).toMatch(
      /bulk-detector \(activity layer\) blocked 0 of ~\d+ expected \(0% of its baseline rate\)/,
    );
  });

  it('does not fire on an ordinary dip', () => {
    expect(layerSilence.detect(contextOf(makeWindow({ day: 9, deciders: deciders(45) }), makeBaseline()), p)).toEqual(
      [],
    );
  });

  it('does not fire on a bursty component that had zero-block windows in the baseline', () => {
    const bursty = (day: number, bulk: number) => makeWindow({ day, deciders: deciders(bulk) });
    const b = makeBaseline({ windows: Array.from({ length: 6 }, (_, d) => bursty(d, d % 2 === 0 ? 120 : 0)) });
    expect(layerSilence.detect(contextOf(bursty(9, 0), b), p)).toEqual([]);
  });

  it('does not fire when too few blocks were expected to tell (a small window)', () => {
    const w = makeWindow({ day: 9, scores: [0.1, 0.2], unscored: 10, deciders: deciders(0) });
    expect(layerSilence.detect(contextOf(w, makeBaseline()), p)).toEqual([]);
  });
});
