/** The path search keeps exactly the Pareto front of all full combinations, and the cheapest is the true minimum. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCost,
  COST_DIMENSIONS,
  type CostVector,
  DEFAULT_COST_WEIGHTS,
  weightedCost,
  zeroCost,
} from '../../model/cost.js';
import { summarize } from './distribution.js';
import { dominatesObjective, paretoFilter } from './pareto.js';
import { labelSteps, searchPaths } from './search.js';
import type { PathStep } from './types.js';

function step(i: number, cost: CostVector, p: number): PathStep {
  return {
    stage: 'application',
    kind: 'tactic',
    tactic: `t${i}`,
    component: 'c',
    successProbability: p,
    attempts: 1 / p,
    costPerAttempt: cost,
    cost,
    accountsPerAttempt: 0,
    counters: [],
    breaksAssumptions: [],
    note: '',
  };
}

const costArb = fc.record(
  Object.fromEntries(
    COST_DIMENSIONS.map((d) => [
      d,
      d === 'detectionRisk' ? fc.integer({ min: 0, max: 4 }).map((x) => x / 10) : fc.integer({ min: 0, max: 6 }),
    ]),
  ) as Record<keyof CostVector, fc.Arbitrary<number>>,
);
const stepArb = fc.tuple(
  costArb,
  fc.integer({ min: 1, max: 4 }).map((x) => x / 4),
);
const stagesArb = fc.array(fc.array(stepArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 });

/** Every combination, the slow way. */
function bruteForce(stages: PathStep[][]): Array<{ cost: CostVector; p: number; w: number }> {
  let acc = [{ cost: zeroCost(), p: 1 }];
  for (const s of stages)
    acc = acc.flatMap((a) => s.map((o) => ({ cost: addCost(a.cost, o.cost), p: a.p * o.successProbability })));
  return acc.map((a) => ({ ...a, w: weightedCost(a.cost, DEFAULT_COST_WEIGHTS) }));
}

describe('searchPaths', () => {
  it('finds the same Pareto front and cheapest path as enumerating every combination', () => {
    fc.assert(
      fc.property(stagesArb, (raw) => {
        let n = 0;
        const stages = raw.map((s) => s.map(([c, p]) => step(n++, c, p)));
        const result = searchPaths(stages, DEFAULT_COST_WEIGHTS, 10_000);
        const all = bruteForce(stages);
        const front = paretoFilter(all);
        expect(result.truncated).toBe(false);
        expect(result.labels.length).toBe(front.length);
        // Nothing found is dominated by any combination, and every front point is found.
        for (const l of result.labels) expect(all.some((a) => dominatesObjective(a, l))).toBe(false);
        const minW = Math.min(...all.map((a) => a.w));
        expect(Math.min(...result.labels.map((l) => l.w))).toBeCloseTo(minW, 9);
        for (const l of result.labels) expect(labelSteps(l)).toHaveLength(stages.length);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('caps labels per stage and says so', () => {
    // Each stage offers a money/time trade-off: the front doubles per stage until the cap.
    const stages = Array.from({ length: 8 }, (_, k) => [
      step(2 * k, { ...zeroCost(), money: 1 + k }, 1),
      step(2 * k + 1, { ...zeroCost(), timeHours: 1 + k }, 1),
    ]);
    const capped = searchPaths(stages, DEFAULT_COST_WEIGHTS, 16);
    expect(capped.truncated).toBe(true);
    expect(capped.labels.length).toBeLessThanOrEqual(16);
    const full = searchPaths(stages, DEFAULT_COST_WEIGHTS, 10_000);
    expect(full.truncated).toBe(false);
    expect(full.labels.length).toBeGreaterThan(16);
  });
});

describe('summarize', () => {
  it('gives nearest-rank percentiles equal to a sorted reference', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
        const d = summarize(Float64Array.from(xs));
        expect(d.median).toBe(at(0.5));
        expect(d.p10).toBe(at(0.1));
        expect(d.p90).toBe(at(0.9));
        expect(d.max).toBe(sorted[sorted.length - 1]);
        expect(d.histogram.counts.reduce((a, b) => a + b, 0)).toBe(xs.length);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('mdEscape', () => {
  it('keeps model strings from breaking a Markdown table or injecting HTML', async () => {
    const { mdEscape } = await import('./diff-render.js');
    expect(mdEscape('a|b <script>x</script> *y* `z`\nnext')).toBe(
      'a\\|b &lt;script&gt;x&lt;/script&gt; \\*y\\* \\`z\\` next',
    );
    expect(mdEscape('access:t@c > application:u@d')).toBe('access:t@c &gt; application:u@d');
  });
});
