import { describe, expect, it } from 'vitest';
import type { Decision } from '../contracts/target.js';
import { describeEvasion, evades } from './evasion.js';

const through = (when: 'allowed' | 'delivered' | 'not-blocked') =>
  (['allow', 'tag', 'review', 'block'] as Decision[]).filter((decision) => evades({ when }, { decision }));

describe('evasion condition', () => {
  it('tells the four outcomes apart', () => {
    expect(through('allowed')).toEqual(['allow']);
    expect(through('delivered')).toEqual(['allow', 'tag']);
    expect(through('not-blocked')).toEqual(['allow', 'tag', 'review']);
  });

  it('compares scores in the target’s units, in the stated direction', () => {
    expect(evades({ when: 'score-below', scoreBelow: 5 }, { decision: 'block', score: 4.9 })).toBe(true);
    expect(evades({ when: 'score-below', scoreBelow: 5 }, { decision: 'allow', score: 5 })).toBe(false);
    expect(evades({ when: 'score-above', scoreAbove: 30 }, { decision: 'block', score: 31 })).toBe(true);
    expect(evades({ when: 'score-above', scoreAbove: 30 }, { decision: 'allow' })).toBe(false);
    expect(describeEvasion({ when: 'score-below', scoreBelow: 5 }, 'points')).toBe('score < 5 points');
  });
});
