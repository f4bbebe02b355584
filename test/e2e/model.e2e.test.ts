/** End-to-end: the model-language commands through the built CLI, as a user runs them. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const EXAMPLES = ['mail-filter', 'phishing-pages', 'abuse-funnel'];

describe('nograd validate', () => {
  it.each(EXAMPLES)('accepts examples/%s/system.yaml', async (name) => {
    const r = await runCli(['validate', `examples/${name}/system.yaml`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid/);
  });

  it('prints every problem as file:line:col with hints and exits 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'nograd: 1\nsystem: { id: s, name: S }\ncomponents:\n  - { id: a, kind: modle }\n  - { id: b, kind: model, layr: x }\nflows:\n  - { from: b, to: zz }\n',
    );
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.yaml:4:20: error: 'modle' is not allowed for 'kind' in components[0]");
    expect(r.stderr).toContain("hint: did you mean 'model'?");
    expect(r.stderr).toContain("bad.yaml:5:27: error: unknown field 'layr'");
    expect(r.stderr).toContain("bad.yaml:7:20: error: flow destination 'zz' is not a component");
    expect(r.stderr).toContain('3 problems found');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('says so when the file is missing (exit 2, no stack)', async () => {
    const r = await runCli(['validate', 'no-such-model.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read model file 'no-such-model.yaml': no such file/);
  });

  it('outputs JSON on request', async () => {
    const r = await runCli(['validate', 'examples/mail-filter/system.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.valid).toBe(true);
    expect(j.summary.counts.attackers).toBe(3);
    expect(j.files).toHaveLength(2);
  });

  it('rejects unknown commands and options with exit 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['validate', '--bogus', 'x.yaml'])).code).toBe(2);
  });
});

describe('nograd init', () => {
  it.each(['mail-filter', 'phishing-pages', 'abuse-funnel', 'blank'])(
    'scaffolds a valid %s model with a $schema header',
    async (t) => {
      const dir = tempDir();
      const r = await runCli(['init', '--template', t, '--out', 'system.yaml'], { cwd: dir });
      expect(r.code).toBe(0);
      const text = readFileSync(join(dir, 'system.yaml'), 'utf8');
      const header = text.split('\n')[0]!;
      expect(header).toMatch(/^# yaml-language-server: \$schema=/);
      expect(existsSync(join(dir, header.replace(/^.*\$schema=/, '')))).toBe(true);
      if (t !== 'blank') {
        // templates with includes need the included file next to them
        for (const inc of (parse(text) as { includes?: string[] }).includes ?? []) {
          writeFileSync(join(dir, inc), readFileSync(join(ROOT, 'examples', t, inc)));
        }
      }
      const v = await runCli(['validate', 'system.yaml'], { cwd: dir });
      expect(v.stderr).toBe('');
      expect(v.code).toBe(0);
    },
  );

  it('refuses to overwrite without --force, and rejects unknown templates', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--template', 'blank'], { cwd: dir })).code).toBe(0);
    const again = await runCli(['init', '--template', 'blank'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect((await runCli(['init', '--template', 'blank', '--force'], { cwd: dir })).code).toBe(0);
    const bad = await runCli(['init', '--template', 'nope'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown template 'nope'/);
  });
});

describe('nograd schema', () => {
  it('prints a JSON Schema that validates the examples and rejects a bad model', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const model = parse(readFileSync(join(ROOT, 'examples/mail-filter/system.yaml'), 'utf8'));
    expect(validate(model), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...model, bogus: 1 })).toBe(false);
  });

  it('matches the committed schema files and docs/model-reference.md (run `npm run gen` when this fails)', async () => {
    const json = await runCli(['schema']);
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'schema/system-model.schema.json'), 'utf8')),
    );
    const frag = await runCli(['schema', '--fragment']);
    expect(JSON.parse(frag.stdout)).toEqual(
      JSON.parse(readFileSync(join(ROOT, 'schema/system-model.fragment.schema.json'), 'utf8')),
    );
    const md = await runCli(['schema', '--format', 'markdown']);
    expect(md.stdout.trim()).toBe(readFileSync(join(ROOT, 'docs/model-reference.md'), 'utf8').trim());
  });
});

describe('nograd import cyclonedx', () => {
  it('maps components and services to dependencies, pinned only when exact', async () => {
    const r = await runCli(['import', 'cyclonedx', 'test/fixtures/bom.cdx.json']);
    expect(r.code).toBe(0);
    const deps = (parse(r.stdout) as { dependencies: Array<Record<string, unknown>> }).dependencies;
    expect(deps.map((d) => [d.id, d.type, d.pinned])).toEqual([
      ['acme-spam-bert', 'model', true],
      ['phish-corpus', 'dataset', false],
      ['postal-mime', 'library', true],
      ['nested-lib', 'library', false],
      ['url-reputation-api', 'api', false],
    ]);
    expect(deps[0]!.hash).toBe('sha-256:3f786850e387550fdab836ed7e6dc881de23001b');
  });

  it('produces a fragment that a model can include', async () => {
    const dir = tempDir();
    expect(
      (await runCli(['import', 'cyclonedx', join(ROOT, 'test/fixtures/bom.cdx.json'), '-o', join(dir, 'deps.yaml')]))
        .code,
    ).toBe(0);
    expect((await runCli(['init', '--template', 'blank'], { cwd: dir })).code).toBe(0);
    const model = readFileSync(join(dir, 'system.yaml'), 'utf8').replace(
      '\ncomponents:',
      '\nincludes: [deps.yaml]\ncomponents:',
    );
    writeFileSync(join(dir, 'system.yaml'), model);
    const v = await runCli(['validate', 'system.yaml', '--format', 'json'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).summary.counts.dependencies).toBe(5);
  });

  it('rejects a file that is not CycloneDX, with the reason', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.json'), '{"bomFormat":"SPDX"}');
    const r = await runCli(['import', 'cyclonedx', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a CycloneDX BOM/);
    writeFileSync(join(dir, 'y.json'), '{"bomFormat":"CycloneDX", "components": [{"type":"library"}]}');
    const r2 = await runCli(['import', 'cyclonedx', join(dir, 'y.json')]);
    expect(r2.stderr).toMatch(/components\[0\] has no name/);
  });
});
