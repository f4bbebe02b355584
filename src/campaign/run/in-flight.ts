/**
 * The attempts being answered right now, at most `concurrency` of them. It exists so the planner can go on planning
 * while answers come back, and so a wave (or a stream group, which owns the target) can wait until none is left.
 */
import { Semaphore } from '../limits/semaphore.js';

export class InFlight {
  private readonly slots: Semaphore;
  private readonly jobs = new Set<Promise<void>>();

  constructor(concurrency: number) {
    this.slots = new Semaphore(concurrency);
  }

  /** Waits for a free slot, then starts `job` without waiting for it; the slot is freed when it settles. */
  async start(job: () => Promise<void>): Promise<void> {
    await this.slots.acquire();
    const p = (async () => {
      try {
        await job();
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
