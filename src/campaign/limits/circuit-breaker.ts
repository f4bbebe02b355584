/**
 * A circuit breaker shared by every request to one target. After `threshold` failures in a row it opens: nobody
 * sends until `cooldownMs` has passed (or until a server's Retry-After, whichever is later). After `maxOpens`
 * openings with no success in between, the target is declared down and the run stops (resumable) rather than
 * hammering a dead service.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private opensWithoutSuccess = 0;
  /** performance.now() until which nobody sends. */
  pausedUntil = 0;
  opens = 0;

  constructor(
    readonly threshold = 10,
    readonly cooldownMs = 2_000,
    readonly maxOpens = 5,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get down(): boolean {
    return this.opensWithoutSuccess >= this.maxOpens;
  }

  /** Milliseconds to wait before sending (0 when closed). */
  waitMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.opensWithoutSuccess = 0;
  }

  /** A retryable failure. `retryAfterMs` from the server pauses everyone, not just the caller. */
  failure(retryAfterMs?: number): void {
    if (retryAfterMs !== undefined) this.pause(retryAfterMs);
    this.consecutiveFailures++;
    if (this.consecutiveFailures >= this.threshold) {
      this.consecutiveFailures = 0;
      this.opens++;
      this.opensWithoutSuccess++;
      this.pause(Math.max(this.cooldownMs, retryAfterMs ?? 0));
    }
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
