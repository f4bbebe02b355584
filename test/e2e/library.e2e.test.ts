/**
 * The public library API, imported from the built package entry point the way a TypeScript user would:
 * whatever the CLI does, code can do.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const entry = pathToFileURL(join(ROOT, 'dist/index.js')).href;
const MAIL = join(ROOT, 'examples/mail-filter/system.yaml');

describe('library API (dist/index.js)', () => {
  it('loads, analyzes and explains the mail-filter example', async () => {
    const nograd = await import(entry);
    const loaded = nograd.loadModel(MAIL);
    expect(loaded.model.components.length).toBeGreaterThan(10);
    const result = nograd.analyze(loaded, { catalog: nograd.builtinCatalog(), today: '2026-11-25' });
    expect(result.version).toBe(nograd.ANALYSIS_SCHEMA_VERSION);
    const ids = result.findings.map((f: { id: string }) => f.id);
    expect(ids).toContain('feedback-reaches-training@user-feedback@feedback-poisoner');
    expect(new Set(ids).size).toBe(ids.length);
    expect(nograd.catalog.TACTICS.length).toBeGreaterThanOrEqual(45);
  });

  it('throws a ModelLoadError with positions for a bad model', async () => {
    const nograd = await import(entry);
    const file = join(ROOT, '/virtual/bad.yaml');
    let error: unknown;
    try {
      nograd.loadModel(file, {
        overrides: {
          [file]: 'nograd: 1\nsystem: { id: s, name: S }\ncomponents: [ { id: a, kind: modle, layer: application } ]\n',
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(nograd.ModelLoadError);
    const d = (error as { diagnostics: Array<{ line: number; message: string; hint?: string }> }).diagnostics[0]!;
    expect(d.line).toBe(3);
    expect(`${d.message} ${d.hint ?? ''}`).toMatch(/model/);
  });
});
