import { describe, expect, it } from 'vitest';
import { runSuite } from '../regress/run.js';
import type { Suite } from '../regress/suite.js';
import { keywordTarget, SUITE } from '../regress/testing.js';
import { suiteResultToJUnit } from './junit.js';

describe('suiteResultToJUnit', () => {
  it('writes JUnit with failures, errors and known failures as skipped, all escaped', async () => {
    const suite: Suite = { ...SUITE, name: 'a <b> & "c"' };
    const xml = suiteResultToJUnit(await runSuite(suite, keywordTarget(), { now: () => 0 }));
    expect(xml).toContain(
      '<testsuite name="a &lt;b&gt; &amp; &quot;c&quot;" tests="6" failures="1" errors="1" skipped="1"',
    );
    expect(xml).toMatch(
      /<testcase classname="nograd.manual" name="regressed" time="0.000">\n\s+<failure message="expected tag, review or block, got allow/,
    );
    expect(xml).toMatch(
      /<testcase classname="nograd.manual" name="down"[^>]*>\n\s+<error message="expected allow, got target error: connection refused" type="target-error">/,
    );
    expect(xml).toMatch(/name="known"[^>]*>\n\s+<skipped message="known failure: filter misses digits/);
    expect(xml).toMatch(
      /classname="nograd.overturned" name="spam"[^>]*>\n\s+<system-out>mined because: reviewer said spam<\/system-out>/,
    );
  });
});
