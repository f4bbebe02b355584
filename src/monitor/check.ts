/**
 * The check: windows of decision logs against a baseline. For every window it computes the metrics, asks each rule
 * (signal or metric) which subjects meet its condition, applies persistence k-of-n and emits alerts. The evaluation
 * over windows is pure (`checkWindows`); `runCheck` is the DuckDB edge that aggregates the windows first.
 */
import { aggregateWindows, type Progress } from './aggregate.js';
import { type Alert, alertKey } from './alert.js';
import type { Baseline } from './baseline.js';
import { type DbOptions, openDb } from './db.js';
import { computeMetrics, type Metrics } from './metrics.js';
import { type PersistenceState, PersistenceTracker } from './persistence.js';
import { compare, type Rule, type RuleSet } from './rules.js';
import { getSignal } from './signals/index.js';
import type { Evidence } from './signals/types.js';
import { fmt } from './signals/types.js';
import { guard, type LogInput, openLogs } from './source.js';
import type { VersionPair, WindowStats } from './types.js';
import { formatDuration, iso, type TimeRange } from './window.js';

export interface RuleOutcome {
  ruleId: string;
  subject: string;
  value: number;
  threshold: number;
  /** Windows (of the last n) in which the condition held, this one included. */
  met: number;
  alerted: boolean;
}

export interface WindowReport {
  start: string;
  end: string;
  rows: number;
  metrics: Metrics;
  /** Conditions that held in this window (alerted or still waiting for persistence). */
  outcomes: RuleOutcome[];
}

export interface CheckResult {
  kind: 'nograd-monitor-check';
  version: 1;
  baseline: { createdAt: string; until: string | null; rows: number };
  rules: string;
  window: string;
  windows: WindowReport[];
  alerts: Alert[];
  warnings: string[];
}

interface Condition {
  subject: string;
  value: number;
  threshold: number;
  message: string;
  evidence: Evidence;
}

function conditions(
  rule: Rule,
  win: WindowStats,
  baseline: Baseline,
  metrics: Metrics,
  history?: { versions: readonly VersionPair[] },
): Condition[] {
  if (rule.kind === 'metric') {
    const v = metrics[rule.metric];
    if (v === null || v === undefined || !Number.isFinite(v) || !compare(v, rule.op, rule.threshold)) return [];
    return [
      {
        subject: rule.metric,
        value: v,
        threshold: rule.threshold,
        message: `${rule.metric} = ${fmt(v, 4)} ${rule.op} ${rule.threshold}`,
        evidence: { [rule.metric]: v },
      },
    ];
  }
  const signal = getSignal(rule.signal);
  if (!signal) return [];
  return signal.detect({ window: win, baseline, metrics, ...(history && { history }) }, rule.params);
}

/** Evaluate rules over windows (ascending), with persistence history carried by `tracker`. */
export function checkWindows(
  windows: readonly WindowStats[],
  baseline: Baseline,
  rules: RuleSet,
  tracker = new PersistenceTracker(),
): { windows: WindowReport[]; alerts: Alert[] } {
  const reports: WindowReport[] = [];
  const alerts: Alert[] = [];
  const versions: VersionPair[] = [];
  for (const win of windows) {
    const metrics = computeMetrics(win, baseline);
    const history = { versions: [...versions] };
    const perRule = rules.rules.map((rule) => ({ rule, conds: conditions(rule, win, baseline, metrics, history) }));
    versions.push(...(win.versions ?? []));
    tracker.observe(
      win.start,
      new Map(perRule.map(({ rule, conds }) => [rule.id, new Set(conds.map((c) => c.subject))])),
    );
    const start = iso(win.start);
    const end = iso(win.end);
    const outcomes: RuleOutcome[] = [];
    for (const { rule, conds } of perRule) {
      for (const c of conds) {
        const met = tracker.count(rule.id, c.subject, win.start, rule.persistence.n);
        const alerted = met >= rule.persistence.k;
        outcomes.push({ ruleId: rule.id, subject: c.subject, value: c.value, threshold: c.threshold, met, alerted });
        if (!alerted) continue;
        alerts.push({
          key: alertKey(rule.id, c.subject, start, end),
          ruleId: rule.id,
          ...(rule.description ? { description: rule.description } : {}),
          severity: rule.severity,
          source:
            rule.kind === 'signal'
              ? { signal: rule.signal }
              : { metric: rule.metric, op: rule.op, threshold: rule.threshold },
          subject: c.subject,
          window: { start, end },
          value: c.value,
          threshold: c.threshold,
          message:
            rule.persistence.n > 1 ? `${c.message} (${met} of the last ${rule.persistence.n} windows)` : c.message,
          evidence: c.evidence,
          persistence: { k: rule.persistence.k, n: rule.persistence.n, met },
          sinks: rule.sinks,
        });
      }
    }
    reports.push({ start, end, rows: win.rows, metrics, outcomes });
  }
  return { windows: reports, alerts };
}

export interface RunCheckOptions extends DbOptions {
  rules: RuleSet;
  /** Window size in ms; null = the whole range as one window. */
  windowMs: number | null;
  range?: TimeRange;
  /** Persistence history from earlier runs (the --state file). */
  persistence?: PersistenceState;
  progress?: Progress;
}

export interface RunCheckOutput {
  result: CheckResult;
  persistence: PersistenceState;
}

export async function runCheck(
  inputs: readonly LogInput[],
  baseline: Baseline,
  opts: RunCheckOptions,
): Promise<RunCheckOutput> {
  const range = opts.range ?? { since: null, until: null };
  const warnings: string[] = [];
  if (opts.windowMs !== null && opts.windowMs !== baseline.options.windowMs) {
    warnings.push(
      `the check window (${formatDuration(opts.windowMs)}) differs from the baseline's (${formatDuration(baseline.options.windowMs)}): calibrated thresholds and per-window series assume the baseline's size`,
    );
  }
  const db = await openDb(opts);
  let windows: WindowStats[];
  try {
    opts.progress?.('reading logs');
    const opened = await openLogs(db, inputs, range);
    if (opened.badTimestamps > 0) warnings.push(`${opened.badTimestamps} record(s) with an unreadable ts were skipped`);
    if (opened.rows === 0) warnings.push('no decision records in range: nothing to check');
    windows =
      opened.rows === 0
        ? []
        : await guard(
            () =>
              aggregateWindows(
                db,
                {
                  windowMs: opts.windowMs,
                  start: range.since ?? opened.firstTs ?? 0,
                  end: range.until ?? (opened.lastTs ?? 0) + 1,
                },
                baseline.aggregation,
                opts.progress,
              ),
            inputs,
          );
  } finally {
    db.close();
  }
  const tracker = new PersistenceTracker(opts.persistence);
  opts.progress?.(`evaluating ${opts.rules.rules.length} rules over ${windows.length} window(s)`);
  const { windows: reports, alerts } = checkWindows(windows, baseline, opts.rules, tracker);
  return {
    result: {
      kind: 'nograd-monitor-check',
      version: 1,
      baseline: { createdAt: baseline.createdAt, until: baseline.source.until, rows: baseline.source.rows },
      rules: opts.rules.source,
      window: opts.windowMs === null ? 'all' : formatDuration(opts.windowMs),
      windows: reports,
      alerts,
      warnings,
    },
    persistence: tracker.toState(),
  };
}
