/**
 * rate-limiter (activity layer): at most `maxPerHour` messages per sender in any sliding hour (fewer for young
 * accounts). Only admitted messages count, so a sender that keeps hammering stays deferred only as long as its
 * last admitted hour is full — the "421 try later" behaviour of a mail server.
 */
import { HOUR_MS } from '../../util/time.js';

export interface RateLimiterPolicy {
  maxPerHour: number;
  /** Limit for young accounts (see sender-accounts). */
  youngMaxPerHour: number;
}

export const DEFAULT_RATE_LIMITER: RateLimiterPolicy = { maxPerHour: 50, youngMaxPerHour: 20 };

export interface RateDecision {
  allowed: boolean;
  /** Messages admitted in the hour before this one. */
  inWindow: number;
  limit: number;
}

export class RateLimiter {
  private readonly admitted = new Map<string, number[]>();

  constructor(readonly policy: RateLimiterPolicy = DEFAULT_RATE_LIMITER) {}

  /** Decide and, when allowed, count the message. */
  admit(sender: string, now: number, young: boolean): RateDecision {
    const limit = young ? this.policy.youngMaxPerHour : this.policy.maxPerHour;
    const times = (this.admitted.get(sender) ?? []).filter((t) => t > now - HOUR_MS && t <= now);
    const allowed = times.length < limit;
    if (allowed) times.push(now);
    this.admitted.set(sender, times);
    return { allowed, inWindow: times.length - (allowed ? 1 : 0), limit };
  }

  /** Senders with messages in the last hour, and the busiest sender's count. */
  snapshot(now: number): { activeSenders: number; busiestSenderPerHour: number } {
    let active = 0;
    let busiest = 0;
    for (const times of this.admitted.values()) {
      const n = times.filter((t) => t > now - HOUR_MS && t <= now).length;
      if (n > 0) active++;
      busiest = Math.max(busiest, n);
    }
    return { activeSenders: active, busiestSenderPerHour: busiest };
  }
}
