/** Self-check of the heuristic registry (HEURISTICS): keys are ids, the kind lists partition it, look-ups are safe. */
import { describe, expect, it } from 'vitest';
import { CONTENT_HEURISTICS, getHeuristic, HEURISTICS, STREAM_HEURISTICS } from './index.js';

describe('HEURISTICS registry', () => {
  it('keys equal the definitions’ ids, each named and summarised', () => {
    for (const [key, h] of Object.entries(HEURISTICS)) {
      expect(h.id, key).toBe(key);
      expect(h.id).toMatch(/^heuristic\.[a-z-]+$/);
      expect(h.name.length, key).toBeGreaterThan(0);
      expect(h.summary.length, key).toBeGreaterThan(0);
    }
  });

  it('splits into content and stream heuristics, in registry order', () => {
    expect([...CONTENT_HEURISTICS, ...STREAM_HEURISTICS].map((h) => h.id)).toEqual(Object.keys(HEURISTICS));
    expect(CONTENT_HEURISTICS.every((h) => h.kind === 'content')).toBe(true);
    expect(STREAM_HEURISTICS.every((h) => h.kind === 'stream')).toBe(true);
  });

  it('looks heuristics up by id only', () => {
    expect(getHeuristic('heuristic.hidden-text')?.kind).toBe('content');
    expect(getHeuristic('toString')).toBeUndefined();
  });
});
