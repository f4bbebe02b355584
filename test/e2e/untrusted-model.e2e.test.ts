/**
 * Untrusted model files through the CLI: includes confined to the model root (widened with --include-root),
 * `validate --format json` answers with a document on stdout also for an invalid model, and the summary of a large
 * model stays short.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateModelYaml } from '../../src/model/bench.js';
import { runCli } from '../helpers/cli.js';

const HEAD = 'nograd: 1\nsystem:\n  id: s\n  name: S\n';
const COMPONENTS = `components:
  - { id: src, kind: input-source, layer: application }
  - { id: clf, kind: model, layer: application }
`;

describe('untrusted model files through the CLI', () => {
  it('refuses includes outside the root with positions; --include-root widens it', async () => {
    const outer = mkdtempSync(join(tmpdir(), 'nograd-untrusted-e2e-'));
    mkdirSync(join(outer, 'model'));
    writeFileSync(join(outer, 'shared.yaml'), 'controls: []\n');
    const file = join(outer, 'model', 'system.yaml');
    writeFileSync(file, `${HEAD}includes: ["../shared.yaml", "/etc/passwd"]\n${COMPONENTS}`);
    const r = await runCli(['validate', file], { cwd: outer });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model\/system\.yaml:5:12: error: include '\.\.\/shared\.yaml' is outside the model root/);
    expect(r.stderr).toMatch(/model\/system\.yaml:5:30: error: include '\/etc\/passwd' is an absolute path/);
    expect(r.stderr).not.toMatch(/root:/);
    writeFileSync(file, `${HEAD}includes: ["../shared.yaml"]\n${COMPONENTS}`);
    const widened = await runCli(['validate', file, '--include-root', outer], { cwd: outer });
    expect(widened.code, widened.stderr).toBe(0);
    expect(widened.stdout).toMatch(/is valid \(2 files\)/);
    const analyzed = await runCli(['analyze', file, '--include-root', outer, '--no-economics'], { cwd: outer });
    expect(analyzed.code, analyzed.stderr).toBe(0);
  });

  it('validate --format json prints the diagnostics document on stdout for an invalid model (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-untrusted-e2e-'));
    const file = join(dir, 'system.yaml');
    writeFileSync(file, `${HEAD}${COMPONENTS}  - { id: clf, kind: modle }\n`);
    const r = await runCli(['validate', file, '--format', 'json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { valid: boolean; errors: number; diagnostics: Array<Record<string, unknown>> };
    expect(doc.valid).toBe(false);
    expect(doc.errors).toBe(2);
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ file, line: 8, code: 'duplicate-id', severity: 'error' }),
    );
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ line: 8, code: 'type' }));
  });

  it('summarises a 2,000-component model in a few short lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-untrusted-e2e-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, generateModelYaml(2000));
    const r = await runCli(['validate', file]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeLessThan(40);
    for (const l of lines) expect(l.length).toBeLessThan(400);
    expect(r.stdout).toMatch(/ and \d+ more/);
  });
});
