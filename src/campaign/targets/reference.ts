/**
 * The reference mail system (src/reference) as a target, in-process, with any hardening switch on or off. It is
 * stateful (accounts, rate limits, bulk detection, retraining), so the runner asks for a fresh instance where state
 * must not leak between independent runs (each stream-tactic group). `system()` gives the baselines the trained
 * model and the application pipeline (perfect knowledge, for the gradient attack).
 */
import type { HardeningOptions, HardeningSwitch } from '../../reference/hardening.js';
import { type ReferenceSystem, referenceTarget } from '../../reference/index.js';
import type { Target } from '../../target/types.js';
import type { ReferenceTargetSpec } from '../file.js';

export function referenceHardening(switches: readonly HardeningSwitch[]): Partial<HardeningOptions> {
  const h: Partial<HardeningOptions> = {};
  for (const s of switches) h[s] = true;
  return h;
}

export interface OpenedReference {
  target: Target;
  system(): Promise<ReferenceSystem>;
}

/** A new reference system: its own state, the given switches on in addition to the spec's. */
export function openReferenceTarget(
  spec: ReferenceTargetSpec,
  extra: readonly HardeningSwitch[] = [],
): OpenedReference {
  const hardening = referenceHardening([...spec.hardening, ...extra]);
  const ref = referenceTarget({ model: spec.model, hardening, ...(spec.variant ? { variant: spec.variant } : {}) });
  const system = () => ref.system();
  if (!spec.exposes) return { target: ref, system };
  // The campaign file narrows what the attacker sees: hide what it does not expose.
  const exposes = spec.exposes;
  const target: Target = {
    info: { ...ref.info, exposes: [...exposes] },
    decide: async (input, signal) => {
      const v = await ref.decide(input, signal);
      return {
        decision: v.decision,
        ...(exposes.includes('score') && v.score !== undefined ? { score: v.score } : {}),
        ...(exposes.includes('decidedBy') && v.decidedBy ? { decidedBy: v.decidedBy } : {}),
        ...(v.detail ? { detail: v.detail } : {}),
      };
    },
    feedback: (r) => ref.feedback!(r),
    close: () => ref.close(),
  };
  return { target, system };
}
