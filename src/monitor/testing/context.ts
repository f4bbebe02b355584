/** Build a signal context (window + baseline + metrics) for tests. */
import type { Baseline } from '../baseline.js';
import { computeMetrics } from '../metrics.js';
import type { SignalContext } from '../signals/types.js';
import type { WindowStats } from '../types.js';

export function contextOf(window: WindowStats, baseline: Baseline): SignalContext {
  return { window, baseline, metrics: computeMetrics(window, baseline) };
}
