/** An alert: one rule firing for one subject in one window. Its key (rule + subject + window) is what de-duplicates. */
import type { Evidence } from './signals/types.js';
import { SEVERITIES, type Severity, severityRank } from './types.js';

export interface Alert {
  /** `rule|subject|windowStart/windowEnd` (ISO): the same alert is never sent twice to a sink. */
  key: string;
  ruleId: string;
  description?: string;
  severity: Severity;
  /** What fired: a signal id, or a metric with its condition. */
  source: { signal: string } | { metric: string; op: string; threshold: number };
  subject: string;
  window: { start: string; end: string };
  value: number;
  threshold: number;
  message: string;
  evidence: Evidence;
  /** The condition held in `met` of the last `n` windows (≥ k). */
  persistence: { k: number; n: number; met: number };
  /** Named sinks of the rule (besides the command-line sinks). */
  sinks: string[];
}

export function alertKey(ruleId: string, subject: string, start: string, end: string): string {
  return `${ruleId}|${subject}|${start}/${end}`;
}

export type FailOn = Severity | 'none';
export const FAIL_ON = [...SEVERITIES, 'none'] as const;

/** Does this alert meet the --fail-on bar? */
export function failsOn(alert: Pick<Alert, 'severity'>, failOn: FailOn): boolean {
  return failOn !== 'none' && severityRank(alert.severity) >= severityRank(failOn);
}

export function alertText(a: Alert): string {
  return `[${a.severity.toUpperCase()}] ${a.ruleId} ${a.subject} ${a.window.start}…${a.window.end}: ${a.message}`;
}
