/**
 * `nograd worker`: one process serving every distributed run — plan steps from the plan queue, attempts from each
 * target's queue (attached as they appear). Run any number, on any number of machines, against one Redis and one
 * PostgreSQL. A worker killed at any point loses nothing: BullMQ hands its jobs to another worker once their locks
 * lapse (stalled jobs), and every write is keyed.
 *
 * A watchdog restarts the plan of a queued run that has none in Redis (Redis lost its data, or the enqueuing process
 * died before it said the run was queued): the run is replayed from the store and goes on.
 */

import { hostname } from 'node:os';
import type { Job, Worker } from 'bullmq';
import { UserError } from '../../util/errors.js';
import type { ContentJob, GroupJob } from '../run/dispatch.js';
import { PostgresStore } from '../store/postgres.js';
import { isPostgresUrl } from '../store/types.js';
import { runContentJob, runGroupJob, Throttled } from './attempt-job.js';
import { WorkerContext } from './context.js';
import { aliveKey, connectRedis, PLAN_QUEUE, SETTINGS_KEY, TARGETS_KEY } from './names.js';
import { PLAN_JOB_OPTIONS, type PlanData, runPlanStep } from './plan-step.js';

export interface WorkerOptions {
  queue: string;
  store: string;
  /** Attempts in flight per target queue in this worker (default: the campaign's concurrency). */
  concurrency?: number;
  /** Plan steps at once in this worker (default 1). */
  planConcurrency?: number;
  /** How often to look for new target queues and orphaned runs (ms). */
  pollMs?: number;
  /** How long a queued run may go without a plan in Redis before a worker restarts it (ms). */
  orphanGraceMs?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  id: string;
  close(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  if (!isPostgresUrl(opts.store)) {
    throw new UserError('a worker needs the shared PostgreSQL store: --store postgres://user@host:port/db');
  }
  const log = opts.log ?? (() => undefined);
  const { Worker: BullWorker, Queue, FlowProducer } = await import('bullmq');
  const store = await PostgresStore.open(opts.store);
  const redis = await connectRedis(opts.queue);
  const planQueue = new Queue(PLAN_QUEUE, { connection: redis });
  const flow = new FlowProducer({ connection: redis });
  const ctx = new WorkerContext(store, redis, planQueue, flow, log);
  const id = `${hostname()}:${process.pid}`;
  const workers = new Map<string, Worker>();
  const connection = () => {
    const c = redis.duplicate();
    c.on('error', () => undefined); // reconnects by itself (a Redis restart); failing commands say what broke
    return c;
  };

  const planWorker = new BullWorker<PlanData>(
    PLAN_QUEUE,
    async (job: Job<PlanData>) => {
      const said = await runPlanStep(ctx, job.data);
      log(`plan ${job.data.runId}: ${said}`);
      return said;
    },
    // A plan step replays a run and plans a wave: give it time before its lock is thought lost.
    { connection: connection(), concurrency: opts.planConcurrency ?? 1, lockDuration: 60_000 },
  );
  planWorker.on('failed', (job, err) => log(`plan step ${job?.id} failed: ${err.message}`));
  planWorker.on('error', () => undefined);

  const attach = async (name: string) => {
    if (workers.has(name)) return;
    const configured = Number(await redis.hget(SETTINGS_KEY, name)) || 4;
    const w: Worker = new BullWorker<ContentJob | GroupJob>(
      name,
      async (job: Job<ContentJob | GroupJob>) => {
        try {
          return job.data.type === 'content'
            ? await runContentJob(ctx, job as Job<ContentJob>)
            : await runGroupJob(ctx, job as Job<GroupJob>);
        } catch (e) {
          if (e instanceof Throttled) {
            // Every worker of this queue pauses for what the target asked; the job waits its turn again.
            await w.rateLimit(e.ms);
            throw BullWorker.RateLimitError();
          }
          throw e;
        }
      },
      {
        connection: connection(),
        concurrency: opts.concurrency ?? configured,
        // Locks renewed every 5 s; a worker killed mid-attempt frees its jobs within about 12 s (stalled-job check).
        lockDuration: 10_000,
        stalledInterval: 2_000,
        maxStalledCount: 100,
      },
    );
    w.on('failed', (job, err) => log(`attempt job ${job?.id} failed: ${err.message}`));
    w.on('error', () => undefined);
    workers.set(name, w);
    log(`serving ${name}`);
  };

  let stopped = false;
  const grace = opts.orphanGraceMs ?? 5_000;
  const tick = async () => {
    for (const name of await redis.smembers(TARGETS_KEY)) await attach(name);
    for (const run of await store.unfinishedQueuedRuns()) {
      if (Date.now() - run.createdMs < grace) continue;
      // One worker wins the key and restarts the run's plan; the step is idempotent either way.
      const won = await redis.set(aliveKey(run.runId), `recovered-by-${id}`, 'NX');
      if (won === 'OK') {
        await planQueue.add(
          'plan',
          { runId: run.runId, wave: -1, round: 0 },
          {
            jobId: `${run.runId}.recover.${Date.now()}`,
            ...PLAN_JOB_OPTIONS,
          },
        );
        log(`restarted the plan of run ${run.runId} (no plan step in the queue)`);
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      await tick();
    } catch {
      // Redis or PostgreSQL briefly unreachable: try again next time.
    }
    if (!stopped) timer = setTimeout(loop, opts.pollMs ?? 1_000);
  };
  await loop();

  return {
    id,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await planWorker.close();
      for (const w of workers.values()) await w.close();
      await flow.close();
      await planQueue.close();
      await ctx.close();
      redis.disconnect();
      await store.close();
    },
  };
}
