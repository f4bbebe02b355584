/** What a security signal is: a detector over one window (and the baseline) that reports zero or more findings. */
import type { z } from 'zod';
import type { Baseline } from '../baseline.js';
import type { Metrics } from '../metrics.js';
import type { VersionPair, WindowStats } from '../types.js';

export interface SignalContext {
  window: WindowStats;
  baseline: Baseline;
  metrics: Metrics;
  /** What the check saw in earlier windows of the same run (the windows before this one). */
  history?: { versions: readonly VersionPair[] };
}

export type Evidence = Record<string, number | string | null>;

export interface Finding {
  /** What the finding is about: `score`, `account:acct-7`, `template:9f…`, `decider:bulk-detector`, … */
  subject: string;
  /** The signal's headline value and the threshold it crossed (same unit). */
  value: number;
  threshold: number;
  message: string;
  evidence: Evidence;
}

export interface Signal<P extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  /** One paragraph for docs and --help: what it watches and when it fires. */
  description: string;
  /** Tunable parameters (a strict zod object with defaults); rules override them under `params:`. */
  params: P;
  detect(ctx: SignalContext, params: z.output<P>): Finding[];
}

/** Helper so each signal file keeps its params type inferred. */
export function defineSignal<P extends z.ZodType>(s: Signal<P>): Signal<P> {
  return s;
}

export const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;
export const fmt = (x: number, digits = 3): string => (Number.isInteger(x) ? String(x) : x.toFixed(digits));
