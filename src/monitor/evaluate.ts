/**
 * Evaluation on simulated traffic with known injected events (`DIR/events.json`): build a baseline on the clean
 * days before the first event, check every later window with the rules, then score the monitor — for each event,
 * was it detected by a matching rule in a window it overlaps, and how long after its start (time-to-detect = end of
 * the first alerting window − event start, i.e. when a check run at window close would report it); and over the
 * windows that no event affects, how many raised any alert (the false-alarm rate). Drift affects every window from
 * its start on (the traffic stays at the new mix after the ramp), so windows after a drift are not "clean".
 *
 * Clean windows can also come from a second, event-free run (`clean`: e.g. the same simulation seed with no
 * injections — the counterfactual traffic). Then the baseline is built on its first days and all its later windows
 * count as clean, which gives a false-alarm rate over many windows even when the injected run has few clean ones.
 */

import { UserError } from '../util/errors.js';
import type { Progress } from './aggregate.js';
import type { Alert } from './alert.js';
import { createBaseline } from './baseline.js';
import { runCheck } from './check.js';
import type { DbOptions } from './db.js';
import { openDb } from './db.js';
import type { EventKind, InjectedEvent } from './events.js';
import { defaultRules, type RuleSet } from './rules.js';
import type { LogInput } from './source.js';
import { openLogs } from './source.js';
import { DAY_MS } from './types.js';
import { formatDuration, iso, windowStart } from './window.js';

/** Which alerts count as detecting which event kind: signals by id, metric rules by metric prefix. */
export const EVENT_MATCH: Record<EventKind, { signals: string[]; metricPrefixes: string[] }> = {
  probing: { signals: ['probing'], metricPrefixes: ['score.near_rate'] },
  'template-surge': { signals: ['template-surge'], metricPrefixes: ['template.'] },
  'feedback-spike': { signals: ['feedback-spike'], metricPrefixes: ['report.'] },
  'layer-outage': { signals: ['layer-silence', 'outage-burst', 'sender-hour-record'], metricPrefixes: ['layer.'] },
  drift: { signals: ['score-drift'], metricPrefixes: ['score.', 'input.'] },
  'extractor-change': { signals: ['extractor-change'], metricPrefixes: [] },
  'feature-skew': { signals: ['feature-skew'], metricPrefixes: [] },
  // Planted content evasions are for `traces evaluate` to find; a monitor sees them only as new templates, senders
  // that get much through, or scores gathering at the threshold.
  'evasive-campaigns': {
    signals: ['template-surge', 'sender-hour-record', 'probing'],
    metricPrefixes: ['template.', 'score.near_rate'],
  },
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
  baseline: { from: 'injected' | 'clean'; since: string; until: string; windows: number; rows: number };
  checked: { since: string; until: string; windows: number };
  /** The event-free run, when one was given. */
  clean: { since: string; until: string; windows: number; alerts: number } | null;
  events: EventOutcome[];
  detected: number;
  /** Windows no event affects (in the injected run, plus every checked window of the clean run). */
  cleanWindows: number;
  /** Clean windows that raised at least one alert. */
  falseAlarmWindows: number;
  /** falseAlarmWindows / cleanWindows; null when there is no clean window (see `noCleanWindows`). */
  falseAlarmRate: number | null;
  /** Why no window is clean, when none is. */
  noCleanWindows: string | null;
  /** Per rule: clean windows in which it alerted. */
  falseAlarmsByRule: Record<string, number>;
  falseAlarms: Alert[];
  alertsByRule: Record<string, number>;
  /** Alerts in the injected run. */
  alerts: number;
}

export interface EvaluateOptions extends DbOptions {
  events: InjectedEvent[];
  /** An event-free run: baseline on its first days, false alarms over the rest. */
  clean?: readonly LogInput[];
  windowMs?: number;
  /** At most this many clean days form the baseline (default 7). */
  baselineDays?: number;
  rules?: RuleSet;
  capacityPerDay?: number | null;
  progress?: Progress;
}

