/**
 * A model file is untrusted input: includes stay inside the root, only regular files of bounded size are read,
 * nothing a file contains is echoed beyond a short neutralised excerpt, and every refusal is positioned.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Diagnostic, MAX_DIAGNOSTICS, ModelLoadError } from './diagnostics.js';
import { type LoadOptions, loadModel } from './loader.js';
import { MAX_MODEL_FILE_BYTES } from './model-file.js';
import { MAX_YAML_DEPTH } from './yaml-depth.js';

const HEAD = 'nograd: 1\nsystem:\n  id: s\n  name: S\n';
const COMPONENTS = `components:
  - { id: src, kind: input-source, layer: application }
  - { id: clf, kind: model, layer: application }
`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'nograd-untrusted-'));
}

function problems(file: string, opts: LoadOptions = {}): { errors: Diagnostic[]; err: ModelLoadError } {
  try {
    loadModel(file, opts);
  } catch (e) {
    if (e instanceof ModelLoadError) return { errors: e.diagnostics.filter((d) => d.severity === 'error'), err: e };
    throw e;
  }
  throw new Error('the model loaded');
}

/** A model in a fresh directory whose includes are `includes`, plus a flow to an unknown component (a second error). */
function modelWithIncludes(includes: string[]): { root: string; file: string } {
  const root = dir();
  const file = join(root, 'system.yaml');
  writeFileSync(
    file,
    `${HEAD}includes:\n${includes.map((i) => `  - ${JSON.stringify(i)}\n`).join('')}${COMPONENTS}flows:\n  - { from: src, to: ghost }\n`,
  );
  return { root, file };
}

function includeErrors(file: string, opts: LoadOptions = {}): Diagnostic[] {
  const { errors } = problems(file, opts);
  // The unrelated error is still reported: a refused include never hides the rest.
  expect(errors.some((d) => d.code === 'unknown-reference' && d.message.includes('ghost'))).toBe(true);
  return errors.filter((d) => d.code === 'include');
}

describe('includes stay inside the model root', () => {
  it('refuses an absolute path at the include line:col, without reading it', () => {
    const { file } = modelWithIncludes(['/etc/passwd']);
    const [d] = includeErrors(file);
    expect(d).toMatchObject({ file, line: 6, col: 5, code: 'include' });
    expect(d!.message).toMatch(/absolute path/);
    expect(JSON.stringify(d)).not.toMatch(/root:/);
  });

  it('refuses ../ escapes, also ones that come back in later', () => {
    const { root, file } = modelWithIncludes(['../../../etc/passwd', 'a/../../x.yaml']);
    writeFileSync(join(root, '..', 'x.yaml'), 'components: []\n');
    const ds = includeErrors(file);
    expect(ds).toHaveLength(2);
    for (const d of ds) expect(d.message).toMatch(/outside the model root/);
    expect(ds.map((d) => d.line)).toEqual([6, 7]);
  });

  it('follows a relative include inside the root, and --include-root widens the root', () => {
    const outer = dir();
    mkdirSync(join(outer, 'model'));
    writeFileSync(join(outer, 'shared.yaml'), 'controls: []\n');
    const file = join(outer, 'model', 'system.yaml');
    writeFileSync(file, `${HEAD}includes: ["../shared.yaml"]\n${COMPONENTS}`);
    expect(problems(file).errors[0]!.message).toMatch(/outside the model root/);
    expect(loadModel(file, { includeRoot: outer }).files).toHaveLength(2);
  });

  it('refuses a symlink that leads outside the root', () => {
    const outside = dir();
    writeFileSync(join(outside, 'secret.yaml'), 'password: hunter2\n');
    const { root, file } = modelWithIncludes(['link.yaml']);
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'link.yaml'));
    const [d] = includeErrors(file);
    expect(d!.message).toMatch(/outside the model root directory \(through a symlink\)/);
    expect(JSON.stringify(d)).not.toMatch(/hunter2/);
  });

  it('refuses directories, named pipes and devices at the include position, and keeps the other diagnostics', () => {
    const { root, file } = modelWithIncludes(['', 'sub', 'pipe.yaml', 'zero.yaml']);
    mkdirSync(join(root, 'sub'));
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    // The root check passes (the symlink target is outside only for devices), so include the device by
    // widening the root to / — it must still be refused as a device, never read.
    const ds = includeErrors(file, { includeRoot: '/' });
    expect(ds.map((d) => [d.line, d.message.replace(/^included file '[^']*' /, '')])).toEqual([
      [6, 'is a directory'],
      [7, 'is a directory'],
      [8, 'is a named pipe'],
      [9, 'is a device'],
    ]);
  });

  it(`refuses a file over ${MAX_MODEL_FILE_BYTES / 1048576} MiB without reading it`, () => {
    const { root, file } = modelWithIncludes(['big.yaml']);
    writeFileSync(join(root, 'big.yaml'), '');
    truncateSync(join(root, 'big.yaml'), MAX_MODEL_FILE_BYTES + 1); // sparse: instant, no disk used
    const [d] = includeErrors(file);
    expect(d!.message).toMatch(/too large .* the limit is 64 MiB/);
  });

  it('never echoes more than a short, neutralised excerpt of a file that is not a model', () => {
    const { root, file } = modelWithIncludes(['shadow.yaml']);
    const secret = `root:$6$${'x'.repeat(80)}:19000:0:99999:7:::\u001b[2J\u202e`;
    writeFileSync(join(root, 'shadow.yaml'), `${secret}: 1\n`);
    const { err } = problems(file);
    expect(err.message).not.toContain('x'.repeat(50));
    expect(err.message).not.toContain('\u001b');
    expect(err.message).not.toContain('\u202e');
    expect(err.message).toMatch(/unknown field 'root:\$6\$x+…'/);
  });
});

