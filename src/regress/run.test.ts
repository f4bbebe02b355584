import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline } from './baseline.js';
import { runSuite } from './run.js';
import type { Suite } from './suite.js';
import { keywordTarget, SUITE } from './testing.js';

describe('runSuite', () => {
  it('gives each case a status and fails the run on regressions and errors', async () => {
    const r = await runSuite(SUITE, keywordTarget(), { now: () => 0 });
    expect(r.cases.map((c) => [c.id, c.status])).toEqual([
      ['ham', 'pass'],
      ['spam', 'pass'],
      ['regressed', 'fail'],
      ['known', 'known-failure'],
      ['fixed', 'fixed'],
      ['down', 'error'],
    ]);
    expect(r.counts).toEqual({ pass: 2, fail: 1, error: 1, 'known-failure': 1, fixed: 1 });
    expect(r.passed).toBe(false);
    expect(r.cases[2]?.message).toBe('expected tag, review or block, got allow (score 0.030)');
    expect(r.cases[5]?.message).toBe('expected allow, got target error: connection refused');
  });

  it('repeats cases for flaky targets and passes on a majority', async () => {
    const suite: Suite = {
      kind: 'nograd-suite',
      version: 1,
      cases: [{ id: 'flaky', input: 'flaky', expect: { decision: 'block' } }],
    };
    const target = keywordTarget();
    const r = await runSuite(suite, target, { repeat: 3 });
    expect(target.calls).toBe(3);
    expect(r.cases[0]).toMatchObject({ status: 'pass', passes: 2, runs: 3 });
    const strict = await runSuite(suite, keywordTarget(), { repeat: 3, minPasses: 3 });
    expect(strict.cases[0]?.status).toBe('fail');
    expect(strict.cases[0]?.message).toMatch(/\[2\/3 runs passed\]$/);
  });

  it('loads inputRef files relative to the suite and reports missing ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-run-'));
    writeFileSync(join(dir, 'm.eml'), 'cheap viagra');
    const suite: Suite = {
      kind: 'nograd-suite',
      version: 1,
      cases: [
        { id: 'ref', inputRef: 'm.eml', expect: { decision: 'block' } },
        { id: 'gone', inputRef: 'nope.eml', expect: { decision: 'block' } },
      ],
    };
    const r = await runSuite(suite, keywordTarget(), { suiteFile: join(dir, 'suite.yaml') });
    expect(r.cases.map((c) => c.status)).toEqual(['pass', 'error']);
    expect(r.cases[1]?.message).toBe("cannot load the input: inputRef 'nope.eml': no such file");
  });

  it('baselines: marks today’s failures, clears fixed marks, leaves errors', async () => {
    const result = await runSuite(SUITE, keywordTarget());
    const { suite, changes } = applyBaseline(SUITE, result);
    expect(changes).toEqual({ marked: ['regressed'], cleared: ['fixed'], errors: ['down'] });
    const again = await runSuite(suite, keywordTarget());
    expect(again.counts).toMatchObject({ fail: 0, 'known-failure': 2, error: 1 });
  });
});
