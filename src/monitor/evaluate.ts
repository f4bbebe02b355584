/**
 * Evaluation on simulated traffic with known injected events (`DIR/events.json`): build a baseline on the clean
 * days before the first event, check every later window with the rules, then score the monitor — for each event,
 * was it detected by a matching rule in a window it overlaps, and how long after its start (time-to-detect = end of
 * the first alerting window − event start, i.e. when a check run at window close would report it); and over the
 * windows that overlap no event, how many raised any alert (the false-alarm rate).
 */
import type { Progress } from './aggregate.js';
import type { Alert } from './alert.js';
import { createBaseline } from './baseline.js';
import { runCheck } from './check.js';
import type { DbOptions } from './db.js';
import type { EventKind, InjectedEvent } from './events.js';
import { defaultRules, type RuleSet } from './rules.js';
import type { LogInput } from './source.js';
import { openDb } from './db.js';
import { openLogs } from './source.js';
import { DAY_MS } from './types.js';
import { formatDuration, iso, windowStart } from './window.js';
import { UserError } from '../util/errors.js';

/** Which alerts count as detecting which event kind: signals by id, metric rules by metric prefix. */
export const EVENT_MATCH: Record<EventKind, { signals: string[]; metricPrefixes: string[] }> = {
  probing: { signals: ['probing'], metricPrefixes: ['score.near_rate'] },
  'template-surge': { signals: ['template-surge'], metricPrefixes: ['template.'] },
  'feedback-spike': { signals: ['feedback-spike'], metricPrefixes: ['report.'] },
  'layer-outage': { signals: ['layer-silence'], metricPrefixes: ['layer.'] },
  drift: { signals: ['score-drift'], metricPrefixes: ['score.', 'input.'] },
};

export interface EventOutcome {
  kind: EventKind;
  start: string;
  end: string;
  accounts: number;
  detected: boolean;
  /** Rules whose alerts matched the event. */
  detectedBy: string[];
  /** End of the first alerting window (when a check at window close reports it). */
  detectedAt: string | null;
  timeToDetectMs: number | null;
}

export interface EvaluationResult {
  kind: 'nograd-monitor-evaluation';
  version: 1;
  window: string;
  baseline: { since: string; until: string; windows: number; rows: number };
  checked: { since: string; until: string; windows: number };
  events: EventOutcome[];
  detected: number;
  /** Windows overlapping no event. */
  cleanWindows: number;
  /** Clean windows that raised at least one alert. */
  falseAlarmWindows: number;
  falseAlarmRate: number;
  falseAlarms: Alert[];
  alertsByRule: Record<string, number>;
  alerts: number;
}

export interface EvaluateOptions extends DbOptions {
  events: InjectedEvent[];
  windowMs?: number;
  /** At most this many clean days before the first event form the baseline (default 7). */
  baselineDays?: number;
  rules?: RuleSet;
  capacityPerDay?: number | null;
  progress?: Progress;
}

