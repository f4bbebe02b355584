/**
 * The politeness layer every campaign target goes through: a concurrency limit, a rate limit, a per-request
 * timeout, and retries with exponential backoff and full jitter that honour a server's Retry-After — bounded by a
 * shared retry budget and a circuit breaker, so a failing target sees less traffic, never more (no retry storm).
 *
 * Targets themselves make exactly one attempt and say whether a failure is retryable (TargetError).
 */
import type { Target, TargetInfo, TargetInput, TargetVerdict } from '../../contracts/target.js';
import { TargetError } from '../../contracts/target.js';
import { asTargetError, TransportError } from '../../targets/transport-error.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { RetryBudget } from './retry-budget.js';
import { Semaphore } from './semaphore.js';
import { sleep } from './sleep.js';
import { TokenBucket } from './token-bucket.js';

export interface ResilienceOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests per second (token bucket); unlimited when absent. */
  ratePerSecond?: number;
  /** Retries per request after the first try. */
  retries: number;
  /** Per-try timeout. */
  timeoutMs?: number;
  /** First backoff step; doubles per retry, capped at maxDelayMs, then fully jittered. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A Retry-After longer than this fails the request instead of parking the whole campaign; a shorter one pauses
   * every request for that long (the server asked), never longer than this.
   */
  maxRetryAfterMs?: number;
  /**
   * Throw throttled answers (429, or any retryable failure with a Retry-After) straight back to the caller, who
   * defers that one attempt; they then touch neither the retry budget nor the circuit breaker (a throttling server
   * is answering, not failing). The campaign runner sets this.
   */
  deferThrottled?: boolean;
  retryBudget?: RetryBudget;
  breaker?: CircuitBreaker;
  /** Jitter source (seeded by the campaign; timing only, never results). */
  rng?: () => number;
}

/** The circuit breaker gave up on the target: stop the run (it can be resumed later). */
export class TargetDownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetDownError';
  }
}

export interface ResilienceStats {
  /** First tries. */
  requests: number;
  retries: number;
  /** 429 answers. */
  throttled: number;
  /** Requests that failed for good. */
  failures: number;
  timeouts: number;
  retryBudgetRefused: number;
  breakerOpens: number;
  maxInFlight: number;
}

export class ResilientTarget implements Target {
  private readonly slots: Semaphore;
  private readonly bucket?: TokenBucket;
  private readonly budget: RetryBudget;
  private readonly breaker: CircuitBreaker;
  private readonly rng: () => number;
  private readonly counts = { requests: 0, retries: 0, throttled: 0, failures: 0, timeouts: 0 };

  constructor(
    readonly inner: Target,
    readonly options: ResilienceOptions,
  ) {
    this.slots = new Semaphore(options.concurrency);
    if (options.ratePerSecond) this.bucket = new TokenBucket(options.ratePerSecond);
    this.budget = options.retryBudget ?? new RetryBudget();
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.rng = options.rng ?? Math.random;
  }

  get info(): TargetInfo {
    return this.inner.info;
  }

  /** Requests being answered right now. */
  get inFlight(): number {
    return this.slots.inUse;
  }

  stats(): ResilienceStats {
    return {
      ...this.counts,
      retryBudgetRefused: this.budget.refused,
      breakerOpens: this.breaker.opens,
      maxInFlight: this.slots.maxHeld,
    };
  }

  decide(input: TargetInput, signal?: AbortSignal): Promise<TargetVerdict> {
    return this.withRetries((s) => this.inner.decide(input, s), signal);
  }

  get feedback(): Target['feedback'] {
    const inner = this.inner;
    if (!inner.feedback) return undefined;
    return (report) => this.withRetries(() => inner.feedback!(report));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async withRetries<T>(call: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.counts.requests++;
    this.budget.deposit();
    for (let attempt = 0; ; attempt++) {
      if (this.breaker.down) throw new TargetDownError(this.downMessage());
      await sleep(this.breaker.waitMs(), signal);
      await this.bucket?.take(signal);
      let failure: unknown;
      await this.slots.acquire();
      try {
        const result = await call(this.trySignal(signal));
        this.breaker.success();
        return result;
      } catch (e) {
        failure = e;
      } finally {
        this.slots.release();
      }
      if (signal?.aborted) throw signal.reason;
      const err = asTargetError(failure);
      if (err instanceof TransportError && err.reason === 'timeout') this.counts.timeouts++;
      if (err instanceof TransportError && err.reason === 'throttled') this.counts.throttled++;
      if (!err.retryable) {
        this.counts.failures++;
        // A target that cannot work at all stops the run with its own message (like an open breaker).
        if (err instanceof TransportError && err.reason === 'broken') throw new TargetDownError(err.message);
        throw err;
      }
      if (this.options.deferThrottled && isThrottled(err)) throw err;
      const maxAfter = this.options.maxRetryAfterMs ?? 120_000;
      const retryAfter = err.retryAfterMs;
      this.breaker.failure(retryAfter === undefined ? undefined : Math.min(retryAfter, maxAfter));
      if (this.breaker.down) {
        this.counts.failures++;
        throw new TargetDownError(this.downMessage(err));
      }
      if (attempt >= this.options.retries || (retryAfter !== undefined && retryAfter > maxAfter)) {
        this.counts.failures++;
        throw err;
      }
      if (!this.budget.tryWithdraw()) {
        this.counts.failures++;
        throw new TargetError(`${err.message} (not retried: the retry budget is spent)`, false);
      }
      this.counts.retries++;
      await sleep(retryAfter ?? this.backoff(attempt), signal);
    }
  }

  private trySignal(signal?: AbortSignal): AbortSignal | undefined {
    const t = this.options.timeoutMs;
    if (!t) return signal;
    const timeout = AbortSignal.timeout(t);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  /** Full jitter: uniform in [0, min(max, base·2^attempt)]. */
  private backoff(attempt: number): number {
    const base = this.options.baseDelayMs ?? 250;
    const cap = Math.min(this.options.maxDelayMs ?? 30_000, base * 2 ** attempt);
    return Math.round(this.rng() * cap);
  }

  private downMessage(last?: Error): string {
    return (
      `target ${this.info.kind} (${this.info.fingerprint}) looks down: the circuit breaker opened ` +
      `${this.breaker.opens} times without a success${last ? ` (last error: ${last.message})` : ''}`
    );
  }
}

/** The target answered "not now": HTTP 429, or a retryable failure that says when to come back (Retry-After). */
export function isThrottled(err: TargetError): boolean {
  if (err instanceof TransportError && err.reason === 'throttled') return true;
  return err.retryable && err.retryAfterMs !== undefined;
}
