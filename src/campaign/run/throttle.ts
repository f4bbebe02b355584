/**
 * Deferring a throttled attempt. A server that answers 429 (or says Retry-After) is alive and asking for time:
 * the attempt waits what it asked — by itself, the rest of the campaign goes on — and is tried again, for at most
 * `maxRetryAfterMs` in total. Past that the attempt is left unanswered (recorded as such, so the run ends
 * `incomplete` and `--resume` sends it again), never silently dropped and never stalling the whole campaign.
 */
import { TargetError } from '../../contracts/target.js';
import { asTargetError } from '../../targets/transport-error.js';
import { isThrottled } from '../limits/resilient-target.js';

/** A throttled attempt that could not be answered within `maxRetryAfterMs`: left for `--resume`. */
export class ThrottledOutError extends TargetError {
  constructor(message: string) {
    super(message, true);
    this.name = 'ThrottledOutError';
  }
}

/** Waiting without a Retry-After: 0.5 s, doubling, at most 30 s per deferral. */
export function throttleBackoffMs(deferrals: number): number {
  return Math.min(30_000, 500 * 2 ** deferrals);
}

/**
 * Call `call` until it is not throttled. Each throttled answer waits its Retry-After (or the backoff) through
 * `wait`; `onDefer` hears about each deferral. Throws ThrottledOutError when the next wait would take the attempt
 * past `capMs` of waiting in total; any other failure is rethrown as is.
 */
export async function deferWhileThrottled<T>(
  call: () => Promise<T>,
  capMs: number,
  wait: (ms: number) => Promise<void>,
  onDefer?: (ms: number, err: TargetError) => void,
): Promise<T> {
  let waited = 0;
  for (let n = 0; ; n++) {
    try {
      return await call();
    } catch (e) {
      const err = asTargetError(e);
      if (!isThrottled(err)) throw e;
      const ms = err.retryAfterMs ?? throttleBackoffMs(n);
      if (waited + ms > capMs) {
        throw new ThrottledOutError(
          `${err.message}: throttled; waiting ${seconds(ms)} more (after ${seconds(waited)}) would pass maxRetryAfterMs ` +
            `(${seconds(capMs)}), left for --resume`,
        );
      }
      onDefer?.(ms, err);
      waited += ms;
      await wait(ms);
    }
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
