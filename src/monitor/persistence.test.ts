import { describe, expect, it } from 'vitest';
import { PersistenceTracker } from './persistence.js';

const held = (rule: string, ...subjects: string[]) => new Map([[rule, new Set(subjects)]]);

describe('persistence k-of-n', () => {
  it('counts the windows where a condition held among the last n', () => {
    const t = new PersistenceTracker();
    t.observe(1, held('drift', 'score'));
    t.observe(2, held('drift'));
    t.observe(3, held('drift', 'score'));
    expect(t.count('drift', 'score', 3, 3)).toBe(2);
    expect(t.count('drift', 'score', 3, 2)).toBe(1);
    expect(t.count('drift', 'score', 2, 3)).toBe(1);
    expect(t.count('drift', 'other', 3, 3)).toBe(0);
  });

  it('survives a round trip through its state and re-evaluating a window replaces it', () => {
    const t = new PersistenceTracker();
    t.observe(10, held('r', 'a'));
    t.observe(20, held('r', 'a'));
    const again = new PersistenceTracker(t.toState());
    expect(again.count('r', 'a', 20, 2)).toBe(2);
    again.observe(20, held('r'));
    expect(again.count('r', 'a', 20, 2)).toBe(1);
  });

  it('keeps a bounded history', () => {
    const t = new PersistenceTracker();
    for (let i = 0; i < 80; i++) t.observe(i, held('r', 's'));
    const s = t.toState();
    expect(s.windows).toHaveLength(50);
    expect(s.met.r?.s).toHaveLength(50);
    expect(s.windows[0]).toBe(30);
  });
});
