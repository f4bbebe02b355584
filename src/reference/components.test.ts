/**
 * examples/mail-filter/system.yaml must describe exactly the reference system: the same component ids, kinds and
 * layers, the same tunable numbers, and one planned control per hardening switch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REFERENCE_COMPONENTS } from './components.js';
import { DEFAULT_FUNNEL_POLICY } from './funnel/policy.js';
import { HARDENING_SWITCHES } from './hardening.js';

interface YamlComponent {
  id: string;
  kind: string;
  layer?: string;
  properties?: Record<string, number>;
}
interface YamlControl {
  id: string;
  name: string;
  status?: string;
}

const model = parse(readFileSync(new URL('../../examples/mail-filter/system.yaml', import.meta.url), 'utf8')) as {
  components: YamlComponent[];
  controls: YamlControl[];
};
const byId = new Map(model.components.map((c) => [c.id, c]));

describe('examples/mail-filter/system.yaml', () => {
  it('has the same components, kinds and layers as the code', () => {
    expect(model.components.map((c) => c.id)).toEqual(REFERENCE_COMPONENTS.map((c) => c.id));
    for (const c of REFERENCE_COMPONENTS) {
      expect(byId.get(c.id)?.kind, c.id).toBe(c.kind);
      expect(byId.get(c.id)?.layer, c.id).toBe(c.layer);
    }
  });

  it('states the funnel defaults the code runs with', () => {
    const p = DEFAULT_FUNNEL_POLICY;
    expect(byId.get('signup-challenge')?.properties).toEqual({
      costPerAccountUsd: p.signup.costPerAccountUsd,
      solveSeconds: p.signup.solveSeconds,
    });
    expect(byId.get('sender-accounts')?.properties).toEqual({
      youngAccountDays: p.accounts.youngAccountDays,
      youngAccountThresholdDelta: p.accounts.youngAccountThresholdDelta,
    });
    expect(byId.get('rate-limiter')?.properties).toEqual({ maxPerHour: p.rateLimit.maxPerHour });
    expect(byId.get('bulk-detector')?.properties).toEqual({
      windowHours: p.bulk.windowHours,
      maxNearDuplicates: p.bulk.maxNearDuplicates,
      hammingRadius: p.bulk.hammingRadius,
    });
    expect(byId.get('threshold-policy')?.properties).toEqual({
      threshold: p.threshold.threshold,
      reviewLow: p.threshold.reviewLow,
    });
    expect(byId.get('review-queue')?.properties).toEqual({
      capacityPerDay: p.review.capacityPerDay,
      reviewerAccuracy: p.review.reviewerAccuracy,
    });
  });

  it('lists every hardening switch as a planned control (they are off by default)', () => {
    const planned = model.controls.filter((c) => c.status === 'planned');
    for (const s of HARDENING_SWITCHES)
      expect(
        planned.some((c) => c.name.includes(`hardening switch ${s}`)),
        s,
      ).toBe(true);
    expect(planned).toHaveLength(HARDENING_SWITCHES.length);
  });
});
