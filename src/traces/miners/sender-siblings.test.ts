import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: sender-siblings', () => {
  it('fires on delivered mail from an account whose other mail was blocked or called spam', async () => {
    const blocked = row({ account: 'ev-1', decision: 'block', score: 0.9, accountAgeDays: 2 });
    const reported = row({ account: 'ev-1', decision: 'allow', score: 0.1, userReport: 'spam', accountAgeDays: 2 });
    const through = row({ account: 'ev-1', decision: 'allow', score: 0.12, accountAgeDays: 2 });
    const { mining } = await mineRows([blocked, reported, through, row(), row()], { miners: ['sender-siblings'] });
    expect(mining.candidates.map((c) => c.traceIds[0]).sort()).toEqual([reported.id, through.id].sort());
    expect(mining.candidates[0]?.reason).toMatch(/of the 3 messages from account ev-1 were blocked or called spam/);
  });

  it('does not fire on an account with one false positive among many messages, nor on old accounts', async () => {
    const rows = [row({ account: 'user-9', decision: 'block', score: 0.6, accountAgeDays: 5 })];
    for (let i = 0; i < 9; i++) rows.push(row({ account: 'user-9', accountAgeDays: 5 }));
    rows.push(row({ account: 'old-1', decision: 'block', score: 0.9, accountAgeDays: 400 }));
    rows.push(row({ account: 'old-1', accountAgeDays: 400 }));
    const { mining } = await mineRows(rows, { miners: ['sender-siblings'] });
    expect(mining.candidates).toEqual([]);
  });
});
