import { describe, expect, it } from 'vitest';
import type { Candidate } from '../traces/candidate.js';
import { buildSuite } from './build-suite.js';

function candidate(over: Partial<Candidate>): Candidate {
  return {
    miner: 'uncertain',
    reason: 'r',
    informativeness: 1,
    cluster: 'k',
    key: 'aaaaaaaaaaaaaaaa',
    occurrences: 1,
    traceIds: ['t1'],
    times: ['2025-01-06T00:00:00.000Z'],
    input: 'Subject: hi from alice@example.com',
    inputHash: 'aaaaaaaaaaaaaaaa',
    context: { accountId: 'bob@example.org' },
    observed: { decision: 'allow', score: 0.46, threshold: 0.5 },
    labels: {},
    ...over,
  };
}

describe('buildSuite', () => {
  it('merges the same input found by several miners into one case with full provenance', () => {
    const a = candidate({ miner: 'uncertain', traceIds: ['t2'], times: ['2025-01-07T00:00:00.000Z'] });
    const b = candidate({
      miner: 'overturned',
      reason: 'user said spam',
      labels: { userReport: 'spam' },
      traceIds: ['t1'],
    });
    const { suite, stats } = buildSuite([a, b]);
    expect(stats).toMatchObject({ candidates: 2, duplicates: 1, cases: 1, knownFailures: 1 });
    const [c] = suite.cases;
    expect(c?.id).toBe('overturned-aaaaaaaaaa');
    expect(c?.expect).toEqual({ decision: 'notAllow' });
    expect(c?.knownFailure).toBe('a user reported spam, but the system decided allow (score 0.460) when last seen');
    expect(c?.provenance).toMatchObject({
      miner: 'overturned',
      traceIds: ['t1', 't2'],
      times: ['2025-01-06T00:00:00.000Z', '2025-01-07T00:00:00.000Z'],
      label: 'user-report',
      also: [{ miner: 'uncertain', reason: 'r' }],
    });
  });

  it('pins the score of model-labelled near misses instead of the fragile decision', () => {
    const { suite } = buildSuite([candidate({})], { tolerance: 0.02 });
    expect(suite.cases[0]?.expect).toEqual({ scoreAtMost: 0.46, tolerance: 0.02 });
    const { suite: plain } = buildSuite([candidate({})], { scoreBounds: false });
    expect(plain.cases[0]?.expect).toEqual({ decision: 'allow' });
  });

  it('prefers ground truth over a (possibly abused) user report', () => {
    const { suite } = buildSuite([
      candidate({
        miner: 'overturned',
        labels: { userReport: 'not-spam', truth: 'spam' },
        observed: { decision: 'block', score: 0.9 },
      }),
    ]);
    expect(suite.cases[0]).toMatchObject({ expect: { decision: 'notAllow' }, provenance: { label: 'truth' } });
    expect(suite.cases[0]?.knownFailure).toBeUndefined();
  });

  it('redacts inputs and context, or not when asked', () => {
    const { suite, stats } = buildSuite([candidate({})]);
    expect(suite.cases[0]?.input).toBe('Subject: hi from redacted-2@example.com');
    expect(suite.cases[0]?.context).toEqual({ accountId: 'redacted-1@example.org' });
    expect(stats.redactions.emails).toBe(2);
    expect(buildSuite([candidate({})], { redaction: false }).suite.cases[0]?.input).toBe(
      'Subject: hi from alice@example.com',
    );
  });

  it('skips candidates with no input and counts them', () => {
    const { input: _drop, ...noInput } = candidate({});
    const { stats } = buildSuite([noInput]);
    expect(stats).toMatchObject({ withoutInput: 1, cases: 0 });
  });
});
