/**
 * A one-consumer async queue: producers `push`, the consumer iterates with `for await`. `end()` finishes the
 * iteration after what is queued; `fail(e)` makes it throw. This is how the runner streams events while it works.
 */
export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter?: () => void;
  private done = false;
  private error?: unknown;

  push(item: T): void {
    if (this.done) return;
    this.items.push(item);
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  fail(e: unknown): void {
    this.error = e;
    this.done = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.error !== undefined) throw this.error;
      if (this.done) return;
      await new Promise<void>((r) => {
        this.waiter = r;
      });
    }
  }
}
