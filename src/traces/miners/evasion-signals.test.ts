import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

describe('miner: evasion-signals', () => {
  it('fires on delivered mail with zero-width characters, mixed-script words, hidden text or an image', async () => {
    const zw = row({ input: 'Subject: hi\n\nf\u200br\u200be\u200be money now' });
    const mixed = row({ input: 'Subject: hi\n\nclаim your prize' }); // Cyrillic а
    const hidden = row({ input: 'Subject: hi\n\n<div style="display:none">meeting agenda</div>buy' });
    const image = row({ input: 'Subject: hi\nContent-Type: multipart/mixed\n\n--b\nContent-Type: image/png\n\nAAAA' });
    const { mining } = await mineRows([zw, mixed, hidden, image, row()], { miners: ['evasion-signals'] });
    expect(mining.miners[0]).toMatchObject({ matched: 4, kept: 4 });
    const reasons = mining.candidates.map((c) => c.reason).join('\n');
    for (const s of ['zero-width characters', 'mixed-script words', 'hidden text', 'image attachment'])
      expect(reasons).toContain(s);
  });

  it('does not fire on blocked mail, on mail a reviewer cleared, or on plain mail', async () => {
    const blocked = row({ input: 'Subject: hi\n\nf\u200bree', decision: 'block', score: 0.9 });
    const cleared = row({ input: 'Subject: hi\n\nf\u200bree', decision: 'review', score: 0.4, reviewerOutcome: 'ham' });
    const { mining } = await mineRows([blocked, cleared, row()], { miners: ['evasion-signals'] });
    expect(mining.candidates).toEqual([]);
  });
});
