/**
 * SARIF 2.1.0 sink (minimal, self-contained): one result per alert, one reporting rule per alert rule, written as a
 * complete snapshot each run (no de-duplication), so CI can upload it to code scanning. The location is the
 * decision-log input; the subject and window go to a logical location and the properties; `partialFingerprints`
 * carries the alert key so viewers can track the same alert across runs.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { VERSION } from '../../util/version.js';
import type { Alert } from '../alert.js';
import type { Severity } from '../types.js';
import type { Sink } from './types.js';

const LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  info: 'note',
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};
/** GitHub code scanning reads this 0–10 score to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  info: '1.0',
  low: '3.0',
  medium: '5.5',
  high: '8.0',
  critical: '9.5',
};

export function sarifLog(alerts: readonly Alert[], inputs: readonly string[], cwd = process.cwd()): object {
  const ruleIds = [...new Set(alerts.map((a) => a.ruleId))].sort();
  const uri = (p: string) => {
    const rel = relative(cwd, p);
    return (rel && !rel.startsWith('..') ? rel : p).split('\\').join('/');
  };
  const location = inputs[0] ? [{ physicalLocation: { artifactLocation: { uri: uri(inputs[0]) } } }] : [];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nograd-monitor',
            version: VERSION,
            informationUri: 'https://github.com/nograd/nograd/blob/main/docs/monitor.md',
            rules: ruleIds.map((id) => {
              const a = alerts.find((x) => x.ruleId === id) as Alert;
              return {
                id,
                name: id,
                shortDescription: {
                  text:
                    a.description ?? ('signal' in a.source ? `signal ${a.source.signal}` : `metric ${a.source.metric}`),
                },
                defaultConfiguration: { level: LEVEL[a.severity] },
                properties: { tags: ['security', 'monitoring'], 'security-severity': SECURITY_SEVERITY[a.severity] },
              };
            }),
          },
        },
        results: alerts.map((a) => ({
          ruleId: a.ruleId,
          ruleIndex: ruleIds.indexOf(a.ruleId),
          level: LEVEL[a.severity],
          message: { text: `${a.subject}: ${a.message} (window ${a.window.start} → ${a.window.end})` },
          locations: location.map((l) => ({ ...l, logicalLocations: [{ name: a.subject, kind: 'resource' }] })),
          partialFingerprints: { 'nogradAlertKey/v1': a.key },
          properties: {
            severity: a.severity,
            subject: a.subject,
            window: a.window,
            value: a.value,
            threshold: a.threshold,
            evidence: a.evidence,
          },
        })),
      },
    ],
  };
}

export function sarifSink(path: string): Sink {
  return {
    id: `sarif:${path}`,
    label: `sarif ${path}`,
    dedup: false,
    async deliver(alerts, run) {
      try {
        writeFileSync(path, `${JSON.stringify(sarifLog(alerts, run.inputs), null, 2)}\n`);
        return { delivered: alerts.map((a) => a.key), failed: [] };
      } catch (e) {
        const error = `cannot write ${path}: ${(e as Error).message}`;
        return {
          delivered: [],
          failed: alerts.length ? alerts.map((a) => ({ key: a.key, error })) : [{ key: '(sarif)', error }],
        };
      }
    },
  };
}
