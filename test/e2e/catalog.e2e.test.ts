/** End-to-end: `nograd catalog` through the built CLI (build first: `npx tsc -p tsconfig.build.json`). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface CatalogJson {
  tactics?: Array<{ id: string; family: string; atlas: string[] }>;
  controls?: Array<{ id: string; category: string; aidefend: Array<{ id: string; name: string }> }>;
  kinds?: Array<{ kind: string }>;
  frameworks: { atlas: { version: string; notice: string }; aidefend: { version: string; notice: string } };
}

describe('nograd catalog', () => {
  it('prints an overview with counts and the licence notices', async () => {
    const r = await runCli(['catalog']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\d+ tactics, \d+ controls, 14 component kinds/);
    expect(r.stdout).toMatch(/^layout\s+\d+\s+/m);
    expect(r.stdout).toMatch(/^model-level\s+\d+\s+/m);
    // The notice is wrapped to the terminal, so compare without line breaks.
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'AIDEFEND AI Defense Framework, created by Edward Lee, https://aidefend.net, licensed under CC BY 4.0',
    );
    expect(flat).toContain('Apache License 2.0');
  });

  it('lists one family of tactics as an aligned table with ATLAS ids', async () => {
    const r = await runCli(['catalog', 'tactics', '--family', 'layout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Tactics \(\d+\)$/m);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+FAMILY\s+ATLAS$/m);
    expect(r.stdout).toMatch(/^layout\.blurred-logo\s+Blurred logo\s+layout\s+AML\.T0043\.003/m);
    expect(r.stdout).not.toContain('access.fresh-accounts');
    expect(r.stdout).not.toMatch(/^Controls/m);
  });

  it('fits the table into a narrow terminal', async () => {
    const r = await runCli(['catalog', 'controls'], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(0);
    const tableLines = r.stdout.split('\n\n')[0]!.split('\n');
    for (const line of tableLines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('AIDEFEND AI Defense Framework');
  });

  it('searches controls by framework id', async () => {
    const r = await runCli(['catalog', 'controls', '--search', 'AML.M0004']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rate-limit\s+Rate limits\s+system\s+AID-I-003 AML\.M0004$/m);
    expect(r.stdout).not.toMatch(/^signup-challenge/m);
  });

  it('says when nothing matches', async () => {
    const r = await runCli(['catalog', 'kinds', '--search', 'no-such-thing-anywhere']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Component kinds (0)');
    expect(r.stdout).toContain('none match');
  });

  it('prints the raw typed data and the framework notices as JSON', async () => {
    const r = await runCli(['catalog', '--search', 'captcha', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as CatalogJson;
    expect(data.tactics?.map((t) => t.id)).toContain('automation.captcha-solving-service');
    expect(data.controls?.map((c) => c.id)).toContain('signup-challenge');
    expect(data.frameworks.atlas.version).toBe('5.6.0');
    expect(data.frameworks.aidefend.version).toBe('2026.06.25');
    expect(data.frameworks.aidefend.notice).toContain('licensed under CC BY 4.0');
  });

  it('returns a whole section as JSON with the catalog’s names for framework ids', async () => {
    const r = await runCli(['catalog', 'controls', '--family', 'process', '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as CatalogJson;
    expect(data.tactics).toBeUndefined();
    expect(data.kinds).toBeUndefined();
    expect(data.controls?.every((c) => c.category === 'process')).toBe(true);
    const tm = data.controls?.find((c) => c.id === 'threat-modeling');
    expect(tm?.aidefend).toEqual([{ id: 'AID-M-004', name: 'AI Threat Modeling & Risk Assessment' }]);
  });

  it('rejects an unknown section with exit 2 and a suggestion', async () => {
    const r = await runCli(['catalog', 'tacticz']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown catalog section 'tacticz' (choose one of: tactics, controls, kinds)");
    expect(r.stderr).toContain("did you mean 'tactics'?");
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects an unknown family, a family on kinds, and an unknown format with exit 2', async () => {
    const family = await runCli(['catalog', 'tactics', '--family', 'layot']);
    expect(family.code).toBe(2);
    expect(family.stderr).toContain("unknown family 'layot'");
    expect(family.stderr).toContain("did you mean 'layout'?");

    const mismatch = await runCli(['catalog', 'tactics', '--family', 'monitoring']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain("'monitoring' is a control category, not a tactic family");

    const kinds = await runCli(['catalog', 'kinds', '--family', 'layout']);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain('--family applies to tactics and controls');

    const format = await runCli(['catalog', '--format', 'yaml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("unknown format 'yaml'");
  });
});
