import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: confidence-loss', () => {
  it('fires when the same benign input scores closer to the threshold under a newer model version', async () => {
    const v1 = row({ inputHash: 'same-input', input: 'Subject: invoice\n\nhi', modelVersion: 'm1', score: 0.1 });
    const v2 = row({
      inputHash: 'same-input',
      input: 'Subject: invoice\n\nhi',
      modelVersion: 'm2',
      score: 0.35,
      decision: 'review',
    });
    const { mining } = await mineRows([v1, v2, row()], {
      miners: ['confidence-loss'],
      params: { minScoreDelta: 0.05 },
    });
    expect(mining.miners[0]).toMatchObject({ matched: 1, kept: 1 });
    const c = mining.candidates[0];
    expect(c?.reason).toBe('score rose 0.100 -> 0.350 from model m1 to m2 (threshold 0.500)');
    expect(c?.traceIds).toEqual([v2.id]);
    expect(c?.observed).toMatchObject({ modelVersion: 'm2', score: 0.35 });
  });

  it('does not fire on falling scores, small moves, or inputs labelled spam', async () => {
    const falling = [
      row({ inputHash: 'a', modelVersion: 'm1', score: 0.3 }),
      row({ inputHash: 'a', modelVersion: 'm2', score: 0.1 }),
    ];
    const small = [
      row({ inputHash: 'b', modelVersion: 'm1', score: 0.1 }),
      row({ inputHash: 'b', modelVersion: 'm2', score: 0.12 }),
    ];
    const spam = [
      row({ inputHash: 'c', modelVersion: 'm1', score: 0.1, truth: 'spam' }),
      row({ inputHash: 'c', modelVersion: 'm2', score: 0.4, truth: 'spam' }),
    ];
    const { mining } = await mineRows([...falling, ...small, ...spam], {
      miners: ['confidence-loss'],
      params: { minScoreDelta: 0.05 },
    });
    expect(mining.candidates).toEqual([]);
  });
});
