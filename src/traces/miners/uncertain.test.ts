import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: uncertain', () => {
  it('fires on scores within the band of the block threshold or the review boundary', async () => {
    const nearBlock = row({ score: 0.48, decision: 'review' });
    const nearReview = row({ score: 0.31, decision: 'review' });
    const far = row({ score: 0.05 });
    const { mining } = await mineRows([nearBlock, nearReview, far], { miners: ['uncertain'], params: { band: 0.05 } });
    expect(mining.miners[0]).toMatchObject({ name: 'uncertain', matched: 2, kept: 2 });
    const ids = mining.candidates.flatMap((c) => c.traceIds);
    expect(ids.sort()).toEqual([nearBlock.id, nearReview.id].sort());
    const block = mining.candidates.find((c) => c.traceIds.includes(nearBlock.id));
    expect(block?.reason).toMatch(/score 0\.480 is 0\.020 from the block boundary 0\.500/);
    const review = mining.candidates.find((c) => c.traceIds.includes(nearReview.id));
    expect(review?.reason).toMatch(/from the review boundary 0\.300/);
  });

  it('does not fire on confident scores or rows without a score', async () => {
    const { mining } = await mineRows(
      [row({ score: 0.05 }), row({ score: 0.95, decision: 'block' }), row({ score: null, decision: 'block' })],
      {
        miners: ['uncertain'],
      },
    );
    expect(mining.miners[0]).toMatchObject({ matched: 0, kept: 0 });
    expect(mining.candidates).toEqual([]);
  });
});
