import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from './jensen-shannon.js';

const hist = (len: number) =>
  fc.array(fc.integer({ min: 0, max: 500 }), { minLength: len, maxLength: len }).filter((a) => a.some((x) => x > 0));

describe('jensenShannonDistance (base 2)', () => {
  it('matches scipy.spatial.distance.jensenshannon(base=2)', () => {
    expect(jensenShannonDistance([10, 20, 30, 40], [40, 30, 20, 10])).toBeCloseTo(0.3918681606471551, 12);
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0])).toBeCloseTo(1, 12);
    expect(jensenShannonDistance([5, 3, 2, 0], [1, 1, 1, 7])).toBeCloseTo(0.7106287874168156, 12);
  });

  it('is a metric on [0, 1]: symmetric, zero on equal shapes, triangle inequality', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(hist(n), hist(n), hist(n))),
        ([p, q, r]) => {
          const pq = jensenShannonDistance(p, q);
          expect(pq).toBeGreaterThanOrEqual(0);
          expect(pq).toBeLessThanOrEqual(1);
          expect(pq).toBeCloseTo(jensenShannonDistance(q, p), 12);
          expect(
            jensenShannonDistance(
              p,
              p.map((x) => 3 * x),
            ),
          ).toBeCloseTo(0, 7);
          expect(pq).toBeLessThanOrEqual(jensenShannonDistance(p, r) + jensenShannonDistance(r, q) + 1e-9);
        },
      ),
    );
  });
});
