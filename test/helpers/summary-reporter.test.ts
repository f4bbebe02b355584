/**
 * The closing "N passed, N failed" line, from a real Vitest run in a child process over fixture files: a file that
 * fails outside its tests (a failing beforeAll, an error while importing) is counted as failed.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/summary-reporter');

function vitest(...files: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        FIXTURES,
        '--config',
        join(FIXTURES, 'vitest.fixture.config.ts'),
        ...files,
      ],
      { cwd: FIXTURES, env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 120_000 },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('summary reporter', () => {
  it('counts a file whose beforeAll failed, and one that failed to import, as failed', async () => {
    const r = await vitest('before-all.fixture', 'import-error.fixture', 'passes.fixture');
    expect(r.code).not.toBe(0);
    const line = r.stdout.trim().split('\n').at(-1);
    expect(line).toMatch(/^1 passed, 2 failed/);
  }, 120_000);

  it('says 0 failed when every file passes', async () => {
    const r = await vitest('passes.fixture');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
  }, 120_000);
});
