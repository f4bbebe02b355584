/**
 * How a target kind reports a transport failure (timeout, throttling, crash…): a TargetError with a reason, so the
 * campaign's resilience layer can count and retry it without knowing the kind.
 */
import { TargetError } from '../contracts/target.js';

/**
 * `broken`: the target cannot work at all (its program does not exist, or dies at start every time); nothing sent
 * to it can succeed, so the campaign stops with this message instead of failing every attempt one by one.
 */
export type TransportFailure = 'timeout' | 'throttled' | 'unavailable' | 'network' | 'protocol' | 'crashed' | 'broken';

/** A TargetError that also says what went wrong, for the counters (429s, timeouts) the campaign reports. */
export class TransportError extends TargetError {
  constructor(
    message: string,
    retryable: boolean,
    readonly reason: TransportFailure,
    retryAfterMs?: number,
  ) {
    super(message, retryable, retryAfterMs);
  }
}

/** Anything a target throws becomes a TargetError; aborts and timeouts are retryable. */
export function asTargetError(e: unknown): TargetError {
  if (e instanceof TargetError) return e;
  if (e && typeof e === 'object' && 'retryable' in e && typeof (e as TargetError).retryable === 'boolean') {
    const t = e as TargetError;
    return new TargetError(t.message, t.retryable, t.retryAfterMs);
  }
  const err = e as Error | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError')
    return new TransportError('timed out', true, 'timeout');
  return new TargetError(err?.message ?? String(e), false);
}
