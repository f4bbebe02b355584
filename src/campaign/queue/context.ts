/**
 * What one worker process holds for the runs it serves: the store, Redis, the plan queue and flow producer, and per
 * run the resolved campaign and the opened target variants (opened once, reused by every job of the run).
 */
import type { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FeedbackReport, Target } from '../../contracts/target.js';
import type { HardeningSwitch } from '../../reference/hardening.js';
import type { TargetHandle } from '../../targets/kind.js';
import { openTarget } from '../../targets/registry.js';
import { BASE_VARIANT } from '../attempt.js';
import type { CampaignConfig } from '../file.js';
import type { ResilienceStats } from '../limits/resilient-target.js';
import { openVariant, type Variant } from '../run/variant.js';
import { type PreparedCampaign, preparedFromConfig } from '../session.js';
import type { PostgresStore } from '../store/postgres.js';

/** What a queued run starts from (kept in the store's queued_runs table). */
export interface QueuedRunPayload {
  runId: string;
  file: string;
  baseDir: string;
  config: CampaignConfig;
  cache: boolean;
}

export class WorkerContext {
  private readonly prepared = new Map<
    string,
    Promise<{ payload: QueuedRunPayload; createdMs: number; prepared: PreparedCampaign }>
  >();
  private readonly variants = new Map<string, Promise<Variant>>();
  private readonly reported = new Map<string, ResilienceStats>();

  constructor(
    readonly store: PostgresStore,
    readonly redis: Redis,
    readonly planQueue: Queue,
    readonly flow: FlowProducer,
    readonly log: (line: string) => void,
  ) {}

  /** The run's campaign, resolved once per worker. */
  run(runId: string): Promise<{ payload: QueuedRunPayload; createdMs: number; prepared: PreparedCampaign }> {
    let p = this.prepared.get(runId);
    if (!p) {
      p = (async () => {
        const q = await this.store.queuedRun(runId);
        if (!q) throw new Error(`run ${runId} is not a queued run in ${this.store.path}`);
        const payload = q.payload as QueuedRunPayload;
        const prepared = await preparedFromConfig(payload.config, payload.file, payload.baseDir);
        return { payload, createdMs: q.createdMs, prepared };
      })();
      p.catch(() => this.prepared.delete(runId));
      this.prepared.set(runId, p);
    }
    return p;
  }

  /** A target variant of a run, opened once in this worker (its own politeness layer; the rate limit is global). */
  variant(runId: string, name: string, hardening: HardeningSwitch[]): Promise<Variant> {
    const key = `${runId}|${name}`;
    let v = this.variants.get(key);
    if (!v) {
      v = (async () => {
        const { payload } = await this.run(runId);
        const handle = await openTarget(payload.config.target, { baseDir: payload.baseDir, hardening });
        return openVariant(handle, name, hardening, payload.config, null);
      })();
      v.catch(() => this.variants.delete(key));
      this.variants.set(key, v);
    }
    return v;
  }

  /**
   * The target handle a plan step runs on: the worker's own opened variant, lent without letting the step close it
   * (a step sends nothing itself; reopening — retraining the reference model — on every step would dominate).
   */
  async lendTarget(runId: string, hardening: HardeningSwitch[]): Promise<TargetHandle> {
    const name = hardening.length ? hardening.join('+') : BASE_VARIANT;
    const { handle } = await this.variant(runId, name, hardening);
    const t = handle.target;
    const lent: Target = {
      get info() {
        return t.info;
      },
      decide: (input, signal) => t.decide(input, signal),
      ...(t.feedback ? { feedback: (r: FeedbackReport) => t.feedback!(r) } : {}),
      close: async () => undefined,
    };
    return { ...handle, target: lent };
  }

  /** Add what this worker's target counted since it last reported to the run's shared counters in Redis. */
  async reportStats(runId: string, v: Variant): Promise<void> {
    const key = `${runId}|${v.name}`;
    const now = v.target.stats();
    const before = this.reported.get(key);
    this.reported.set(key, now);
    const m = this.redis.multi();
    const { statsKey, statsVariantsKey } = await import('./names.js');
    m.sadd(statsVariantsKey(runId), v.name);
    for (const field of [
      'requests',
      'retries',
      'throttled',
      'failures',
      'timeouts',
      'retryBudgetRefused',
      'breakerOpens',
    ] as const) {
      const d = now[field] - (before?.[field] ?? 0);
      if (d) m.hincrby(statsKey(runId, v.name), field, d);
    }
    m.hincrby(statsKey(runId, v.name), 'reports', 1);
    await m.exec();
  }

  async close(): Promise<void> {
    for (const v of this.variants.values()) {
      const opened = await v.catch(() => undefined);
      await opened?.target.close().catch(() => undefined);
    }
  }
}
