import { describe, expect, it } from 'vitest';
import { mineRows, row } from '../testing/fixture.js';

const DAY = 86_400_000;
const at = (day: number, minute: number) => new Date(Date.UTC(2025, 0, 6) + day * DAY + minute * 60_000).toISOString();

/** Baseline days 0–1 with the old templates; day 3 brings a cluster of near-duplicates (simhashes 1–2 bits apart). */
function logs(newTemplates: string[]) {
  const base = [
    row({ ts: at(0, 1), templateHash: '00000000000000ff' }),
    row({ ts: at(0, 2), templateHash: '0000000000ff0000' }),
    row({ ts: at(1, 1), templateHash: '00000000000000ff' }),
  ];
  const later = newTemplates.map((t, i) => row({ ts: at(3, i + 1), templateHash: t, account: `acct-${i}` }));
  return [...base, ...later, row({ ts: at(3, 50), templateHash: '00000000000000fe' })];
}

describe('miner: new-template', () => {
  it('fires on a cluster of near-duplicate inputs absent from the baseline window', async () => {
    const surge = ['abcdef0000000000', 'abcdef0000000001', 'abcdef0000000003'];
    const { mining } = await mineRows(logs(surge), {
      miners: ['new-template'],
      params: { baselineUntil: at(2, 0), minClusterSize: 3, nearDuplicateBits: 3 },
    });
    expect(mining.miners[0]).toMatchObject({ matched: 3, kept: 3 });
    const clusters = new Set(mining.candidates.map((c) => c.cluster));
    expect(clusters).toEqual(new Set(['abcdef0000000000']));
    expect(mining.candidates[0]?.reason).toMatch(/^new template abcdef0000000000: 3 messages from 3 accounts since/);
  });

  it('does not fire on templates near one seen in the baseline, or clusters below the minimum size', async () => {
    // '00000000000000fe' is 1 bit from the baseline's '00000000000000ff': a known template, not a new one.
    const small = ['abcdef0000000000', 'abcdef0000000001'];
    const { mining } = await mineRows(logs(small), {
      miners: ['new-template'],
      params: { baselineUntil: at(2, 0), minClusterSize: 3, nearDuplicateBits: 3 },
    });
    expect(mining.candidates).toEqual([]);
  });
});
