/**
 * Fuzzing includes (bounded: a fixed number of runs, seeded): random include paths — absolute, `../`, directories,
 * a FIFO, a device, symlinks leading outside the root, a symlink loop, a file over the size cap, random text —
 * never read outside the root, never hang, and every refusal is a diagnostic positioned on the include line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from './diagnostics.js';
import { loadModel } from './loader.js';
import { isInside, MAX_MODEL_FILE_BYTES } from './model-file.js';

const CANARY = 'SECRET-CANARY-7f3a';

function sandbox(): { root: string; file: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'nograd-include-fuzz-')));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), `${CANARY}: 1\ncomponents: [{ id: ${CANARY}, kind: model }]\n`);
  writeFileSync(join(root, 'ok.yaml'), 'controls: []\n');
  writeFileSync(join(root, 'sub', 'inner.yaml'), 'dependencies: []\n');
  writeFileSync(join(root, 'text.yaml'), `${CANARY.toLowerCase()} is not a model: [\n`);
  execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'out-link.yaml'));
  symlinkSync(outside, join(root, 'dir-link'));
  symlinkSync('/dev/zero', join(root, 'dev-link'));
  symlinkSync('loop-link', join(root, 'loop-link'));
  symlinkSync('sub/inner.yaml', join(root, 'in-link.yaml'));
  writeFileSync(join(root, 'big.yaml'), '');
  truncateSync(join(root, 'big.yaml'), MAX_MODEL_FILE_BYTES + 10);
  return { root, file: join(root, 'system.yaml') };
}

const SEGMENTS = [
  '..',
  '.',
  '',
  'sub',
  'inner.yaml',
  'ok.yaml',
  'text.yaml',
  'pipe.yaml',
  'out-link.yaml',
  'in-link.yaml',
  'dir-link',
  'secret.yaml',
  'outside',
  'root',
  'dev-link',
  'loop-link',
  'big.yaml',
  'system.yaml',
  'etc',
  'passwd',
  'dev',
  'zero',
];

const includePath = fc.oneof(
  fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 6 })), { maxLength: 5 }),
    )
    .map(([abs, segs]) => `${abs ? '/' : ''}${segs.join('/')}`),
  fc.constantFrom('/dev/zero', '/etc/passwd', '../outside/secret.yaml', 'dir-link/secret.yaml', ''),
  fc.string({ maxLength: 12 }),
);

describe('include fuzzing', () => {
  it('never reads outside the root, never hangs, always positions its refusals', () => {
    const { root, file } = sandbox();
    fc.assert(
      fc.property(fc.array(includePath, { minLength: 1, maxLength: 4 }), (includes) => {
        const lines = includes.map((p) => `  - ${JSON.stringify(p)}`);
        writeFileSync(file, `nograd: 1\nsystem: { id: s, name: S }\nincludes:\n${lines.join('\n')}\ncomponents: []\n`);
        try {
          const loaded = loadModel(file);
          for (const f of loaded.files) expect(isInside(root, realpathSync(f)), f).toBe(true);
          expect(JSON.stringify(loaded.model)).not.toContain(CANARY);
        } catch (e) {
          if (!(e instanceof ModelLoadError)) throw e;
          expect(e.message).not.toContain(CANARY);
          for (const d of e.diagnostics) {
            expect(isInside(root, d.file), d.file).toBe(true);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.col).toBeGreaterThanOrEqual(1);
            // A refusal points at its entry under `includes:` (lines 4 onwards) of the file that wrote it.
            if (d.code === 'include' && d.file === file) {
              expect(d.line).toBeGreaterThanOrEqual(4);
              expect(d.line).toBeLessThan(4 + includes.length);
            }
          }
        }
      }),
      { numRuns: 300, seed: 2112 },
    );
  });
});
