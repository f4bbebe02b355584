import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow, T0 } from '../testing/windows.js';
import type { HourStats, WindowStats } from '../types.js';
import { outageBurst } from './outage-burst.js';

const p = outageBurst.params.parse({});
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A day of hours: 20 young-sender records an hour, and a campaign hour (60 young) where the rate limiter blocks 12. */
function day(d: number, extra?: (h: HourStats, i: number) => void): WindowStats {
  const w = makeWindow({ day: d });
  w.hours = Array.from({ length: 24 }, (_, i) => {
    const h: HourStats = { start: T0 + d * DAY + i * HOUR, rows: 40, youngRows: 20, blocks: {} };
    if (i === 8) {
      h.youngRows = 60;
      h.rows = 80;
      h.blocks = { 'rate-limiter': 12 };
    }
    extra?.(h, i);
    return h;
  });
  // The window's per-component totals agree with its hours, as the SQL aggregation's would.
  const blocks = new Map<string, number>();
  for (const h of w.hours) for (const [k, v] of Object.entries(h.blocks)) blocks.set(k, (blocks.get(k) ?? 0) + v);
  w.deciders = [...blocks].map(([decidedBy, n]) => ({ decidedBy, layer: 'activity', rows: n, blocks: n }));
  return w;
}

const baseline = () => makeBaseline({ windows: Array.from({ length: 7 }, (_, d) => day(d)) });

describe('outage-burst signal', () => {
  it('fires when fresh-sender volume far above any baseline hour meets a silent rate limiter', () => {
    const w = day(9, (h, i) => {
      if (i === 11) {
        h.youngRows = 200;
        h.rows = 220;
        h.blocks = {};
      }
    });
    const f = outageBurst.detect(contextOf(w, baseline()), p);
    expect(f.map((x) => x.subject)).toEqual(['decider:rate-limiter']);
    expect(f[0]?.evidence).toMatchObject({ youngRows: 200, observed: 0, baselineYoungMax: 60 });
    expect(f[0]?.message).toMatch(/rate-limiter blocked 0 of ~27 expected while 200 decisions came from young senders/);
  });

  it('does not fire when the layer blocks its share of the burst', () => {
    const w = day(9, (h, i) => {
      if (i === 11) {
        h.youngRows = 200;
        h.blocks = { 'rate-limiter': 38 };
      }
    });
    expect(outageBurst.detect(contextOf(w, baseline()), p)).toEqual([]);
  });

  it('does not treat a component that blocks all day (the content model) as a burst stopper', () => {
    const allDay = (d: number, extra?: (h: HourStats, i: number) => void) =>
      day(d, (h, i) => {
        h.blocks = { ...h.blocks, 'threshold-policy': 5 };
        extra?.(h, i);
      });
    const b = makeBaseline({ windows: Array.from({ length: 7 }, (_, d) => allDay(d)) });
    const burst = allDay(9, (h, i) => {
      if (i === 11) {
        h.youngRows = 200;
        h.blocks = { 'rate-limiter': 40 };
      }
    });
    expect(outageBurst.detect(contextOf(burst, b), p)).toEqual([]);
  });

  it('does not fire on a quiet hour with no blocks (nothing to block) nor on an ordinary day', () => {
    expect(outageBurst.detect(contextOf(day(9), baseline()), p)).toEqual([]);
    const quiet = day(9, (h) => {
      h.blocks = {};
    });
    expect(outageBurst.detect(contextOf(quiet, baseline()), p)).toEqual([]);
  });
});
