/**
 * Open the target a campaign file names, with its politeness defaults. One file per target kind; this one only
 * dispatches.
 */
import type { HardeningSwitch } from '../../reference/hardening.js';
import type { ReferenceSystem } from '../../reference/system.js';
import type { Target } from '../../target/types.js';
import type { TargetSpec } from '../file.js';
import { createCommandTarget } from './command.js';
import { HttpTarget } from './http.js';
import { ModuleTarget } from './module.js';

export interface TargetHandle {
  target: Target;
  /** A new instance with clean state (targets whose state the campaign can reset: the reference system). */
  fresh?: () => Promise<Target>;
  /** The reference system behind the target (reference targets only): model weights, application pipeline. */
  system?: () => Promise<ReferenceSystem>;
  /** Per-target limits from the campaign file (the runner adds the campaign-wide ones). */
  limits: { concurrency?: number; ratePerSecond?: number; retries: number; timeoutMs?: number };
}

export interface OpenTargetOptions {
  baseDir: string;
  /** Hardening switches to turn on in addition to the spec's (reference target only). */
  hardening?: readonly HardeningSwitch[];
  env?: NodeJS.ProcessEnv;
}

export async function openTarget(spec: TargetSpec, opts: OpenTargetOptions): Promise<TargetHandle> {
  if (spec.reference) {
    const ref = spec.reference;
    // Loaded only when used: it trains (or loads) a model.
    const { openReferenceTarget } = await import('./reference.js');
    const extra = opts.hardening ?? [];
    const opened = openReferenceTarget(ref, extra);
    return {
      target: opened.target,
      fresh: async () => openReferenceTarget(ref, extra).target,
      system: opened.system,
      limits: { retries: 0 },
    };
  }
  if (spec.http) {
    const h = spec.http;
    return {
      target: new HttpTarget(h, opts.env),
      limits: {
        concurrency: h.concurrency,
        ratePerSecond: h.ratePerSecond,
        retries: h.retries,
        timeoutMs: h.timeoutMs,
      },
    };
  }
  if (spec.command) {
    const c = spec.command;
    return {
      target: createCommandTarget(c, opts.baseDir),
      limits: { concurrency: c.concurrency, retries: c.retries, timeoutMs: c.timeoutMs },
    };
  }
  const m = spec.module!;
  return { target: await ModuleTarget.load(m, opts.baseDir), limits: { concurrency: m.concurrency, retries: 0 } };
}
