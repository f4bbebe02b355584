/**
 * End-to-end: `nograd regress` through the built CLI. The headline: a suite mined from reference traffic logs
 * passes on the reference model and catches the deliberately regressed one, in-process and over HTTP.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, startCli, tempDir } from '../helpers/cli.js';

let dir = '';
let suite = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = tempDir('nograd-regress-e2e-');
  const traffic = await runCli(
    [
      'reference',
      'traffic',
      '--out',
      join(dir, 'logs'),
      '--days',
      '4',
      '--per-day',
      '150',
      '--inject',
      'all',
      '--format',
      'parquet',
    ],
    {
      timeoutMs: 180_000,
    },
  );
  expect(traffic.code, traffic.stderr).toBe(0);
  suite = join(dir, 'suite.yaml');
  const mined = await runCli(['traces', 'mine', join(dir, 'logs/decisions.parquet'), '-o', suite]);
  expect(mined.code, mined.stderr).toBe(0);
}, 240_000);

afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

describe('nograd regress run on a mined suite', () => {
  it('passes on the reference model the logs came from', async () => {
    const junit = join(dir, 'ok.xml');
    const r = await runCli(['regress', 'run', suite, '--target', 'reference', '--junit', junit], {
      timeoutMs: 180_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\d+ cases · \d+ passed · 0 failed · 0 errors/);
    expect(r.stdout).toMatch(/PASSED: no regressions/);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /<testsuite name="[^"]*suite\.yaml" tests="\d+" failures="0" errors="0"/,
    );
  }, 200_000);

  it('catches the deliberately regressed reference model: exit 1, failures in JUnit and JSON', async () => {
    const junit = join(dir, 'regressed.xml');
    const json = join(dir, 'regressed.json');
    const r = await runCli(
      ['regress', 'run', suite, '--target', 'reference:regressed', '--junit', junit, '--json', json],
      { timeoutMs: 180_000 },
    );
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}\S+ {2}expected /m);
    expect(r.stdout).toMatch(/FAILED: \d+ regressions/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result).toMatchObject({ kind: 'nograd-suite-result', passed: false });
    expect(result.counts.fail).toBeGreaterThan(0);
    expect(result.target.fingerprint).toMatch(/^reference:lr:regressed:/);
    const failures = Number(readFileSync(junit, 'utf8').match(/<testsuites [^>]*failures="(\d+)"/)?.[1]);
    expect(failures).toBe(result.counts.fail);
  }, 200_000);

  it('catches it over HTTP too (nograd reference serve --variant regressed on 127.0.0.1)', async () => {
    const { child, match } = await startCli(
      ['reference', 'serve', '--port', '0', '--variant', 'regressed'],
      /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
    children.push(child);
    const r = await runCli(['regress', 'run', suite, '--target', match[1] as string, '--format', 'json'], {
      timeoutMs: 180_000,
    });
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.target).toMatchObject({ kind: 'http' });
    expect(result.counts.fail).toBeGreaterThan(0);
    expect(result.counts.error).toBe(0);
  }, 200_000);

  it('baseline turns today’s failures into known failures, so the gate means "no new regressions"', async () => {
    const baselined = join(dir, 'baselined.yaml');
    const b = await runCli(['regress', 'baseline', suite, '--target', 'reference:regressed', '-o', baselined], {
      timeoutMs: 180_000,
    });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(
      /baselined \d+ cases on reference:lr:regressed:\S+: [1-9]\d* newly marked as known failures/,
    );
    const r = await runCli(['regress', 'run', baselined, '--target', 'reference:regressed'], { timeoutMs: 180_000 });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ 0 failed /);
  }, 200_000);
});

describe('nograd regress run on hand-written suites', () => {
  function filterProgram(): string {
    const program = join(dir, 'keyword-filter.mjs');
    // Blocks "viagra"; answers "flaky" with allow every third call (state in a file, since each input is a new process).
    writeFileSync(
      program,
      `#!/usr/bin/env node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
let s = '';
process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const { content } = JSON.parse(s);
  const counter = ${JSON.stringify(join(dir, 'flaky-count'))};
  let decision = content.includes('viagra') ? 'block' : 'allow';
  if (content.includes('flaky')) {
    const n = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
    writeFileSync(counter, String(n + 1));
    decision = n % 3 === 2 ? 'allow' : 'block';
  }
  process.stdout.write(JSON.stringify({ decision, score: decision === 'block' ? 0.9 : 0.1 }));
});
`,
    );
    chmodSync(program, 0o755);
    return program;
  }

  it('runs a command target, repeats flaky cases and reports each status', async () => {
    const program = filterProgram();
    const file = join(dir, 'hand.yaml');
    writeFileSync(
      file,
      `nograd-suite: 1
name: keyword filter
cases:
  - id: ham
    input: "hello <friend>"
    expect: { decision: allow }
  - id: spam
    input: cheap viagra
    expect: { decision: notAllow, scoreAtLeast: 0.8 }
  - id: flaky-spam
    input: flaky viagra-less offer
    expect: { decision: block }
  - id: evasion
    input: cheap v1agra
    expect: { decision: notAllow }
    knownFailure: digits in words get through
`,
    );
    const junit = join(dir, 'hand.xml');
    const r = await runCli([
      'regress',
      'run',
      file,
      '--target',
      `command:${program}`,
      '--repeat',
      '3',
      '--junit',
      junit,
      '-v',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^PASS {2}flaky-spam {2}expected block, got block \(score 0\.900\) \[2\/3 runs passed\]$/m,
    );
    expect(r.stdout).toMatch(/^KNOWN evasion {2}expected tag, review or block, got allow/m);
    expect(r.stdout).toMatch(
      /keyword filter on command:\S+: 4 cases · 3 passed · 0 failed · 0 errors · 1 known failures · 0 fixed \(each run 3×, 2 must pass\)/,
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="keyword filter" tests="4" failures="0" errors="0" skipped="1"/);
    const strict = await runCli([
      'regress',
      'run',
      file,
      '--target',
      `command:${program}`,
      '--repeat',
      '3',
      '--min-passes',
      '3',
      '--only',
      'flaky',
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^FAIL {2}flaky-spam .*\[2\/3 runs passed\]$/m);
  });

  it('counts an unreachable target as errors (exit 1), and rejects bad suites and targets with exit 2', async () => {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, 'nograd-suite: 1\ncases:\n  - id: a\n    input: hi\n    expect: { decision: allow }\n');
    const down = await runCli(['regress', 'run', file, '--target', 'http://127.0.0.1:9/score']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^ERROR a {2}expected allow, got target error: POST http:\/\/127\.0\.0\.1:9\/score/m);
    writeFileSync(
      join(dir, 'bad.yaml'),
      'nograd-suite: 1\ncases:\n  - id: a\n    input: hi\n    expect: { decision: alow }\n',
    );
    const bad = await runCli(['regress', 'run', join(dir, 'bad.yaml'), '--target', 'reference']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.yaml:5:\d+: error: 'alow' is not allowed for 'decision'.*\n.*did you mean 'allow'/,
    );
    const target = await runCli(['regress', 'run', file, '--target', 'refernce']);
    expect(target.code).toBe(2);
    expect(target.stderr).toMatch(/error: unknown target 'refernce'/);
    const help = await runCli(['regress', 'run', '--help']);
    expect(help.stdout).toMatch(/Exit codes: 0 no case failed or errored · 1 a case regressed/);
  });

  it('validates suites with regress check', async () => {
    const r = await runCli(['regress', 'check', suite]);
    expect(r.code).toBe(0);
    const parsed = parse(readFileSync(suite, 'utf8'));
    expect(r.stdout).toContain(`with ${parsed.cases.length} cases`);
  });
});
