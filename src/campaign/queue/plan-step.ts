/**
 * A distributed run's plan step (a job on the plan queue): replay the run from the store, plan on exactly as one
 * process would (same keys, same plan order, same budget cuts), and either hand the next wave's attempts to the
 * workers — one BullMQ flow whose parent is the next plan step, so it runs once every attempt of the wave is done —
 * or, with nothing left to send, build and save the result document and end the run.
 *
 * Idempotent: a step run twice (redelivered after its worker died) finds the same wave and the same follow-up job
 * id, and adds nothing; attempts are keyed, so whatever ran meanwhile is replayed, not sent again.
 */
import type { ResilienceStats } from '../limits/resilient-target.js';
import type { DispatchJob } from '../run/dispatch.js';
import { Dispatcher } from '../run/dispatch.js';
import { runPrepared } from '../session.js';
import type { WorkerContext } from './context.js';
import {
  aliveKey,
  attemptJobId,
  PLAN_QUEUE,
  SETTINGS_KEY,
  statsKey,
  statsVariantsKey,
  TARGETS_KEY,
  targetQueue,
} from './names.js';

export interface PlanData {
  runId: string;
  /** The wave the step before this one dispatched (-1: the first step). */
  wave: number;
  /** How often that wave was dispatched already (its attempts failed for good on the workers). */
  round: number;
}

/** A plan step that fails (the store unreachable for a moment) is tried again, with backoff. */
export const PLAN_JOB_OPTIONS = { attempts: 20, backoff: { type: 'exponential', delay: 500 } } as const;

/** A wave dispatched this often without completing ends the run `incomplete` (resumable) instead of looping. */
const MAX_ROUNDS = 3;
/** An attempt job that fails (its store write, a lost worker) is retried this often, with exponential backoff. */
const JOB_ATTEMPTS = 10;

export async function runPlanStep(ctx: WorkerContext, data: PlanData): Promise<string> {
  const { store, redis } = ctx;
  const row = await store.getRun(data.runId);
  if (row && row.status !== 'running') {
    await redis.del(aliveKey(data.runId));
    return `run ${data.runId} is ${row.status} already`;
  }
  const { payload, createdMs, prepared } = await ctx.run(data.runId);
  const dispatcher = new Dispatcher();
  let dispatched: { wave: number; jobs: DispatchJob[] } | null = null;
  let status: string | null = null;
  for await (const e of runPrepared(prepared, store, {
    cache: payload.cache,
    ...(row ? { resume: data.runId } : {}),
    openTarget: (hardening) => ctx.lendTarget(data.runId, [...hardening]),
    step: {
      runId: data.runId,
      dispatcher,
      keepErrored: true,
      now: () => Date.now(),
      startedAt: createdMs,
      extraResilience: () => workerStats(ctx, data.runId),
    },
  })) {
    if (e.type === 'dispatched') dispatched = e;
    else if (e.type === 'done') status = e.result.status;
  }
  if (!dispatched) {
    await redis.del(aliveKey(data.runId));
    return `run ${data.runId} ${status ?? 'ended'}`;
  }
  const round = dispatched.wave === data.wave ? data.round + 1 : 0;
  if (round > MAX_ROUNDS) {
    await store.setStatus(
      data.runId,
      'incomplete',
      `${dispatched.jobs.length} attempts of wave ${dispatched.wave} could not be run after ${MAX_ROUNDS + 1} tries (see the workers' output); resume the run`,
    );
    await redis.del(aliveKey(data.runId));
    return `run ${data.runId} incomplete`;
  }
  const parentId = `${data.runId}.w${dispatched.wave}.r${round}`;
  if (await ctx.planQueue.getJob(parentId)) return `wave ${dispatched.wave} dispatched already`;
  const config = payload.config;
  for (const target of new Set(dispatched.jobs.map((j) => j.target))) {
    const name = targetQueue(target);
    await redis.sadd(TARGETS_KEY, name);
    await redis.hset(SETTINGS_KEY, name, String(config.concurrency));
    const rate = config.rateLimit;
    if (rate) {
      const { Queue } = await import('bullmq');
      const q = new Queue(name, { connection: redis });
      // The campaign's requests per second, across every worker (BullMQ's global rate limiter).
      await q.setGlobalRateLimit(1, Math.max(1, Math.ceil(1000 / rate)));
      await q.close();
    }
  }
  await ctx.flow.add({
    name: 'plan',
    queueName: PLAN_QUEUE,
    data: { runId: data.runId, wave: dispatched.wave, round } satisfies PlanData,
    opts: { jobId: parentId, ...PLAN_JOB_OPTIONS },
    children: dispatched.jobs.map((j) => ({
      name: j.type,
      queueName: targetQueue(j.target),
      data: j,
      opts: {
        jobId: attemptJobId(j.type === 'content' ? j.base.key : j.keys[0]!),
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 250 },
        // A job that fails for good still lets the next step run: it finds the attempt missing and dispatches it
        // again (or, after MAX_ROUNDS, ends the run incomplete).
        ignoreDependencyOnFailure: true,
        removeOnComplete: true,
        removeOnFail: true,
      },
    })),
  });
  await redis.set(aliveKey(data.runId), parentId);
  return `wave ${dispatched.wave}: ${dispatched.jobs.length} jobs dispatched`;
}

/** The workers' summed counters per variant (what the single-process result calls resilience). */
async function workerStats(ctx: WorkerContext, runId: string): Promise<Record<string, ResilienceStats>> {
  const out: Record<string, ResilienceStats> = {};
  for (const variant of await ctx.redis.smembers(statsVariantsKey(runId))) {
    const h = await ctx.redis.hgetall(statsKey(runId, variant));
    const n = (f: string) => Number(h[f] ?? 0);
    out[variant] = {
      requests: n('requests'),
      retries: n('retries'),
      throttled: n('throttled'),
      failures: n('failures'),
      timeouts: n('timeouts'),
      retryBudgetRefused: n('retryBudgetRefused'),
      breakerOpens: n('breakerOpens'),
      maxInFlight: 0,
    };
  }
  return out;
}
