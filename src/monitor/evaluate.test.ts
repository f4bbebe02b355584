import { describe, expect, it } from 'vitest';
import { scoreDetection } from './evaluate.js';
import type { InjectedEvent } from './events.js';
import { sampleAlert } from './testing/alerts.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 10);
const win = (d: number) => ({ start: T0 + d * DAY, end: T0 + (d + 1) * DAY });
const isoWin = (d: number) => ({
  start: new Date(T0 + d * DAY).toISOString(),
  end: new Date(T0 + (d + 1) * DAY).toISOString(),
});
const event = (
  kind: InjectedEvent['kind'],
  fromDay: number,
  hours: number,
  accounts: string[] = [],
): InjectedEvent => ({
  kind,
  start: T0 + fromDay * DAY + 10 * 3_600_000,
  end: T0 + fromDay * DAY + (10 + hours) * 3_600_000,
  accounts,
  detail: {},
});

describe('scoreDetection', () => {
  it('matches alerts to events by rule, subject and window, and measures time to detect at window close', () => {
    const events = [event('probing', 0, 6, ['acct-7']), event('template-surge', 2, 3)];
    const alerts = [
      sampleAlert({ window: isoWin(0) }), // probing, account:acct-7
      sampleAlert({ ruleId: 'probing', subject: 'account:someone-else', window: isoWin(2) }),
    ];
    const r = scoreDetection(events, alerts, [win(0), win(1), win(2), win(3)]);
    expect(r.events.map((e) => [e.kind, e.detected, e.timeToDetectMs])).toEqual([
      ['probing', true, 14 * 3_600_000],
      ['template-surge', false, null], // a probing alert does not detect a template surge
    ]);
    expect(r.cleanWindows).toBe(2); // days 1 and 3
    expect(r.falseAlarmWindows).toBe(0);
  });

  it('counts windows after a drift as affected, and adds an event-free run as clean windows', () => {
    const events = [event('drift', 1, 24)];
    const late = sampleAlert({
      ruleId: 'review-overload',
      source: { signal: 'review-overload' },
      subject: 'review-queue',
      window: isoWin(3),
    });
    const early = sampleAlert({
      ruleId: 'review-overload',
      source: { signal: 'review-overload' },
      subject: 'review-queue',
      window: isoWin(0),
    });
    const r = scoreDetection(events, [early, late], [win(0), win(1), win(2), win(3)], {
      alerts: [sampleAlert({ window: isoWin(1) })],
      windows: [win(0), win(1), win(2)],
    });
    // injected run: only day 0 is clean (drift from day 1 on); clean run: 3 windows, one with an alert
    expect(r.cleanWindows).toBe(4);
    expect(r.falseAlarmWindows).toBe(2);
    expect(r.falseAlarmRate).toBeCloseTo(0.5, 12);
    expect(r.falseAlarms.map((a) => a.window.start.slice(0, 10))).toEqual(['2024-01-11', '2024-01-10']);
    expect(r.alerts).toBe(2); // the injected run's alerts
  });
});

describe('scoreDetection without clean windows', () => {
  it('gives no rate (never 0/0) and says why', () => {
    const r = scoreDetection([event('drift', 0, 24)], [], [win(0), win(1)]);
    expect(r.cleanWindows).toBe(0);
    expect(r.falseAlarmRate).toBeNull();
    expect(r.noCleanWindows).toMatch(
      /every one of the 2 checked window\(s\) overlaps an injected event.*drift.*--clean/,
    );
  });

  it('counts false alarms per rule over clean windows', () => {
    const a = sampleAlert({ window: isoWin(1) });
    const r = scoreDetection(
      [event('template-surge', 0, 3)],
      [a, { ...a, subject: 'account:other' }],
      [win(0), win(1)],
    );
    expect(r.falseAlarmsByRule).toEqual({ [a.ruleId]: 1 });
    expect(r.falseAlarmRate).toBe(1);
  });
});
