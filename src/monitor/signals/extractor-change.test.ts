import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow, T0 } from '../testing/windows.js';
import type { VersionPair, WindowStats } from '../types.js';
import { extractorChange } from './extractor-change.js';

const p = extractorChange.params.parse({});
const DAY = 86_400_000;

function withVersions(d: number, pairs: Array<[string, string, number?]>): WindowStats {
  const w = makeWindow({ day: d });
  w.versions = pairs.map(
    ([featureVersion, modelVersion, hour = 0]): VersionPair => ({
      featureVersion,
      modelVersion,
      rows: 100,
      firstTs: T0 + d * DAY + hour * 3_600_000,
    }),
  );
  return w;
}

const baseline = () =>
  makeBaseline({ windows: Array.from({ length: 7 }, (_, d) => withVersions(d, [['fx-a', 'lr-1']])) });

describe('extractor-change signal', () => {
  it('fires when the extractor changes under an unchanged model', () => {
    const f = extractorChange.detect(
      contextOf(
        withVersions(9, [
          ['fx-a', 'lr-1'],
          ['fx-b', 'lr-1', 9],
        ]),
        baseline(),
      ),
      p,
    );
    expect(f.map((x) => x.subject)).toEqual(['extractor:fx-b']);
    expect(f[0]?.evidence).toMatchObject({ modelVersion: 'lr-1', previousFeatureVersions: 'fx-a' });
  });

  it('fires for a model retrained after the baseline whose extractor later changes (earlier windows count)', () => {
    const ctx = contextOf(withVersions(10, [['fx-b', 'lr-2']]), baseline());
    const history = { versions: withVersions(9, [['fx-a', 'lr-2']]).versions };
    expect(extractorChange.detect({ ...ctx, history }, p).map((x) => x.subject)).toEqual(['extractor:fx-b']);
  });

  it('does not fire for a retrain, a retrain with a new extractor, or a change already seen', () => {
    const b = baseline();
    expect(extractorChange.detect(contextOf(withVersions(9, [['fx-a', 'lr-2']]), b), p)).toEqual([]);
    expect(extractorChange.detect(contextOf(withVersions(9, [['fx-b', 'lr-2']]), b), p)).toEqual([]);
    const ctx = contextOf(withVersions(10, [['fx-b', 'lr-1']]), b);
    const history = { versions: withVersions(9, [['fx-b', 'lr-1']]).versions };
    expect(extractorChange.detect({ ...ctx, history }, p)).toEqual([]);
  });

  it('stays silent on logs without extractor versions', () => {
    expect(extractorChange.detect(contextOf(makeWindow({ day: 9 }), makeBaseline()), p)).toEqual([]);
  });
});
