import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow } from '../testing/windows.js';
import { feedbackSpike } from './feedback-spike.js';

const p = feedbackSpike.params.parse({});

describe('feedback-spike signal', () => {
  it('fires when "not spam" reports from young accounts surge', () => {
    const w = makeWindow({ day: 9, reports: { notSpam: 60, notSpamYoung: 55 } });
    const f = feedbackSpike.detect(contextOf(w, makeBaseline()), p);
    expect(f).toHaveLength(1);
    expect(f[0]?.evidence.firedOn).toBe('all+young');
    expect(f[0]?.message).toMatch(/60 "not spam" reports/);
  });

  it('fires on young-account reports alone, even when the total stays modest', () => {
    const w = makeWindow({ day: 9, reports: { notSpam: 14, notSpamYoung: 12 } });
    const f = feedbackSpike.detect(contextOf(w, makeBaseline()), p);
    expect(f[0]?.evidence.firedOn).toBe('young');
  });

  it('stays quiet on ordinary report volumes', () => {
    expect(
      feedbackSpike.detect(
        contextOf(makeWindow({ day: 9, reports: { notSpam: 6, notSpamYoung: 2 } }), makeBaseline()),
        p,
      ),
    ).toEqual([]);
  });
});
