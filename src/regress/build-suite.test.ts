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
    expect(stats).toMatchObject({ candidates: 2, duplicates: 1, cases: 1, knownFailures: 0, contested: 1 });
    const [c] = suite.cases;
    expect(c?.id).toBe('overturned-aaaaaaaaaa');
    // A user report is contested: recorded, not the expectation; an allowed input pins its score from below.
    expect(c?.expect).toEqual({ scoreAtLeast: 0.41 });
    expect(c?.knownFailure).toBeUndefined();
    expect(c?.provenance).toMatchObject({
      miner: 'overturned',
      traceIds: ['t1', 't2'],
      times: ['2025-01-06T00:00:00.000Z', '2025-01-07T00:00:00.000Z'],
      label: 'model',
      contested: { source: 'user-report', claim: 'spam' },
      also: [{ miner: 'uncertain', reason: 'r' }],
    });
  });

  it('never turns feedback-poisoned spam ("not spam" reports, no trusted label) into a case expecting allow', () => {
    const blocked = candidate({
      key: 'b'.repeat(16),
      inputHash: 'b'.repeat(16),
      miner: 'overturned',
      labels: { userReport: 'not-spam' },
      observed: { decision: 'block', score: 0.8 },
    });
    const allowed = candidate({
      key: 'c'.repeat(16),
      inputHash: 'c'.repeat(16),
      miner: 'uncertain',
      labels: { userReport: 'not-spam' },
      observed: { decision: 'allow', score: 0.28 },
    });
    const { suite } = buildSuite([blocked, allowed]);
    for (const c of suite.cases) {
      expect(c.expect.decision).not.toBe('allow');
      expect(c.knownFailure).toBeUndefined();
      expect(c.provenance?.contested).toEqual({ source: 'user-report', claim: 'ham' });
    }
    expect(suite.cases.find((c) => c.provenance?.inputHash === 'b'.repeat(16))?.expect).toEqual({ decision: 'block' });
    expect(suite.cases.find((c) => c.provenance?.inputHash === 'c'.repeat(16))?.expect).toEqual({ scoreAtLeast: 0.23 });
    // A reviewer's word is trusted: it sets the expectation and is not contested.
    const reviewed = buildSuite([candidate({ ...allowed, labels: { userReport: 'not-spam', reviewer: 'ham' } })]);
    expect(reviewed.suite.cases[0]).toMatchObject({ expect: { decision: 'allow' }, provenance: { label: 'reviewer' } });
    expect(reviewed.suite.cases[0]?.provenance?.contested).toBeUndefined();
  });

  it('orders cases for review: delivered and reported spam, then evasion signals, then near misses, then the rest', () => {
    const mk = (miner: string, hash: string, over: Partial<Candidate> = {}) =>
      candidate({ miner, key: hash.repeat(16), inputHash: hash.repeat(16), cluster: hash, ...over });
    const { suite } = buildSuite([
      mk('uncertain', 'a'),
      mk('overturned', 'b', { observed: { decision: 'block', score: 0.9 }, labels: { userReport: 'not-spam' } }),
      mk('overturned', 'c', { labels: { userReport: 'spam' } }),
      mk('evasion-signals', 'd'),
    ]);
    expect(suite.cases.map((c) => c.provenance?.inputHash?.[0])).toEqual(['c', 'd', 'a', 'b']);
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
