import { describe, expect, it } from 'vitest';
import { sampleAlert } from '../testing/alerts.js';
import { sarifLog } from './sarif.js';

describe('SARIF sink', () => {
  it('writes one result per alert and one rule per alert rule (SARIF 2.1.0)', () => {
    const a = sampleAlert();
    const b = sampleAlert({
      ruleId: 'score-drift',
      subject: 'score',
      severity: 'medium',
      source: { signal: 'score-drift' },
      description: undefined,
    });
    const c = sampleAlert({ subject: 'account:acct-8' });
    const log = sarifLog([a, b, c], ['/data/logs/decisions.parquet'], '/data') as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } };
        results: Array<Record<string, unknown>>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['probing', 'score-drift']);
    expect(run.tool.driver.rules[1]?.shortDescription.text).toBe('signal score-drift');
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toMatchObject({
      ruleId: 'probing',
      ruleIndex: 0,
      level: 'error',
      partialFingerprints: { 'nogradAlertKey/v1': a.key },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'logs/decisions.parquet' } },
          logicalLocations: [{ name: 'account:acct-7' }],
        },
      ],
    });
    expect(run.results[1]).toMatchObject({ ruleIndex: 1, level: 'warning' });
  });

  it('is a valid empty log when nothing fired', () => {
    const log = sarifLog([], []) as { runs: Array<{ results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
  });
});
