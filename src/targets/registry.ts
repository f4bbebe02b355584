/**
 * The target kinds nograd knows: one map from kind name to its definition (one file per kind). The campaign
 * file's `target:` block, target files, `--target` shorthands, `--help` and the docs all derive from this map, so
 * a new kind is one file plus one line here.
 */
import { z } from 'zod';
import { commandTargetKind } from './command.js';
import { httpTargetKind } from './http.js';
import type { OpenTargetOptions, TargetHandle, TargetKind } from './kind.js';
import { moduleTargetKind } from './module.js';
import { referenceTargetKind } from './reference.js';
import type { Exposable } from './response-mapping.js';

export const TARGET_KINDS = {
  reference: referenceTargetKind,
  http: httpTargetKind,
  command: commandTargetKind,
  module: moduleTargetKind,
} as const;

export type TargetKindName = keyof typeof TARGET_KINDS;
export const TARGET_KIND_NAMES = Object.keys(TARGET_KINDS) as TargetKindName[];

type KindConfigs = { [K in TargetKindName]: (typeof TARGET_KINDS)[K]['schema'] };
const optionalKinds = Object.fromEntries(TARGET_KIND_NAMES.map((k) => [k, TARGET_KINDS[k].schema.optional()])) as {
  [K in TargetKindName]: z.ZodOptional<KindConfigs[K]>;
};

/** A `target:` block (campaign files, target files): exactly one kind, with that kind's configuration. */
export const TargetSpecSchema = z.strictObject(optionalKinds).superRefine((t, ctx) => {
  const kinds = Object.keys(t).filter((k) => t[k as TargetKindName] !== undefined);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? `a target needs one of: ${TARGET_KIND_NAMES.join(', ')}`
          : `a target is exactly one of ${TARGET_KIND_NAMES.join(', ')} (got ${kinds.join(', ')})`,
    });
  }
});
export type TargetSpec = z.output<typeof TargetSpecSchema>;

/** The one kind a validated `target:` block names, with its configuration. */
export function kindOf(spec: TargetSpec): { name: TargetKindName; kind: TargetKind; config: unknown } {
  const name = TARGET_KIND_NAMES.find((k) => spec[k] !== undefined);
  if (!name) throw new Error('a validated target spec names one kind');
  return { name, kind: TARGET_KINDS[name] as unknown as TargetKind, config: spec[name] };
}

/** What the configured target lets the campaign observe. */
export function exposesOf(spec: TargetSpec): Exposable[] {
  const { kind, config } = kindOf(spec);
  return kind.exposes(config);
}

/** Open the target a `target:` block names, with its politeness defaults. */
export function openTarget(spec: TargetSpec, options: OpenTargetOptions): Promise<TargetHandle> {
  const { kind, config } = kindOf(spec);
  return kind.open(config, options);
}
