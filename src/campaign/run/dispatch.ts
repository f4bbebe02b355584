/**
 * Dispatch: how a distributed run's plan step hands attempts to workers instead of sending them itself. The runner
 * plans, replays and admits exactly as in one process (same keys, same plan order, same budget cuts); where it
 * would send a content attempt or run a stream group it gives the dispatcher a self-contained job instead. At the
 * end of a wave with dispatched jobs the step ends (`WavePending`): the jobs run on workers, and the next step
 * replays them from the store and plans on — the adaptive steps see exactly what one process would have seen.
 */
import type { TargetInput } from '../../contracts/target.js';
import type { HardeningSwitch } from '../../reference/hardening.js';
import type { AttemptRecord, Phase } from '../attempt.js';
import { StopRun } from './budget.js';

/** One content attempt, prepared and admitted: the worker sends `input` and completes `base` with the verdict. */
export interface ContentJob {
  type: 'content';
  runId: string;
  variant: string;
  hardening: HardeningSwitch[];
  /** Which target queue (the variant's target fingerprint). */
  target: string;
  base: AttemptRecord;
  input: TargetInput;
  /** The validity oracle's verdict and the transformed content (kept on success). */
  valid: boolean | null;
  content: string;
  cache: boolean;
}

/** One stream group (a chain with a stream tactic, one repeat): the worker runs it whole, in order. */
export interface GroupJob {
  type: 'group';
  runId: string;
  variant: string;
  hardening: HardeningSwitch[];
  target: string;
  phase: Phase;
  chain: string[];
  repeat: number;
  sampleIds: string[];
  keys: string[];
  firstSeq: number;
}

export type DispatchJob = ContentJob | GroupJob;

export class Dispatcher {
  readonly jobs: DispatchJob[] = [];
  /** Waves the runner has entered (the index of the wave a step stopped at names its follow-up step). */
  wave = -1;

  add(job: DispatchJob): void {
    this.jobs.push(job);
  }
}

/** The step ends here: these jobs must run before the plan can go on. */
export class WavePending extends StopRun {
  constructor(
    readonly wave: number,
    readonly jobs: DispatchJob[],
  ) {
    super('running', `${jobs.length} attempts dispatched in wave ${wave}`);
  }
}
