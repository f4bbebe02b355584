import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import { createBaseline, readBaseline, writeBaseline } from './baseline.js';
import { resolveLogInputs } from './source.js';
import { writeSyntheticTraffic } from './testing/synthetic-traffic.js';
import { DAY_MS } from './types.js';

const START = Date.UTC(2024, 0, 1);

describe('baseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('nograd-baseline-');
    await writeSyntheticTraffic(dir, { days: 8, perDay: 800, inject: [], start: START });
  });

  it('summarizes the posture of clean traffic from JSONL', async () => {
    const b = await createBaseline(resolveLogInputs([dir]), {
      range: { since: null, until: START + 7 * DAY_MS },
      capacityPerDay: 100,
      now: new Date(0),
    });
    expect(b.windows).toBe(7);
    expect(b.source.until).toBe('2024-01-08T00:00:00.000Z');
    expect(b.posture.rows).toBe(b.totals.rows);
    expect(b.posture.rowsPerDay).toBeGreaterThan(700);
    expect(b.posture.rowsPerDay).toBeLessThan(900);
    const r = b.posture.decisionRates;
    expect(r.allow + r.review + r.block).toBeCloseTo(1, 12);
    // the synthetic funnel blocks with four components in three layers
    expect(Object.keys(b.posture.blockRateByDecider).sort()).toEqual([
      'bulk-detector',
      'rate-limiter',
      'sender-accounts',
      'threshold-policy',
    ]);
    expect(Object.keys(b.posture.blockRateByLayer).sort()).toEqual(['access', 'activity', 'application']);
    expect(b.aggregation.scoreEdges.length).toBeGreaterThanOrEqual(5);
    // quantile bins hold roughly a tenth of the baseline each
    const q = b.totals.scoreQuantileCounts;
    for (const c of q) expect(c / b.totals.scored).toBeLessThan(0.25);
    expect(b.posture.reviewLoad.capacityPerDay).toBe(100);
    expect(b.posture.reviewLoad.perDay.n).toBe(7);
    expect(b.posture.input.templates.distinct).toBeGreaterThan(100);
    expect(b.posture.input.withLength).toBe(b.totals.rows);
    // a clean baseline calibrates its own day-to-day noise well below the effect-size floors
    expect(b.calibration['score.psi'].n).toBe(7);
    expect(b.calibration['score.psi'].max).toBeLessThan(0.1);
    expect(b.calibration['score.ks'].max).toBeLessThan(0.1);
  });

  it('round-trips through its JSON file and rejects other files clearly', async () => {
    const b = await createBaseline(resolveLogInputs([join(dir, 'decisions.jsonl')]), { now: new Date(0) });
    const file = join(dir, 'baseline.json');
    writeBaseline(file, b);
    expect(readBaseline(file)).toEqual(b);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ kind: 'something', version: 1 }));
    expect(() => readBaseline(join(dir, 'other.json'))).toThrow(/not a nograd monitor baseline/);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ ...b, version: 0 }));
    expect(() => readBaseline(join(dir, 'old.json'))).toThrow(/version 0.*rebuild/);
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...b, daily: { rowsPerDay: { n: 'x' } } }));
    expect(() => readBaseline(join(dir, 'broken.json'))).toThrow(/damaged at daily\.rowsPerDay\.n/);
  });

  it('says so when the range holds no records', async () => {
    await expect(
      createBaseline(resolveLogInputs([dir]), { range: { since: null, until: START - DAY_MS } }),
    ).rejects.toThrow(/no decision records in range/);
  });
});
