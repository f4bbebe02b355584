import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: overturned', () => {
  it('fires on blocks a reviewer called ham and allows a user reported as spam', async () => {
    const reviewed = row({ decision: 'block', score: 0.7, reviewerOutcome: 'ham' });
    const reported = row({ decision: 'allow', score: 0.2, userReport: 'spam' });
    const { mining } = await mineRows([reviewed, reported, row()], { miners: ['overturned'] });
    expect(mining.miners[0]).toMatchObject({ matched: 2, kept: 2 });
    const [first, second] = mining.candidates;
    // A reviewer's word outranks a user report.
    expect(first?.traceIds).toEqual([reviewed.id]);
    expect(first?.reason).toBe('model blocked (score 0.700); reviewer said ham');
    expect(second?.reason).toBe('model allowed (score 0.200); user reported spam');
  });

  it('does not fire when review agreed, or when a reviewer contradicted the user report', async () => {
    const agreed = row({ decision: 'block', score: 0.9, reviewerOutcome: 'spam' });
    // The reviewer confirmed the block; the user's "not spam" is overruled.
    const reportOverruled = row({ decision: 'block', score: 0.9, reviewerOutcome: 'spam', userReport: 'not-spam' });
    const { mining } = await mineRows([agreed, reportOverruled, row({ userReport: 'not-spam' })], {
      miners: ['overturned'],
    });
    expect(mining.candidates).toEqual([]);
  });
});
