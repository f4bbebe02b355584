import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import { templateSurge } from './template-surge.js';

const p = templateSurge.params.parse({});

describe('template-surge signal', () => {
  it('fires on a new template taking a large share', () => {
    const w = makeWindow({
      day: 9,
      templates: {
        hashed: 1100,
        top: [
          { hash: 'campaign-x', count: 120 },
          { hash: 'news-a', count: 20 },
        ],
      },
    });
    const f = templateSurge.detect(contextOf(w, makeBaseline()), p);
    expect(f.map((x) => x.subject)).toEqual(['template:campaign-x']);
    expect(f[0]?.message).toMatch(/unseen in the baseline/);
  });

  it('does not fire on a template at its usual share, nor on a small one', () => {
    const b = makeBaseline();
    expect(templateSurge.detect(contextOf(makeWindow({ day: 9 }), b), p)).toEqual([]);
    const small = makeWindow({ day: 9, templates: { hashed: 1100, top: [{ hash: 'tiny', count: 12 }] } });
    expect(templateSurge.detect(contextOf(small, b), p)).toEqual([]);
  });

  it('does not fire on a bursty campaign back at a share it already had on one baseline day', () => {
    const windows = Array.from({ length: 7 }, (_, d) =>
      makeWindow({
        day: d,
        templates: { hashed: 1100, top: d === 3 ? [{ hash: 'weekly', count: 80 }] : [{ hash: 'news-a', count: 20 }] },
      }),
    );
    const b = makeBaseline({ windows });
    const w = makeWindow({ day: 9, templates: { hashed: 1100, top: [{ hash: 'weekly', count: 85 }] } });
    expect(templateSurge.detect(contextOf(w, b), p)).toEqual([]);
  });
});
