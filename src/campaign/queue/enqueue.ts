/**
 * `nograd campaign run … --queue redis://…`: check the campaign here, record it in the shared store as a queued run,
 * and put its first plan step on the queue; the workers do the rest. The job is the one commit point: killed before
 * it, nothing was started; after it, the run goes on without this process (and a worker restarts the plan of a
 * recorded run that never got its job). `followRun` shows any run's progress from the store, on any machine.
 */
import { UserError } from '../../util/errors.js';
import type { CampaignOverrides } from '../file.js';
import type { CampaignResult } from '../result.js';
import { newRunId } from '../runner.js';
import { loadRunResult, prepareCampaign } from '../session.js';
import { PostgresStore } from '../store/postgres.js';
import { isPostgresUrl } from '../store/types.js';
import type { CampaignStore, RunRow } from '../store.js';
import type { QueuedRunPayload } from './context.js';
import { aliveKey, connectRedis, PLAN_QUEUE } from './names.js';
import { PLAN_JOB_OPTIONS } from './plan-step.js';

export interface EnqueueOptions extends CampaignOverrides {
  queue: string;
  store: string;
  cache?: boolean;
  /** Resume this queued run (its failed attempts are sent again); `true`: the newest unfinished one of the campaign. */
  resume?: string | true;
  text?: string;
}

export interface Enqueued {
  runId: string;
  resumed: boolean;
}

export async function enqueueCampaign(file: string, opts: EnqueueOptions): Promise<Enqueued> {
  if (!isPostgresUrl(opts.store)) {
    throw new UserError(
      'a queued run needs the shared PostgreSQL store (every worker writes to it): add --store postgres://user@host:port/db',
    );
  }
  const overrides: CampaignOverrides = {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  };
  const prepared = await prepareCampaign(file, overrides, opts.text);
  const store = await PostgresStore.open(opts.store);
  let redis: Awaited<ReturnType<typeof connectRedis>> | undefined;
  try {
    let runId: string;
    let resumed = false;
    if (opts.resume !== undefined) {
      runId = await resumable(store, prepared.loaded.hash, prepared.loaded.config.name, opts.resume);
      await store.deleteErrored(runId);
      await store.setStatus(runId, 'running');
      resumed = true;
    } else runId = newRunId();
    const payload: QueuedRunPayload = {
      runId,
      file: prepared.loaded.file,
      baseDir: prepared.loaded.baseDir,
      config: prepared.loaded.config,
      cache: opts.cache ?? true,
    };
    await store.queueRun(runId, payload, Date.now());
    const { Queue } = await import('bullmq');
    redis = await connectRedis(opts.queue);
    await redis.ping();
    const plan = new Queue(PLAN_QUEUE, { connection: redis });
    await plan.add(
      'plan',
      { runId, wave: -1, round: 0 },
      { jobId: `${runId}.start.${Date.now()}`, ...PLAN_JOB_OPTIONS },
    );
    await redis.set(aliveKey(runId), 'queued');
    await plan.close();
    return { runId, resumed };
  } finally {
    redis?.disconnect();
    await store.close();
  }
}

async function resumable(store: PostgresStore, hash: string, name: string, resume: string | true): Promise<string> {
  if (typeof resume === 'string') {
    const row = await store.getRun(resume);
    if (!row || !(await store.queuedRun(resume))) throw new UserError(`no queued run '${resume}' in ${store.path}`);
    if (row.status === 'completed') throw new UserError(`run ${resume} already completed; nothing to resume`);
    if (row.hash !== hash) throw new UserError(`run ${resume} was started with a different campaign configuration`);
    return resume;
  }
  const runs = (await store.listRuns()).filter((r) => r.hash === hash && r.status !== 'completed');
  for (const r of runs) if (await store.queuedRun(r.runId)) return r.runId;
  throw new UserError(`no unfinished queued run of campaign '${name}' in ${store.path}; start one without --resume`);
}

export interface FollowTick {
  run: RunRow;
}

/**
 * Watch a run in the store until it is no longer `running`, calling `onTick` every `intervalMs` with its row
 * (attempts stored so far); then return its result document.
 */
export async function followRun(
  store: CampaignStore,
  runId: string,
  onTick: (t: FollowTick) => void,
  opts: { intervalMs?: number; signal?: AbortSignal } = {},
): Promise<CampaignResult> {
  let ended = 0;
  for (;;) {
    const run = await store.getRun(runId);
    if (run) {
      onTick({ run });
      // The status is set just before the result is saved: give the saving step a moment.
      if (run.status !== 'running' && ((await store.getResult(runId)) !== undefined || ended++ >= 10)) {
        return loadRunResult(store, runId);
      }
    }
    if (opts.signal?.aborted) throw new UserError(`stopped following run ${runId} (it goes on)`, 130);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1_000));
  }
}
