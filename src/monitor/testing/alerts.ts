/** A ready-made alert for sink tests. */
import { type Alert, alertKey } from '../alert.js';

export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  const ruleId = overrides.ruleId ?? 'probing';
  const subject = overrides.subject ?? 'account:acct-7';
  const window = overrides.window ?? { start: '2024-01-10T00:00:00.000Z', end: '2024-01-11T00:00:00.000Z' };
  return {
    key: alertKey(ruleId, subject, window.start, window.end),
    ruleId,
    description: 'One account hammers the decision boundary.',
    severity: 'high',
    source: { signal: 'probing' },
    subject,
    window,
    value: 90,
    threshold: 20,
    message: 'account acct-7 sent 90 decisions within ±0.05 of the threshold',
    evidence: { near: 90 },
    persistence: { k: 1, n: 1, met: 1 },
    sinks: [],
    ...overrides,
  };
}
