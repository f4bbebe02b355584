/**
 * The attempts being answered right now, at most `concurrency` of them. It exists so the planner can go on planning
 * while answers come back, and so a wave (or a stream group, which owns the target) can wait until none is left.
 */
import { Semaphore } from '../limits/semaphore.js';
import { sleep } from '../limits/sleep.js';

/** Lets a running job step aside: its slot is free while it waits (a deferred attempt), taken back after. */
export type StepAside = (ms: number, signal?: AbortSignal) => Promise<void>;

export class InFlight {
  private readonly slots: Semaphore;
  private readonly jobs = new Set<Promise<void>>();

  constructor(concurrency: number) {
    this.slots = new Semaphore(concurrency);
  }

  /** Waits for a free slot, then starts `job` without waiting for it; the slot is freed when it settles. */
  async start(job: (stepAside: StepAside) => Promise<void>): Promise<void> {
    await this.slots.acquire();
    const stepAside: StepAside = async (ms, signal) => {
      this.slots.release();
      try {
        await sleep(ms, signal);
      } finally {
        await this.slots.acquire();
      }
    };
    const p = (async () => {
      try {
        // Each job starts on its own event-loop turn: a target that answers without I/O (in-process) would otherwise
        // run every job back to back and starve timers and the store's commits (a commit needs a turn per step).
        await new Promise<void>((r) => setImmediate(r));
        await job(stepAside);
      } finally {
        this.slots.release();
      }
    })();
    this.jobs.add(p);
    void p.finally(() => this.jobs.delete(p));
  }

  /** Resolves once every started job has settled (including jobs started meanwhile). */
  async drain(): Promise<void> {
    while (this.jobs.size) await Promise.all([...this.jobs]);
  }
}
