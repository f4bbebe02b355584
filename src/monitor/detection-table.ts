/**
 * The detection table of an evaluation: one row per planted event (hit or miss, time to detect, the rules that
 * caught it), then the false alarms over clean windows, per rule and in total. The CLI prints it and docs/monitor.md
 * records it, so both show the same figures in the same shape.
 */
import type { EvaluationResult } from './evaluate.js';

export interface TextTable {
  headers: string[];
  rows: string[][];
}

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function detectionRows(r: EvaluationResult): TextTable {
  return {
    headers: ['event', 'start', 'result', 'time to detect', 'rules'],
    rows: r.events.map((e) => [
      e.kind,
      e.start,
      e.detected ? 'detected' : 'MISSED',
      e.timeToDetectMs === null ? '—' : hours(e.timeToDetectMs),
      e.detectedBy.join(', ') || '—',
    ]),
  };
}

/** False alarms per rule over the clean windows (rules with none are left out), and the total line. */
export function falseAlarmRows(r: EvaluationResult): TextTable | null {
  if (r.cleanWindows === 0) return null;
  const rows = Object.entries(r.falseAlarmsByRule)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, n]) => [rule, `${n}/${r.cleanWindows}`, pct(n / r.cleanWindows)]);
  rows.push(['any rule', `${r.falseAlarmWindows}/${r.cleanWindows}`, pct(r.falseAlarmWindows / r.cleanWindows)]);
  return { headers: ['rule', 'clean windows with an alert', 'false-alarm rate'], rows };
}

/** The one-line summary of false alarms; never a rate over zero windows. */
export function falseAlarmLine(r: EvaluationResult): string {
  const alerts = `${r.alerts} alerts in the injected run${r.clean ? `, ${r.clean.alerts} in the clean run` : ''}`;
  if (r.falseAlarmRate === null) return `false-alarm rate: no clean windows — ${r.noCleanWindows}; ${alerts}`;
  return `false-alarm rate: ${r.falseAlarmWindows}/${r.cleanWindows} clean windows with an alert (${pct(r.falseAlarmRate)}); ${alerts}`;
}

/** Markdown, for docs. */
export function markdownTable(t: TextTable): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(t.headers), line(t.headers.map(() => '---')), ...t.rows.map(line)].join('\n');
}
