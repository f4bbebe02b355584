/** Terminal sink: one readable block per alert on stdout, coloured by severity when stdout is a TTY. */
import pc from 'picocolors';
import type { Severity } from '../types.js';
import type { Sink } from './types.js';

export function terminalSink(
  write: (text: string) => void = (t) => process.stdout.write(t),
  useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
): Sink {
  const c = pc.createColors(useColor);
  const paint: Record<Severity, (s: string) => string> = {
    info: c.dim,
    low: c.cyan,
    medium: c.yellow,
    high: c.red,
    critical: (s) => c.bold(c.red(s)),
  };
  return {
    id: 'terminal',
    label: 'terminal',
    dedup: true,
    async deliver(alerts, run) {
      let text = '';
      for (const a of alerts) {
        text += `${paint[a.severity](a.severity.toUpperCase().padEnd(8))} ${c.bold(a.ruleId)}  ${a.subject}  ${c.dim(`${a.window.start} → ${a.window.end}`)}\n`;
        text += `         ${a.message}\n`;
      }
      if (run.suppressed > 0)
        text += c.dim(
          `(${run.suppressed} alert${run.suppressed === 1 ? '' : 's'} already sent in an earlier run, not repeated)\n`,
        );
      if (text) write(text);
      return { delivered: alerts.map((a) => a.key), failed: [] };
    },
  };
}
