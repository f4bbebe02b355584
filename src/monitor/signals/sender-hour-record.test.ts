import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/context.js';
import { makeBaseline, makeWindow, T0 } from '../testing/windows.js';
import type { SenderHour, WindowStats } from '../types.js';
import { senderHourRecord } from './sender-hour-record.js';

const p = senderHourRecord.params.parse({});
const HOUR = 3_600_000;

function withSenders(d: number, list: Array<Partial<SenderHour> & { id: string; delivered: number }>): WindowStats {
  const w = makeWindow({ day: d });
  w.senderHours = list.map((s) => ({
    kind: 'account',
    hour: T0 + d * 24 * HOUR + 9 * HOUR,
    rows: s.delivered,
    minAccountAgeDays: 30,
    ...s,
  }));
  return w;
}

const baseline = () =>
  makeBaseline({
    windows: Array.from({ length: 7 }, (_, d) =>
      withSenders(d, [
        { id: 'newsletter', delivered: 10 + (d % 3) },
        { id: '198.51.100.1', kind: 'source', delivered: 14 },
      ]),
    ),
  });

describe('sender-hour-record signal', () => {
  it('fires for a sender that got far more delivered in an hour than any sender of its kind in the baseline', () => {
    const w = withSenders(9, [
      { id: 'burst-0001', delivered: 30, rows: 30, minAccountAgeDays: 1.5 },
      { id: 'newsletter', delivered: 12 },
    ]);
    const f = senderHourRecord.detect(contextOf(w, baseline()), p);
    expect(f.map((x) => x.subject)).toEqual(['account:burst-0001']);
    expect(f[0]?.evidence).toMatchObject({ delivered: 30, baselineMax: 12, baselineMaxBy: 'newsletter' });
    expect(f[0]?.threshold).toBe(19);
  });

  it('compares sources with sources, and lets a heavy sender vary around its record', () => {
    const w = withSenders(9, [
      { id: 'newsletter', delivered: 15 },
      { id: '198.51.100.1', kind: 'source', delivered: 20 },
    ]);
    expect(senderHourRecord.detect(contextOf(w, baseline()), p)).toEqual([]);
    const strict = senderHourRecord.params.parse({ factor: 1 });
    expect(senderHourRecord.detect(contextOf(w, baseline()), strict).map((x) => x.subject)).toEqual([
      'account:newsletter',
      'source:198.51.100.1',
    ]);
  });
});
