import { describe, expect, it } from 'vitest';
import { mineRows, row } from './testing/fixture.js';

const DAY = 86_400_000;
const at = (day: number, minute: number) => new Date(Date.UTC(2025, 0, 6) + day * DAY + minute * 60_000).toISOString();

describe('baseline window chosen from the data', () => {
  it('ends the baseline before the first day with an unusual burst of new template clusters, and says why', async () => {
    const rows = [];
    // Six days of 20 rows in five new small clusters each (20 novel rows a day).
    for (let d = 0; d < 6; d++)
      for (let i = 0; i < 20; i++) rows.push(row({ ts: at(d, i * 30), templateHash: `00000000000000${i % 5}${d}` }));
    // Day 3: a surge of one new template.
    for (let i = 0; i < 40; i++) rows.push(row({ ts: at(3, 600 + i), templateHash: 'ffffffffffff0000' }));
    const { mining } = await mineRows(rows, { miners: ['new-template'], params: { nearDuplicateBits: 0 } });
    expect(mining.baseline).toMatchObject({ source: 'first-anomaly', until: at(3, 0) });
    expect(mining.baseline?.why).toMatch(
      /first anomaly: 2025-01-09 has 60 rows in new template clusters, more than twice any earlier day.s \(at most 20/,
    );
    expect(mining.candidates.some((c) => c.templateHash === 'ffffffffffff0000')).toBe(true);
  });

  it('keeps the midpoint, saying so, when no day stands out; a given --baseline-until is reported as given', async () => {
    const rows = [];
    for (let d = 0; d < 4; d++)
      for (let i = 0; i < 10; i++) rows.push(row({ ts: at(d, i * 60), templateHash: `000000000000000${i % 3}` }));
    const { mining } = await mineRows(rows, { miners: ['new-template'] });
    expect(mining.baseline?.source).toBe('midpoint');
    const given = await mineRows(rows, { miners: ['new-template'], params: { baselineUntil: at(1, 0) } });
    expect(given.mining.baseline).toEqual({ until: at(1, 0), why: 'given with --baseline-until', source: 'given' });
  });
});
