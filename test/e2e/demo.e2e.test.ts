/** `nograd demo`: the README's main command, every job once on the embedded reference system. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('nograd demo', () => {
  it('runs every job on the reference system and writes the reports', async () => {
    const out = join(tempDir('nograd-demo-e2e-'), 'demo');
    const r = await runCli(['demo', '--out', out, '--today', '2026-11-25'], { timeoutMs: 600_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const step of [
      '1/7 model',
      '2/7 reference',
      '3/7 analyze',
      '4/7 campaign',
      '5/7 regress',
      '6/7 monitor',
      '7/7 report',
    ])
      expect(r.stdout).toContain(step);
    expect(r.stdout).toMatch(/spam recall 9\d\.\d\d %/);
    expect(r.stdout).toMatch(/spammer: cheapest path /);
    // The campaign's measured rates go back into the economics and move a cheapest path (seeded, so always).
    expect(r.stdout).toMatch(/with measured rates: .* success /);
    expect(r.stdout).toMatch(/deliberately regressed model: [1-9]\d* failing/);
    for (const f of ['report.html', 'report.md', 'analysis.json', 'nograd.sarif', 'junit.xml', 'calibration.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/i);
    const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(analysis.economics.calibration.rows.length).toBeGreaterThan(0);
  }, 600_000);

  it('rejects a bad option with exit 2 and no stack trace', async () => {
    const r = await runCli(['demo', '--sample', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sample must be an integer ≥ 20/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
