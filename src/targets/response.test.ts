import { describe, expect, it } from 'vitest';
import { mapResponse } from './response.js';
import { type ResponseMapping, ResponseMappingSchema, thresholdProblems } from './response-mapping.js';

const mapping = (m: unknown): ResponseMapping => ResponseMappingSchema.parse(m);

describe('response mapping on the target’s own score scale', () => {
  // SpamAssassin-style points: 5 and up is spam (block), 3 to 5 gets a header (tag), below 3 is delivered clean.
  const points = mapping({
    score: 'score',
    scoreScale: { unit: 'points' },
    blockAtScore: 5,
    tagAtScore: 3,
  });

  it('bands points from the malicious end, with a tag band for "delivered but marked"', () => {
    expect(mapResponse({ score: 7.2 }, points)).toEqual({ decision: 'block', score: 7.2 });
    expect(mapResponse({ score: 5 }, points).decision).toBe('block');
    expect(mapResponse({ score: 4.1 }, points).decision).toBe('tag');
    expect(mapResponse({ score: -1.5 }, points).decision).toBe('allow');
  });

  it('reads a higher-is-benign scale the other way round', () => {
    const trust = mapping({
      score: 'trust',
      scoreScale: { unit: 'other', direction: 'higher-is-benign' },
      blockAtScore: 20,
      reviewAtScore: 50,
    });
    expect(mapResponse({ trust: 10 }, trust).decision).toBe('block');
    expect(mapResponse({ trust: 40 }, trust).decision).toBe('review');
    expect(mapResponse({ trust: 90 }, trust).decision).toBe('allow');
  });

  it('maps labels to tag', () => {
    const m = mapping({ label: 'action', labels: { 'add header': 'tag', reject: 'block', 'no action': 'allow' } });
    expect(mapResponse({ action: 'add header' }, m).decision).toBe('tag');
  });

  it('names thresholds that make no sense on the declared scale', () => {
    expect(thresholdProblems(mapping({ score: 's', blockAtScore: 5 }))[0]?.message).toMatch(
      /blockAtScore: 5 is not a probability.*scoreScale: \{unit: points\}/,
    );
    expect(thresholdProblems(points)).toEqual([]);
    const inverted = thresholdProblems(
      mapping({ score: 's', scoreScale: { unit: 'points' }, blockAtScore: 2, reviewAtScore: 4 }),
    );
    expect(inverted).toEqual([{ key: 'blockAtScore', message: expect.stringMatching(/at or above reviewAtScore/) }]);
  });
});