describe('model file hygiene', () => {
  it('reports a duplicate id also when the first definition fails the schema', () => {
    const root = dir();
    const file = join(root, 'system.yaml');
    writeFileSync(
      file,
      `${HEAD}components:\n  - { id: clf, kind: modle, layer: application }\n  - { id: clf, kind: model, layer: application }\n`,
    );
    const { errors } = problems(file);
    const dup = errors.find((d) => d.code === 'duplicate-id');
    expect(dup).toMatchObject({ line: 7, message: "duplicate component id 'clf'" });
    expect(dup!.hint).toMatch(/system\.yaml:6:/);
    expect(errors.some((d) => d.message.includes("'modle' is not allowed"))).toBe(true);
  });

  it('warns about components described as boxes, not about mailboxes', () => {
    const root = dir();
    const file = join(root, 'system.yaml');
    writeFileSync(
      file,
      `${HEAD}components:
  - { id: a, kind: input-source, layer: application, name: Mailbox, description: "reads the inbox and the sandbox" }
  - { id: b, kind: model, layer: application, description: "The model is a black box" }
  - { id: c, kind: policy, layer: application, name: ML box }
`,
    );
    const w = loadModel(file).warnings.filter((d) => d.code === 'vague-component');
    expect(w.map((d) => [d.line, d.message])).toEqual([
      [7, `component 'b' is described as "black box"`],
      [8, `component 'c' is described as "ML box"`],
    ]);
    expect(w.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('gives a positioned error for nesting past the depth limit (block and flow), not a stack overflow', () => {
    const root = dir();
    const flow = join(root, 'flow.yaml');
    writeFileSync(flow, `${HEAD}metadata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const [f] = problems(flow).errors;
    expect(f).toMatchObject({ line: 6, col: 6 + MAX_YAML_DEPTH - 2, code: 'yaml' });
    expect(f!.message).toMatch(/nested more than 64 levels/);
    const block = join(root, 'block.yaml');
    let text = `${HEAD}metadata:\n`;
    for (let i = 1; i < 5000; i++) text += `${' '.repeat(i)}k${i}:\n`;
    writeFileSync(block, text);
    const [b] = problems(block).errors;
    expect(b!.message).toMatch(/nested more than 64 levels/);
    expect(b!.line).toBeGreaterThan(60);
    expect(b!.line).toBeLessThan(70);
  });

  it(`keeps the first ${MAX_DIAGNOSTICS} problems and counts the rest`, () => {
    const root = dir();
    const file = join(root, 'system.yaml');
    const lines = Array.from({ length: 3000 }, (_, i) => `  - { id: c${i}, kind: modle }\n`);
    writeFileSync(file, `${HEAD}components:\n${lines.join('')}`);
    const { err } = problems(file);
    expect(err.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(err.omitted).toBe(3000 - MAX_DIAGNOSTICS);
    expect(err.message).toMatch(/… and 2800 more \(only the first 200 are shown\)\n3000 problems found$/);
  });

  it('refuses invalid UTF-8 and NUL bytes at the line:col of the first bad byte', () => {
    const root = dir();
    const bad = join(root, 'bad.yaml');
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from(`${HEAD}# é ok\n  x: ab`), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]),
    );
    expect(problems(bad).errors).toEqual([
      expect.objectContaining({ line: 6, col: 8, code: 'encoding', message: 'invalid UTF-8 (byte 0xc3)' }),
    ]);
    const nul = join(root, 'nul.yaml');
    writeFileSync(nul, `${HEAD}components:\n  - id: a\u0000b\n`);
    expect(problems(nul).errors).toEqual([
      expect.objectContaining({ line: 6, col: 10, code: 'encoding', message: 'a NUL byte (this is not a text file)' }),
    ]);
    // In an include, the error is positioned in the included file and the main file's problems still show.
    const { file } = modelWithIncludes(['bad.yaml']);
    writeFileSync(join(file, '..', 'bad.yaml'), Buffer.from([0x63, 0x3a, 0x20, 0xff, 0x0a]));
    const { errors } = problems(file);
    expect(errors).toContainEqual(expect.objectContaining({ line: 1, col: 4, code: 'encoding' }));
    expect(errors.some((d) => d.message.includes('ghost'))).toBe(true);
  });
});
