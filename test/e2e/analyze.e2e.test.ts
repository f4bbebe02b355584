/** End-to-end: analysis, gates, explain, triage and custom rules through the built CLI. */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MAIL = 'examples/mail-filter/system.yaml';

function copyMailFilter(): string {
  const dir = tempDir();
  for (const f of ['system.yaml', 'attackers.yaml', 'rules.yaml'])
    copyFileSync(join(ROOT, 'examples/mail-filter', f), join(dir, f));
  return dir;
}

describe('nograd analyze', () => {
  it('gives a readable summary of where practical attackers get through', async () => {
    const r = await runCli(['analyze', MAIL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Where practical attackers get through/);
    expect(r.stdout).toMatch(/spammer \(evade → threshold-policy\)/);
    expect(r.stdout).toMatch(/feedback-reaches-training@user-feedback@feedback-poisoner/);
    expect(r.stdout).toMatch(/examples\/mail-filter\/system\.yaml:\d+:\d+/);
    expect(r.stdout).toMatch(/posture: \d+ open tactic uses today → \d+ with planned controls/);
  });

  it('writes SARIF 2.1.0 with each finding at its file:line:col, and Markdown for pull requests', async () => {
    const sarif = await runCli(['analyze', MAIL, '--format', 'sarif', '--no-economics']);
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    const feedback = results.find((r) => r.ruleId === 'feedback-reaches-training');
    expect(feedback?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(
      /examples\/mail-filter\/system\.yaml$/,
    );
    expect(feedback?.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(1);
    const md = await runCli(['analyze', MAIL, '--format', 'md', '--no-economics']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## /m);
    expect(md.stdout).toMatch(/feedback-reaches-training@user-feedback@feedback-poisoner/);
  });

  it('writes a versioned JSON result document with stable, unique ids', async () => {
    const a = JSON.parse((await runCli(['analyze', MAIL, '--format', 'json'])).stdout);
    const b = JSON.parse((await runCli(['analyze', MAIL, '--format', 'json'])).stdout);
    expect([a.kind, a.version]).toEqual(['nograd-analysis', 1]);
    const ids = a.findings.map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(b.findings.map((f: { id: string }) => f.id));
    for (const f of a.findings) expect(f.location.line).toBeGreaterThan(0);
    expect(a.attackers.map((x: { attacker: string }) => x.attacker)).toEqual([
      'spammer',
      'phisher',
      'feedback-poisoner',
    ]);
  });

  it('fails the gate at --fail-on and passes when nothing reaches it', async () => {
    const r = await runCli(['analyze', MAIL, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/findings? at or above high/);
    const dir = tempDir();
    writeFileSync(
      join(dir, 'm.yaml'),
      'nograd: 1\nsystem: { id: s, name: S }\ncomponents:\n  - { id: a, kind: model, modality: image }\n',
    );
    expect((await runCli(['analyze', join(dir, 'm.yaml'), '--fail-on', 'high'])).code).toBe(0);
  });

  it('rejects bad options with exit 2', async () => {
    expect((await runCli(['analyze', MAIL, '--fail-on', 'severe'])).stderr).toMatch(/unknown severity 'severe'/);
    expect((await runCli(['analyze', MAIL, '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['analyze', MAIL, '--today', 'tomorrow'])).code).toBe(2);
  });
});

describe('triage side file', () => {
  it('suppresses accepted findings out of the gate, re-opens expired ones, and rejects orphans', async () => {
    const dir = copyMailFilter();
    const before = JSON.parse((await runCli(['analyze', 'system.yaml', '--format', 'json'], { cwd: dir })).stdout);
    const critical = before.findings
      .filter((f: { severity: string }) => f.severity === 'critical')
      .map((f: { id: string }) => f.id);
    expect(critical.length).toBeGreaterThan(0);
    const entries = critical
      .map(
        (id: string) =>
          `  - { finding: "${id}", status: accepted, justification: accepted for the test, owner: sec, expires: 2099-01-01 }`,
      )
      .join('\n');
    writeFileSync(join(dir, 'system.triage.yaml'), `nograd-triage: 1\ntriage:\n${entries}\n`);
    const gate = await runCli(['analyze', 'system.yaml', '--fail-on', 'critical'], { cwd: dir });
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/Suppressed by triage/);
    const expired = await runCli(['analyze', 'system.yaml', '--fail-on', 'critical', '--today', '2100-01-01'], {
      cwd: dir,
    });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/EXPIRED, re-opened/);
    writeFileSync(
      join(dir, 'system.triage.yaml'),
      'nograd-triage: 1\ntriage:\n  - { finding: "no-such-rule@x", status: accepted }\n',
    );
    const orphan = await runCli(['analyze', 'system.yaml'], { cwd: dir });
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/system\.triage\.yaml:3:5: error: triage entry 'no-such-rule@x' matches no finding/);
  });
});

describe('custom rules', () => {
  it('load next to the built-in rules and fire', async () => {
    const r = JSON.parse(
      (await runCli(['analyze', MAIL, '--rules', 'examples/mail-filter/rules.yaml', '--format', 'json'])).stdout,
    );
    const custom = r.findings.filter((f: { source: string }) => f.source === 'custom').map((f: { id: string }) => f.id);
    expect(custom).toContain('mail.attacker-written-preprocessing-needs-normalizer@html-to-text');
    expect(custom.some((id: string) => id.startsWith('mail.review-needs-capacity'))).toBe(false);
  });

  it('a broken rule stops the analysis with its position', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'rules.yaml'),
      'nograd-rules: 1\nrules:\n  - { id: x, title: t, severity: high, for: components, where: { field: kind, equal: model }, message: m }\n',
    );
    const r = await runCli(['analyze', join(ROOT, MAIL), '--rules', join(dir, 'rules.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.yaml:3:\d+: error: unknown operator 'equal'/);
  });
});

describe('nograd explain', () => {
  it('explains why a finding fired, with positions and severity reason', async () => {
    const r = await runCli(['explain', 'feedback-reaches-training@user-feedback@feedback-poisoner', '--model', MAIL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Why the rule fired/);
    expect(r.stdout).toMatch(/Why this severity/);
    expect(r.stdout).toMatch(/feedback\/training flows reach retraining .*system\.yaml:\d+:\d+/);
    expect(r.stdout).toMatch(/How to fix/);
  });

  it('suggests the closest id for a typo', async () => {
    const r = await runCli(['explain', 'feedback-reaches-training@user-feedback@feedback-poisonr', '--model', MAIL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean 'feedback-reaches-training@user-feedback@feedback-poisoner'/);
  });
});
