/**
 * The reference mail system (src/reference) as a target, in-process, with any hardening switch on or off. It is
 * stateful (accounts, rate limits, bulk detection), so the runner asks for a fresh instance where state must not
 * leak between independent runs (each stream-tactic group, each hardening variant).
 */
import { type HardeningOptions, type HardeningSwitch } from '../../reference/hardening.js';
import { referenceTarget } from '../../reference/index.js';
import type { Target } from '../../target/types.js';
import type { ReferenceTargetSpec } from '../file.js';

export function referenceHardening(switches: readonly HardeningSwitch[]): Partial<HardeningOptions> {
  const h: Partial<HardeningOptions> = {};
  for (const s of switches) h[s] = true;
  return h;
}

/** A new reference system: its own state, the given switches on in addition to the spec's. */
export function openReferenceTarget(spec: ReferenceTargetSpec, extra: readonly HardeningSwitch[] = []): Target {
  const hardening = referenceHardening([...spec.hardening, ...extra]);
  const target = referenceTarget({ model: spec.model, hardening, ...(spec.variant ? { variant: spec.variant } : {}) });
  if (!spec.exposes) return target;
  // The campaign file narrows what the attacker sees: hide what it does not expose.
  const exposes = spec.exposes;
  return {
    info: { ...target.info, exposes: [...exposes] },
    decide: async (input, signal) => {
      const v = await target.decide(input, signal);
      return {
        decision: v.decision,
        ...(exposes.includes('score') && v.score !== undefined ? { score: v.score } : {}),
        ...(exposes.includes('decidedBy') && v.decidedBy ? { decidedBy: v.decidedBy } : {}),
        ...(v.detail ? { detail: v.detail } : {}),
      };
    },
    ...(target.feedback ? { feedback: (r) => target.feedback!(r) } : {}),
    close: () => target.close(),
  };
}
