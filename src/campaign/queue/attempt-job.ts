/**
 * A worker's share of a distributed run: one content attempt (send the prepared input, complete the record, store
 * it) or one stream group (run it whole through a fresh target, store its attempts in one transaction).
 *
 * Exactly once in the store: a job first asks whether its attempts are stored (a redelivered job ends there), and
 * every write is keyed (`ON CONFLICT DO NOTHING`), so even a worker killed between its send and its
 * acknowledgement leaves one row. A throttling target (429, Retry-After) pauses the whole queue — every worker —
 * for what it asked (BullMQ's `rateLimit`), and the job waits its turn again; past `maxRetryAfterMs` of waiting in
 * total it is recorded unanswered, as in one process.
 */
import type { Job } from 'bullmq';
import { asTargetError } from '../../targets/transport-error.js';
import type { AttemptRecord } from '../attempt.js';
import { Channel } from '../channel.js';
import { isThrottled } from '../limits/resilient-target.js';
import { AttemptBuilder, completeAttempt, stripDetail } from '../run/attempt-builder.js';
import { Budget } from '../run/budget.js';
import type { ContentJob, GroupJob } from '../run/dispatch.js';
import type { CampaignEvent } from '../run/events.js';
import { InFlight } from '../run/in-flight.js';
import { AttemptLedger } from '../run/ledger.js';
import { runStreamGroup } from '../run/stream-group.js';
import { ThrottledOutError, throttleBackoffMs } from '../run/throttle.js';
import type { CacheEntry } from '../store.js';
import type { WorkerContext } from './context.js';

/** What a throttled job carries between its tries. */
interface Deferral {
  deferredMs?: number;
  deferrals?: number;
}

/** Thrown to have BullMQ park the job: the queue is rate limited for every worker. */
export class Throttled extends Error {
  constructor(readonly ms: number) {
    super(`throttled for ${ms} ms`);
  }
}

export async function runContentJob(ctx: WorkerContext, job: Job<ContentJob & Deferral>): Promise<string> {
  const d = job.data;
  const { store } = ctx;
  if ((await store.storedKeys([d.base.key])).size) return 'stored already';
  const { payload, createdMs } = await ctx.run(d.runId);
  const config = payload.config;
  const wall = config.budgets.wallSeconds;
  // The wall-time budget counts from the run's start, on every machine: past it nothing more is sent (the next
  // plan step stops the run at the same check).
  if (wall !== undefined && (Date.now() - createdMs) / 1000 > wall) return 'past the wall-time budget';
  const v = await ctx.variant(d.runId, d.variant, d.hardening);
  const fp = v.target.info.fingerprint;
  const inputHash = d.base.inputHash!;
  let verdict = d.cache ? (await store.cacheLookup(fp, [inputHash])).get(inputHash) : undefined;
  const cached = verdict !== undefined;
  let record: AttemptRecord;
  let cache: CacheEntry | undefined;
  if (!verdict) {
    const t0 = performance.now();
    try {
      verdict = await v.target.decide(d.input);
    } catch (e) {
      const err = asTargetError(e);
      await ctx.reportStats(d.runId, v);
      if (isThrottled(err)) {
        const ms = err.retryAfterMs ?? throttleBackoffMs(d.deferrals ?? 0);
        const waited = d.deferredMs ?? 0;
        if (waited + ms <= config.maxRetryAfterMs) {
          await job.updateData({ ...d, deferredMs: waited + ms, deferrals: (d.deferrals ?? 0) + 1 });
          throw new Throttled(ms);
        }
        const out = new ThrottledOutError(
          `${err.message}: throttled; waiting ${ms / 1000} s more (after ${waited / 1000} s) would pass maxRetryAfterMs ` +
            `(${config.maxRetryAfterMs / 1000} s), left for --resume`,
        );
        await store.writeAttempts(d.runId, [{ ...d.base, error: out.message }], []);
        return 'throttled out';
      }
      await store.writeAttempts(d.runId, [{ ...d.base, error: err.message }], []);
      return `failed: ${err.message}`;
    }
    record = completeAttempt(config, d.base, verdict, d, performance.now() - t0, false);
    if (d.cache) cache = { targetFingerprint: fp, inputHash, verdict: stripDetail(verdict) };
  } else {
    record = completeAttempt(config, d.base, verdict, d, 0, cached);
  }
  await store.writeAttempts(d.runId, [record], cache ? [cache] : []);
  await ctx.reportStats(d.runId, v);
  return 'answered';
}

export async function runGroupJob(ctx: WorkerContext, job: Job<GroupJob>): Promise<string> {
  const d = job.data;
  const { store } = ctx;
  if ((await store.storedKeys(d.keys)).size) return 'stored already'; // a group is committed whole
  const { payload, createdMs, prepared } = await ctx.run(d.runId);
  const config = payload.config;
  const v = await ctx.variant(d.runId, d.variant, d.hardening);
  const ledger = new AttemptLedger(new Channel<CampaignEvent>());
  ledger.attach(await store.writer(d.runId));
  ledger.seekSeq(d.firstSeq);
  // Admitted by the plan step already; here only the wall time still applies.
  const budget = new Budget(
    { ...(config.budgets.wallSeconds !== undefined ? { wallSeconds: config.budgets.wallSeconds } : {}) },
    () => Date.now(),
    undefined,
    createdMs,
  );
  const inFlight = new InFlight(1);
  const builder = new AttemptBuilder({
    config,
    tactics: prepared.tactics,
    oracle: prepared.oracle,
    runId: d.runId,
    ledger,
    budget,
    inFlight,
    cacheStore: null,
    now: () => performance.now(),
  });
  const byId = new Map([...prepared.seeds.samples, ...(prepared.benign?.samples ?? [])].map((s) => [s.id, s]));
  const samples = d.sampleIds.map((id) => {
    const s = byId.get(id);
    if (!s) throw new Error(`sample ${id} of run ${d.runId} is not in the campaign's sample set on this worker`);
    return s;
  });
  try {
    await runStreamGroup(
      {
        config,
        tactics: prepared.tactics,
        runId: d.runId,
        ledger,
        budget,
        inFlight,
        builder,
        resilience: {},
        now: () => performance.now(),
      },
      v,
      d.phase,
      d.chain,
      d.repeat,
      samples,
      d.keys,
      () => undefined,
    );
  } catch (e) {
    if (!budget.stop) throw e;
  }
  await ledger.close();
  if (budget.stop) {
    if (/wallSeconds/.test(budget.stop.reason)) return 'past the wall-time budget';
    throw new Error(budget.stop.reason); // the target went down: BullMQ retries the job with backoff
  }
  return 'answered';
}
