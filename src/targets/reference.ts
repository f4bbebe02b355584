/**
 * The reference mail system (src/reference) as a target, in-process, with any hardening switch on or off. It is
 * stateful (accounts, rate limits, bulk detection, retraining), so the runner asks for a fresh instance where state
 * must not leak between independent runs (each stream-tactic group). `system()` gives the baselines the trained
 * model and the application pipeline (perfect knowledge, for the gradient attack).
 */

import { z } from 'zod';
import type { Target } from '../contracts/target.js';
import { HARDENING_SWITCHES, type HardeningOptions, type HardeningSwitch } from '../reference/hardening.js';
import { type ReferenceSystem, referenceTarget } from '../reference/index.js';
import { UserError } from '../util/errors.js';
import { defineTargetKind } from './kind.js';
import { ExposesSchema } from './response-mapping.js';

/** The reference system's variants (kept equal to reference/training.ts VARIANTS by a test). */
export const REFERENCE_VARIANTS = ['default', 'regressed'] as const;

export const ReferenceTargetSchema = z.strictObject({
  model: z.enum(['lr', 'nb']).default('lr'),
  /** Hardening switches that are on in the attacked system. */
  hardening: z.array(z.enum(HARDENING_SWITCHES as unknown as [HardeningSwitch, ...HardeningSwitch[]])).default([]),
  /** A named variant of the reference system: `regressed` has lost its HTML features (see docs/reference-system.md). */
  variant: z.enum(REFERENCE_VARIANTS).optional(),
  exposes: ExposesSchema,
});
export type ReferenceTargetSpec = z.output<typeof ReferenceTargetSchema>;

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

/** `reference[:option,…]`: lr | nb (model), default | regressed (variant), hardened (every switch on). */
function referenceShorthand(text: string): z.input<typeof ReferenceTargetSchema> | undefined {
  const [head, ...rest] = text.split(/[:,]/);
  if (head !== 'reference') return undefined;
  const out: { model: 'lr' | 'nb'; variant: 'default' | 'regressed'; hardening: HardeningSwitch[] } = {
    model: 'lr',
    variant: 'default',
    hardening: [],
  };
  for (const token of rest.filter(Boolean)) {
    if (token === 'lr' || token === 'nb') out.model = token;
    else if (token === 'regressed' || token === 'default') out.variant = token;
    else if (token === 'hardened') out.hardening = [...HARDENING_SWITCHES];
    else
      throw new UserError(
        `unknown reference target option '${token}' in '${text}' (options: lr, nb, default, regressed, hardened)`,
      );
  }
  return out;
}

export const referenceTargetKind = defineTargetKind({
  kind: 'reference',
  summary: 'the in-process reference mail filter, with any hardening switch on',
  schema: ReferenceTargetSchema,
  shorthand: {
    forms: ['reference', 'reference:nb', 'reference:regressed', 'reference:hardened', 'reference:nb,regressed'],
    parse: referenceShorthand,
  },
  inProcess: true,
  exposes: (c) => (c.exposes ? [...c.exposes] : ['decision', 'score', 'decidedBy']),
  async open(c, options) {
    const extra = options.hardening ?? [];
    const opened = openReferenceTarget(c, extra);
    return {
      target: opened.target,
      fresh: async () => openReferenceTarget(c, extra).target,
      system: opened.system,
      limits: { retries: 0 },
    };
  },
});
