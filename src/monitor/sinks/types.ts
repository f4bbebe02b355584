/** A sink receives alerts. Every sink except SARIF (a snapshot file) is de-duplicated through the --state file. */
import type { Alert } from '../alert.js';

export interface DeliveryOutcome {
  /** Keys of the alerts the sink accepted. */
  delivered: string[];
  failed: Array<{ key: string; error: string }>;
}

export interface RunInfo {
  /** The decision-log inputs the check read (SARIF artifact locations). */
  inputs: string[];
  /** Alerts skipped because the state file says they were already sent (for the terminal summary). */
  suppressed: number;
}

export interface Sink {
  /** Stable id derived from the configuration (type + target), recorded in the state file. */
  id: string;
  /** What to show a person (never a webhook URL: those carry secrets). */
  label: string;
  /** false: receives every alert of the run, each time (SARIF writes a complete snapshot). */
  dedup: boolean;
  deliver(alerts: readonly Alert[], run: RunInfo): Promise<DeliveryOutcome>;
}
