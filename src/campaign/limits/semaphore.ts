/** A counting semaphore: at most `capacity` holders at once, waiters served first come, first served. */
export class Semaphore {
  private held = 0;
  private readonly waiters: Array<() => void> = [];
  /** Highest number of simultaneous holders seen (for "was the concurrency kept busy?"). */
  maxHeld = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
  }

  get inUse(): number {
    return this.held;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(): Promise<void> {
    if (this.held < this.capacity) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand the slot straight to the next waiter: `held` stays the same.
    if (next) next();
    else this.held--;
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private take(): void {
    this.held++;
    if (this.held > this.maxHeld) this.maxHeld = this.held;
  }
}
