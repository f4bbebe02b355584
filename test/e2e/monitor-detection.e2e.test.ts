/**
 * Monitor detection on planted reference traffic, through the built CLI: a small run of the reference mail system
 * (9 days × 250 decisions) with a layer outage that fresh accounts exploit, a feature extractor change without a
 * retrain, and a training–serving skew; and the same seed without events. The monitor must catch each planted
 * event with the signal meant for it, and raise nothing on the event-free days.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

interface AlertJson {
  ruleId: string;
  subject: string;
  window: { start: string };
  evidence: Record<string, unknown>;
}

const dir = tempDir('nograd-monitor-detection-');
const planted = join(dir, 'planted');
const clean = join(dir, 'clean');
const baseline = join(dir, 'baseline.json');
const common = ['--days', '9', '--per-day', '250', '--no-input', '--format', 'parquet'];

describe('monitor detection on planted reference traffic', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    const [a, b] = await Promise.all([
      runCli(
        ['reference', 'traffic', '--out', planted, ...common, '--inject', 'layer-outage,extractor-change,feature-skew'],
        { timeoutMs: 600_000 },
      ),
      runCli(['reference', 'traffic', '--out', clean, ...common], { timeoutMs: 600_000 }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // The baseline: the first five event-free days (the planted run's events start on day 6).
    const r = await runCli(['monitor', 'baseline', clean, '--until', '2025-01-11', '--out', baseline]);
    expect(r.code, r.stderr).toBe(0);
  }, 600_000);

  it('catches the exploited outage, the over-limit senders, the extractor change and the skew', async () => {
    const events = JSON.parse(readFileSync(join(planted, 'events.json'), 'utf8')).events as Array<{
      kind: string;
      accounts: string[];
      burst?: { accounts: string[]; start: string };
    }>;
    const outage = events.find((e) => e.kind === 'layer-outage');
    expect(outage?.burst?.accounts.length).toBeGreaterThanOrEqual(3);

    const r = await runCli([
      'monitor',
      'check',
      planted,
      '--baseline',
      baseline,
      '--since',
      '2025-01-11',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const alerts = JSON.parse(r.stdout).alerts as AlertJson[];
    const by = (rule: string) => alerts.filter((a) => a.ruleId === rule);

    // Each burst account got more delivered in the burst hour than any account in any baseline hour.
    const records = by('sender-hour-record').filter((a) => a.subject.startsWith('account:'));
    expect(records.map((a) => a.subject.slice('account:'.length)).sort()).toEqual(
      [...(outage?.burst?.accounts ?? [])].sort(),
    );
    for (const a of records) {
      expect(a.evidence.hour).toBe(outage?.burst?.start);
      expect(a.evidence.delivered as number).toBeGreaterThan(a.evidence.baselineMax as number);
      expect(a.window.start).toBe('2025-01-11T00:00:00.000Z');
    }

    // The extractor change is reported once, on its day, naming the unchanged model.
    const change = by('extractor-change');
    expect(change.map((a) => a.window.start)).toEqual(['2025-01-12T00:00:00.000Z']);
    expect(String(change[0]?.evidence.modelVersion)).toMatch(/^lr-/);

    // The skew (bodies capped from day 8 on) moves the features served.
    const skew = by('feature-skew');
    expect(skew.map((a) => a.window.start)).toContain('2025-01-13T00:00:00.000Z');
    expect(skew.every((a) => (a.evidence.shift as number) < -0.3)).toBe(true);
  });

  it('scores every planted event as detected, and prints the detection table', async () => {
    const r = await runCli(['monitor', 'evaluate', planted, '--clean', clean, '--require-all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/layer-outage\s+\S+\s+detected\s+14\.0 h\s+.*sender-hour-record/);
    expect(r.stdout).toMatch(/extractor-change\s+\S+\s+detected\s+15\.0 h\s+extractor-change/);
    expect(r.stdout).toMatch(/feature-skew\s+\S+\s+detected\s+24\.0 h\s+feature-skew/);
    expect(r.stdout).toMatch(/false-alarm rate: 0\/\d+ clean windows with an alert \(0\.0%\)/);

    // Without the event-free run every checked window follows a persistent event: no rate, and the reason.
    const alone = await runCli(['monitor', 'evaluate', planted]);
    expect(alone.stdout).toMatch(/false-alarm rate: no clean windows — .*extractor-change, feature-skew.*--clean DIR/);
    expect(alone.stdout).not.toMatch(/0\/0/);
  });

  it('raises no alert on the event-free days', async () => {
    const r = await runCli(['monitor', 'check', clean, '--baseline', baseline, '--since', '2025-01-11']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toMatch(/no alerts in 4 window\(s\) of 1d/);
  });
});
