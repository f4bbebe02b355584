/**
 * A target variant: the campaign's target as configured, or with one hardening switch on, behind its own politeness
 * layer and with what the waves learned about it (blocked seeds, untouched scores, chain outcomes). It exists so
 * every wave of one variant shares one limiter, one cache and one record of results.
 */

import type { TargetVerdict } from '../../contracts/target.js';
import type { HardeningSwitch } from '../../reference/hardening.js';
import type { TargetHandle } from '../../targets/kind.js';
import { SeededRandom } from '../../util/random.js';
import type { CampaignConfig } from '../file.js';
import { ResilientTarget } from '../limits/resilient-target.js';
import type { ChainOutcome } from '../search.js';
import type { CampaignStore } from '../store.js';

export interface Variant {
  name: string;
  hardening: HardeningSwitch[];
  handle: TargetHandle;
  target: ResilientTarget;
  /** Seeds whose untouched baseline did not evade (what the tactics must get through). */
  blocked: string[];
  /** Untouched score per seed (when the target exposes one). */
  baselineScore: Map<string, number>;
  outcomes: Map<string, ChainOutcome>;
  /** This target's cached answers, loaded once (undefined: too many, look up per attempt). */
  cache?: Map<string, TargetVerdict>;
}

/**
 * Open a variant: the campaign-wide concurrency and rate limit meet the target's own, the jitter is seeded by the
 * campaign (timing only, never results), and the answer cache is loaded once when it is small enough.
 */
export async function openVariant(
  handle: TargetHandle,
  name: string,
  hardening: HardeningSwitch[],
  config: CampaignConfig,
  cacheFrom: CampaignStore | null,
): Promise<Variant> {
  const limits = handle.limits;
  const concurrency = Math.min(config.concurrency, limits.concurrency ?? Number.POSITIVE_INFINITY);
  const rates = [config.rateLimit, limits.ratePerSecond].filter((x): x is number => x !== undefined);
  const jitter = new SeededRandom(config.seed).fork(`jitter|${name}`);
  const target = new ResilientTarget(handle.target, {
    concurrency,
    ...(rates.length ? { ratePerSecond: Math.min(...rates) } : {}),
    retries: limits.retries,
    ...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
    rng: () => jitter.float(),
    maxRetryAfterMs: config.maxRetryAfterMs,
    deferThrottled: true,
  });
  const v: Variant = { name, hardening, handle, target, blocked: [], baselineScore: new Map(), outcomes: new Map() };
  if (cacheFrom) {
    const cache = await cacheFrom.cacheLoad(target.info.fingerprint);
    if (cache) v.cache = cache;
  }
  return v;
}

/** What a chain has measured on a variant so far (an empty outcome when it has not run). */
export function outcomeOf(v: Variant, chain: string[]): ChainOutcome {
  return v.outcomes.get(chain.join('+')) ?? { chain, n: 0, successes: 0, meanScoreDrop: null, queries: 0 };
}
