import { describe, expect, it } from 'vitest';
import { checkVerdict, describeExpectation } from './expectation.js';

describe('checkVerdict', () => {
  it('treats notAllow as tag, review or block', () => {
    expect(checkVerdict({ decision: 'notAllow' }, { decision: 'review' }).ok).toBe(true);
    expect(checkVerdict({ decision: 'notAllow' }, { decision: 'block' }).ok).toBe(true);
    expect(checkVerdict({ decision: 'notAllow' }, { decision: 'allow' })).toEqual({
      ok: false,
      problems: ['expected tag, review or block, got allow'],
    });
  });

  it('checks score bounds with the tolerance', () => {
    const e = { scoreAtMost: 0.3, tolerance: 0.05 };
    expect(checkVerdict(e, { decision: 'allow', score: 0.34 }).ok).toBe(true);
    expect(checkVerdict(e, { decision: 'allow', score: 0.36 })).toEqual({
      ok: false,
      problems: ['score 0.36 > 0.3 + 0.05'],
    });
    expect(checkVerdict({ scoreAtLeast: 0.6 }, { decision: 'block', score: 0.59 }).ok).toBe(false);
    expect(checkVerdict({ scoreAtLeast: 0.6 }, { decision: 'block' }).problems).toEqual([
      'expected a score, but the target gave none',
    ]);
  });

  it('describes expectations for people', () => {
    expect(describeExpectation({ decision: 'notAllow', scoreAtLeast: 0.5, tolerance: 0.05 })).toBe(
      'tag, review or block, score ≥ 0.5 ± 0.05',
    );
  });
});