export function matches(alert: Alert, event: InjectedEvent): boolean {
  const m = EVENT_MATCH[event.kind];
  const ok =
    'signal' in alert.source
      ? m.signals.includes(alert.source.signal)
      : m.metricPrefixes.some((p) => (alert.source as { metric: string }).metric.startsWith(p));
  if (!ok) return false;
  // A per-account finding must name one of the event's accounts (a source IP is not in events.json: accepted).
  if (alert.subject.startsWith('account:') && event.accounts.length > 0)
    return event.accounts.includes(alert.subject.slice('account:'.length));
  return true;
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/** Until when an event affects traffic: drift leaves the traffic at its new mix, the others end with the event. */
export function effectEnd(e: InjectedEvent): number {
  return PERSISTENT.has(e.kind) ? Number.POSITIVE_INFINITY : e.end;
}

/** Events after which traffic does not return to its old state by itself. */
const PERSISTENT = new Set<EventKind>(['drift', 'extractor-change', 'feature-skew']);

type Span = { start: number; end: number };
type Scored = Pick<
  EvaluationResult,
  | 'events'
  | 'detected'
  | 'cleanWindows'
  | 'falseAlarmWindows'
  | 'falseAlarmRate'
  | 'noCleanWindows'
  | 'falseAlarmsByRule'
  | 'falseAlarms'
  | 'alertsByRule'
  | 'alerts'
>;

/**
 * Score alerts against events (pure). Windows are [start, end) in ms. `clean` adds an event-free run: each of its
 * windows is clean, and each alert in it a false alarm.
 */
export function scoreDetection(
  events: readonly InjectedEvent[],
  alerts: readonly Alert[],
  windows: readonly Span[],
  clean?: { alerts: readonly Alert[]; windows: readonly Span[] },
): Scored {
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
  const cleanHere = windows.filter((w) => !events.some((e) => overlaps(w.start, w.end, e.start, effectEnd(e))));
  const inClean = (spans: readonly Span[]) => (a: Alert) => {
    const w = at(a);
    return spans.some((c) => c.start === w.start && c.end === w.end);
  };
  const falseHere = alerts.filter(inClean(cleanHere));
  const falseThere = (clean?.alerts ?? []).filter(inClean(clean?.windows ?? []));
  const cleanWindows = cleanHere.length + (clean?.windows.length ?? 0);
  const falseAlarmWindows =
    new Set(falseHere.map((a) => a.window.start)).size + new Set(falseThere.map((a) => a.window.start)).size;
  const alertsByRule: Record<string, number> = {};
  for (const a of alerts) alertsByRule[a.ruleId] = (alertsByRule[a.ruleId] ?? 0) + 1;
  const falseAlarmsByRule: Record<string, number> = {};
  for (const [run, list] of [
    ['injected', falseHere],
    ['clean', falseThere],
  ] as const) {
    const seen = new Set<string>();
    for (const a of list) {
      const key = `${run}|${a.ruleId}|${a.window.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      falseAlarmsByRule[a.ruleId] = (falseAlarmsByRule[a.ruleId] ?? 0) + 1;
    }
  }
  const persistent = events.filter((e) => effectEnd(e) === Number.POSITIVE_INFINITY).map((e) => e.kind);
  return {
    events: outcomes,
    detected: outcomes.filter((o) => o.detected).length,
    cleanWindows,
    falseAlarmWindows,
    falseAlarmRate: cleanWindows > 0 ? falseAlarmWindows / cleanWindows : null,
    noCleanWindows:
      cleanWindows > 0
        ? null
        : `every one of the ${windows.length} checked window(s) overlaps an injected event${persistent.length > 0 ? ` or follows one that changes the traffic for good (${[...new Set(persistent)].join(', ')})` : ''}; pass an event-free run (--clean DIR) to measure false alarms`,
    falseAlarmsByRule,
    falseAlarms: [...falseThere, ...falseHere],
    alertsByRule,
    alerts: alerts.length,
  };
}

async function timeSpan(
  inputs: readonly LogInput[],
  opts: DbOptions,
  what: string,
): Promise<{ first: number; last: number }> {
  const db = await openDb(opts);
  try {
    const opened = await openLogs(db, inputs, { since: null, until: null });
    if (opened.firstTs === null || opened.lastTs === null)
      throw new UserError(`the ${what} traffic holds no decision records`);
    return { first: opened.firstTs, last: opened.lastTs };
  } finally {
    db.close();
  }
}

export async function evaluateTraffic(inputs: readonly LogInput[], opts: EvaluateOptions): Promise<EvaluationResult> {
  const windowMs = opts.windowMs ?? DAY_MS;
  const baselineDays = opts.baselineDays ?? 7;
  const rules = opts.rules ?? defaultRules();
  const maxBaselineWindows = Math.max(1, Math.round((baselineDays * DAY_MS) / windowMs));
  const injected = await timeSpan(inputs, opts, 'injected');
  const reference = opts.clean ? await timeSpan(opts.clean, opts, 'clean') : injected;
  const refInputs = opts.clean ?? inputs;
  const since = windowStart(reference.first, windowMs);
  const firstEvent = opts.clean
    ? Number.POSITIVE_INFINITY
    : Math.min(...opts.events.map((e) => e.start), Number.POSITIVE_INFINITY);
  // With a clean run, keep at least one of its windows out of the baseline to measure false alarms on.
  const lastRefWindow = windowStart(reference.last, windowMs);
  const until = Math.min(
    windowStart(firstEvent, windowMs),
    since + maxBaselineWindows * windowMs,
    opts.clean ? lastRefWindow : Number.POSITIVE_INFINITY,
  );
  const baselineWindows = Math.round((until - since) / windowMs);
  if (baselineWindows < 3) {
    throw new UserError(
      opts.clean
        ? `the clean traffic spans only ${baselineWindows + 1} window(s) of ${formatDuration(windowMs)}: a baseline needs at least 3, plus one to check`
        : `only ${baselineWindows} clean window(s) of ${formatDuration(windowMs)} before the first injected event: a baseline needs at least 3 (generate more days before the events, or pass an event-free run as the clean traffic)`,
    );
  }
  opts.progress?.(`baseline on ${iso(since)} … ${iso(until)}`);
  const baseline = await createBaseline(refInputs, {
    ...opts,
    windowMs,
    capacityPerDay: opts.capacityPerDay ?? null,
    range: { since: null, until },
    progress: opts.progress,
  });

  let clean: { alerts: Alert[]; windows: Span[]; since: number; until: number } | undefined;
  if (opts.clean) {
    const cleanUntil = lastRefWindow + windowMs;
    opts.progress?.(`checking the clean traffic ${iso(until)} … ${iso(cleanUntil)}`);
    const { result } = await runCheck(opts.clean, baseline, {
      ...opts,
      rules,
      windowMs,
      range: { since: until, until: cleanUntil },
      progress: opts.progress,
    });
    clean = {
      alerts: result.alerts,
      windows: result.windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) })),
      since: until,
      until: cleanUntil,
    };
  }
  const checkSince = opts.clean ? windowStart(injected.first, windowMs) : until;
  const checkUntil = windowStart(injected.last, windowMs) + windowMs;
  opts.progress?.(`checking ${iso(checkSince)} … ${iso(checkUntil)}`);
  const { result } = await runCheck(inputs, baseline, {
    ...opts,
    rules,
    windowMs,
    range: { since: checkSince, until: checkUntil },
    progress: opts.progress,
  });
  const windows = result.windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) }));
  return {
    kind: 'nograd-monitor-evaluation',
    version: 1,
    window: formatDuration(windowMs),
    baseline: {
      from: opts.clean ? 'clean' : 'injected',
      since: iso(since),
      until: iso(until),
      windows: baselineWindows,
      rows: baseline.source.rows,
    },
    checked: { since: iso(checkSince), until: iso(checkUntil), windows: windows.length },
    clean: clean
      ? { since: iso(clean.since), until: iso(clean.until), windows: clean.windows.length, alerts: clean.alerts.length }
      : null,
    ...scoreDetection(opts.events, result.alerts, windows, clean),
  };
}
