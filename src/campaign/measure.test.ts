import { describe, expect, it } from 'vitest';
import { type AttemptRecord, BASE_VARIANT, chainLabel } from './attempt.js';
import { Measurer } from './measure.js';

let seq = 0;
function attempt(over: Partial<AttemptRecord>): AttemptRecord {
  const a: AttemptRecord = {
    key: `k${seq}`,
    runId: 'r',
    seq: seq++,
    variant: BASE_VARIANT,
    phase: 'single',
    set: 'seeds',
    seedId: `s${seq}`,
    chain: ['t'],
    repeat: 0,
    applicable: true,
    valid: true,
    invalidReasons: [],
    decision: 'block',
    score: 0.9,
    decidedBy: 'threshold-policy',
    evaded: false,
    success: false,
    error: null,
    cached: false,
    queries: 1,
    wallMs: 0,
    simHours: 0,
    accounts: 0,
    money: 0.5,
    humanHours: 0.1,
    implementationHours: 4,
    inputHash: null,
    originalHash: 'h',
    transformed: null,
    notes: [],
    createdMs: 0,
    encoding: 'utf8',
    ...over,
  };
  return a;
}

const ok = { decision: 'allow' as const, score: 0.1, evaded: true, success: true };

function measure(records: AttemptRecord[]) {
  const m = new Measurer((chain) => ({ label: chainLabel(chain), ids: chain }));
  for (const r of records) m.add(r);
  return m.finish();
}

describe('Measurer', () => {
  it('counts only valid evasions as successes and prices them', () => {
    const rows = [
      attempt({}),
      attempt({}),
      attempt({ ...ok }),
      attempt({ ...ok, valid: false, success: false }), // evaded by breaking the payload
      attempt({ applicable: false, queries: 0 }),
      attempt({ error: 'timeout' }),
    ];
    const m = measure(rows);
    const c = m.chains[0]!;
    expect(c.n).toBe(4);
    expect(c.evasion.k).toBe(1);
    expect(c.evadedInvalid).toBe(1);
    expect(c.notApplicable).toBe(1);
    expect(c.errors).toBe(1);
    expect(c.cost.attemptsToFirstSuccess).toBe(3);
    expect(c.cost.firstSuccess?.queries).toBe(3);
    // Repeatable costs of every attempt (failures included) per success; implementation hours amortized.
    expect(c.cost.perSuccess?.queries).toBe(5);
    expect(c.cost.perSuccess?.money).toBeCloseTo(3, 10);
    expect(c.cost.perSuccess?.implementationHours).toBe(4);
    expect(c.evasion.ci95.low).toBeGreaterThan(0);
    expect(c.evasion.ci95.high).toBeLessThan(1);
  });

  it('calls a chain defused only when the hardened rate drops significantly to 5% or less', () => {
    const base = Array.from({ length: 20 }, (_, i) => attempt(i < 10 ? { ...ok } : {}));
    const hardened = Array.from({ length: 20 }, () => attempt({ variant: 'stripHiddenText', phase: 'hardening' }));
    const m = measure([...base, ...hardened]);
    expect(m.hardening[0]!.chains[0]).toMatchObject({ defused: true, reduced: true });
    expect(m.chains[0]!.defusedBy).toEqual(['stripHiddenText']);

    // 2/11 → 0/11: lower, but the intervals overlap — not a result yet.
    const few = Array.from({ length: 11 }, (_, i) => attempt(i < 2 ? { ...ok } : {}));
    const fewHard = Array.from({ length: 11 }, () => attempt({ variant: 'stripHiddenText', phase: 'hardening' }));
    const m2 = measure([...few, ...fewHard]);
    expect(m2.hardening[0]!.chains[0]).toMatchObject({ defused: false, reduced: false });
  });

  it('measures the benign set per variant and the false-positive change a switch brings', () => {
    const benign = (variant: string, blocked: number) =>
      Array.from({ length: 10 }, (_, i) =>
        attempt({ variant, set: 'benign', phase: 'benign', chain: [], decision: i < blocked ? 'block' : 'allow' }),
      );
    const m = measure([
      attempt({ chain: [], phase: 'baseline' }),
      ...benign(BASE_VARIANT, 1),
      attempt({ chain: [], phase: 'hardening', variant: 'normalizeConfusables' }),
      ...benign('normalizeConfusables', 3),
    ]);
    expect(m.benign?.blocked).toMatchObject({ k: 1, n: 10 });
    expect(m.hardening[0]!.benign?.blocked).toMatchObject({ k: 3, n: 10 });
    expect(m.hardening[0]!.fprDelta).toBeCloseTo(0.2, 10);
  });
});
