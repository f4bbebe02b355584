/** scripts/ensure-test-deps.sh, run by `npm test` first: passes when chromium, redis-server and postgresql are there, else names the one command. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

function run(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [join(ROOT, 'scripts/ensure-test-deps.sh')],
      { env: { ...process.env, ...env } },
      (e, _o, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stderr }),
    );
  });
}

describe('ensure-test-deps.sh', () => {
  const present = { NOGRAD_TEST_CHROMIUM: '/bin/sh', NOGRAD_TEST_REDIS: '/bin/sh', NOGRAD_TEST_PG_GLOB: '/bin/s[h]' };

  it('passes when chromium, redis-server and postgresql are present', async () => {
    expect(await run(present)).toEqual({ code: 0, stderr: '' });
  });

  it('names each missing scale-out server and the one command that installs them', async () => {
    const r = await run({
      ...present,
      NOGRAD_TEST_REDIS: '/nonexistent/redis-server',
      NOGRAD_TEST_PG_GLOB: '/nonexistent/*/bin/initdb',
      NOGRAD_TEST_UID: '1000',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/redis-server is missing');
    expect(r.stderr).toContain('PostgreSQL (/nonexistent/*/bin/initdb) is missing');
    expect(r.stderr).toContain('  sudo apt-get update && sudo apt-get install -y redis-server postgresql');
  });

  it('stops a non-root user with the exact command to run when chromium is missing', async () => {
    const r = await run({ ...present, NOGRAD_TEST_CHROMIUM: '/nonexistent/chromium', NOGRAD_TEST_UID: '1000' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/chromium is missing');
    expect(r.stderr).toContain('  sudo apt-get update && sudo apt-get install -y chromium');
  });

  it('is what npm test runs first, and .ci/run runs exactly npm test (then the unit tests on Node 24)', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/^bash scripts\/ensure-test-deps\.sh && /);
    // The full run is the README's `npm test`, once; the Node 24 pass (only PATH changes) runs the unit tests.
    const lines = readFileSync(join(ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .filter((l) => /\bnpm (run )?test\b|\bvitest\b/.test(l) && !l.trim().startsWith('#'))
      .map((l) => l.replace(/^PATH="[^"]*" /, '').trim());
    expect(lines).toEqual(['npm test', 'npx vitest run src test/architecture']);
  });
});