export function matches(alert: Alert, event: InjectedEvent): boolean {
  const m = EVENT_MATCH[event.kind];
  const ok = 'signal' in alert.source ? m.signals.includes(alert.source.signal) : m.metricPrefixes.some((p) => (alert.source as { metric: string }).metric.startsWith(p));
  if (!ok) return false;
  // A per-account finding must name one of the event's accounts (a source IP is not in events.json: accepted).
  if (alert.subject.startsWith('account:') && event.accounts.length > 0) return event.accounts.includes(alert.subject.slice('account:'.length));
  return true;
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/** Score alerts against events (pure). Windows are [start, end) in ms. */
export function scoreDetection(
  events: readonly InjectedEvent[],
  alerts: readonly Alert[],
  windows: ReadonlyArray<{ start: number; end: number }>,
): Pick<EvaluationResult, 'events' | 'detected' | 'cleanWindows' | 'falseAlarmWindows' | 'falseAlarmRate' | 'falseAlarms' | 'alertsByRule' | 'alerts'> {
  const at = (a: Alert) => ({ start: Date.parse(a.window.start), end: Date.parse(a.window.end) });
  const outcomes = events.map((e) => {
    const hits = alerts
      .filter((a) => {
        const w = at(a);
        return overlaps(w.start, w.end, e.start, e.end) && matches(a, e);
      })
      .sort((a, b) => at(a).end - at(b).end);
    const first = hits[0];
    const detectedAt = first ? at(first).end : null;
    return {
      kind: e.kind,
      start: iso(e.start),
      end: iso(e.end),
      accounts: e.accounts.length,
      detected: first !== undefined,
      detectedBy: [...new Set(hits.map((h) => h.ruleId))].sort(),
      detectedAt: detectedAt === null ? null : iso(detectedAt),
      timeToDetectMs: detectedAt === null ? null : Math.max(0, detectedAt - e.start),
    } satisfies EventOutcome;
  });
  const clean = windows.filter((w) => !events.some((e) => overlaps(w.start, w.end, e.start, e.end)));
  const falseAlarms = alerts.filter((a) => {
    const w = at(a);
    return clean.some((c) => c.start === w.start && c.end === w.end);
  });
  const falseAlarmWindows = new Set(falseAlarms.map((a) => a.window.start)).size;
  const alertsByRule: Record<string, number> = {};
  for (const a of alerts) alertsByRule[a.ruleId] = (alertsByRule[a.ruleId] ?? 0) + 1;
  return {
    events: outcomes,
    detected: outcomes.filter((o) => o.detected).length,
    cleanWindows: clean.length,
    falseAlarmWindows,
    falseAlarmRate: clean.length > 0 ? falseAlarmWindows / clean.length : 0,
    falseAlarms,
    alertsByRule,
    alerts: alerts.length,
  };
}

export async function evaluateTraffic(inputs: readonly LogInput[], opts: EvaluateOptions): Promise<EvaluationResult> {
  const windowMs = opts.windowMs ?? DAY_MS;
  const baselineDays = opts.baselineDays ?? 7;
  const db = await openDb(opts);
  let first: number | null;
  let last: number | null;
  try {
    const opened = await openLogs(db, inputs, { since: null, until: null });
    first = opened.firstTs;
    last = opened.lastTs;
  } finally {
    db.close();
  }
  if (first === null || last === null) throw new UserError('the traffic holds no decision records');
  const since = windowStart(first, windowMs);
  const firstEvent = Math.min(...opts.events.map((e) => e.start), Number.POSITIVE_INFINITY);
  const until = Math.min(windowStart(firstEvent, windowMs), windowStart(first, windowMs) + Math.max(1, Math.round((baselineDays * DAY_MS) / windowMs)) * windowMs);
  const baselineWindows = Math.round((until - since) / windowMs);
  if (baselineWindows < 3) {
    throw new UserError(`only ${baselineWindows} clean window(s) of ${formatDuration(windowMs)} before the first injected event: a baseline needs at least 3 (generate more days before the events)`);
  }
  opts.progress?.(`baseline on ${iso(since)} … ${iso(until)}`);
  const baseline = await createBaseline(inputs, { ...opts, windowMs, capacityPerDay: opts.capacityPerDay ?? null, range: { since: null, until }, progress: opts.progress });
  const checkUntil = windowStart(last, windowMs) + windowMs;
  opts.progress?.(`checking ${iso(until)} … ${iso(checkUntil)}`);
  const { result } = await runCheck(inputs, baseline, { ...opts, rules: opts.rules ?? defaultRules(), windowMs, range: { since: until, until: checkUntil }, progress: opts.progress });
  const windows = result.windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) }));
  return {
    kind: 'nograd-monitor-evaluation',
    version: 1,
    window: formatDuration(windowMs),
    baseline: { since: iso(since), until: iso(until), windows: baselineWindows, rows: baseline.source.rows },
    checked: { since: iso(until), until: iso(checkUntil), windows: windows.length },
    ...scoreDetection(opts.events, result.alerts, windows),
  };
}
