/** The simhash index under a busy window: compaction must keep working once thousands of entries are recent. */
import { describe, expect, it } from 'vitest';
import { TemplateIndex } from './template-index.js';

const HOUR = 3_600_000;

function fingerprint(i: number): { lo: number; hi: number } {
  // Spread bits so band buckets stay small; a fixed multiplier keeps it deterministic.
  return { lo: Math.imul(i + 1, 0x9e3779b1) >>> 0, hi: Math.imul(i + 7, 0x85ebca6b) >>> 0 };
}

describe('TemplateIndex', () => {
  it('takes 12,000 inserts inside one window without overflowing the stack, and still answers', () => {
    const index = new TemplateIndex(3, 24 * HOUR);
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 12_000; i++) index.add({ at: t0 + i, sender: `s${i}`, fingerprint: fingerprint(i) });
    expect(index.size).toBe(12_000);
    const hits = index.near(fingerprint(11_999), t0 + 12_000);
    expect(hits.map((h) => h.sender)).toContain('s11999');
  });

  it('drops entries that left the window when it compacts', () => {
    const index = new TemplateIndex(3, HOUR);
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 6_000; i++) index.add({ at: t0, sender: 'old', fingerprint: fingerprint(i) });
    for (let i = 0; i < 6_000; i++) index.add({ at: t0 + 2 * HOUR + i, sender: 'new', fingerprint: fingerprint(i) });
    // Every old entry is outside the window by now; at most the new ones remain.
    expect(index.size).toBeLessThanOrEqual(6_000);
    expect(index.near(fingerprint(5), t0 + 2 * HOUR + 6_000).every((e) => e.sender === 'new')).toBe(true);
  });
});
