import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: escalated', () => {
  it('fires on escalated cases, ranking the ones a reviewer disagreed with first', async () => {
    const agreed = row({ escalated: true, score: 0.9, decision: 'block', reviewerOutcome: 'spam' });
    const disagreed = row({ escalated: true, score: 0.9, decision: 'block', reviewerOutcome: 'ham' });
    const { mining } = await mineRows([agreed, disagreed, row()], { miners: ['escalated'] });
    expect(mining.miners[0]).toMatchObject({ matched: 2, kept: 2 });
    expect(mining.candidates.map((c) => c.traceIds[0])).toEqual([disagreed.id, agreed.id]);
    expect(mining.candidates[0]?.reason).toMatch(/escalated by an analyst; model decided block .*reviewer said ham/);
    expect(mining.candidates[0]?.labels.reviewer).toBe('ham');
  });

  it('does not fire when nothing was escalated', async () => {
    const { mining } = await mineRows(
      [row({ escalated: false, reviewerOutcome: 'ham', decision: 'block', score: 0.9 }), row()],
      {
        miners: ['escalated'],
      },
    );
    expect(mining.candidates).toEqual([]);
  });
});
