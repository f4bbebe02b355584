/**
 * What a target kind is: one definition object per kind (`targets/<kind>.ts`) carrying its own configuration
 * schema, an optional `--target` shorthand and how to open it. `targets/registry.ts` maps kind names to these
 * definitions; the campaign file's `target:` block, `regress --target` and the docs derive from that map.
 */
import type { z } from 'zod';
import type { Target } from '../contracts/target.js';
import type { HardeningSwitch } from '../reference/hardening.js';
import type { ReferenceSystem } from '../reference/system.js';
import type { Exposable } from './response-mapping.js';

export interface TargetHandle {
  target: Target;
  /** A new instance with clean state (targets whose state the campaign can reset: the reference system). */
  fresh?: () => Promise<Target>;
  /** The reference system behind the target (reference targets only): model weights, application pipeline. */
  system?: () => Promise<ReferenceSystem>;
  /** Per-target limits from the configuration (the campaign runner adds the campaign-wide ones). */
  limits: { concurrency?: number; ratePerSecond?: number; retries: number; timeoutMs?: number };
}

export interface OpenTargetOptions {
  /** Relative paths in the configuration (programs, modules) resolve from here. */
  baseDir: string;
  /** Hardening switches to turn on in addition to the configuration's (kinds that have them: reference). */
  hardening?: readonly HardeningSwitch[];
  env?: NodeJS.ProcessEnv;
}

export interface TargetKind<Schema extends z.ZodType = z.ZodType> {
  /** The key in a `target:` block and the shorthand prefix. */
  kind: string;
  /** One line for `--help` and the docs. */
  summary: string;
  schema: Schema;
  /**
   * A `--target` string form. `parse` returns the kind's configuration (schema input) when the text is this kind's
   * shorthand, else undefined; it throws a UserError when the text is this kind's but malformed.
   */
  shorthand?: { forms: readonly string[]; parse(text: string): z.input<Schema> | undefined };
  /** Decides in this process (no per-decision timeout is added around it). */
  inProcess?: boolean;
  /** What an attacker (and the campaign) can observe of each answer under this configuration. */
  exposes(config: z.output<Schema>): Exposable[];
  open(config: z.output<Schema>, options: OpenTargetOptions): Promise<TargetHandle>;
}

/** Identity with a type check: keeps each kind's schema type attached to its `open`. */
export function defineTargetKind<Schema extends z.ZodType>(definition: TargetKind<Schema>): TargetKind<Schema> {
  return definition;
}
