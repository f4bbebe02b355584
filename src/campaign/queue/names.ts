/**
 * Where a distributed run lives in Redis: the queue names, job ids and keys every party (the enqueuing CLI, any
 * number of workers) derives the same way. BullMQ and ioredis load only here, when a queue is used.
 */
import type { Redis } from 'ioredis';
import { UserError } from '../../util/errors.js';
import { sha256Hex } from '../../util/hash.js';

/** The plan steps of every distributed run (the parent of each wave's flow). */
export const PLAN_QUEUE = 'nograd-plan';

/** One attempts queue per target (its fingerprint): BullMQ's rate limiter is per queue, so the budget is per target. */
export function targetQueue(fingerprint: string): string {
  return `nograd-target-${sha256Hex(fingerprint).slice(0, 16)}`;
}

/** Attempt jobs are named by their attempt key: a job added twice is one job while it exists. */
export function attemptJobId(key: string): string {
  return `a${sha256Hex(key).slice(0, 40)}`;
}

/** The set of target queues workers attach to. */
export const TARGETS_KEY = 'nograd:targets';
/** Per target queue: the campaign's concurrency per worker (a hash field). */
export const SETTINGS_KEY = 'nograd:queue-concurrency';
/** Present while a run has a plan step somewhere in Redis; its absence tells a worker to restart the run's plan. */
export const aliveKey = (runId: string) => `nograd:alive:${runId}`;
/** Per run and variant: the workers' summed resilience counters. */
export const statsKey = (runId: string, variant: string) => `nograd:stats:${runId}:${variant}`;
export const statsVariantsKey = (runId: string) => `nograd:stats-variants:${runId}`;

export function checkQueueUrl(url: string): string {
  if (!/^rediss?:\/\/[^\s]+$/i.test(url)) {
    throw new UserError(`--queue takes a Redis URL (redis://host:port), not '${url}'`);
  }
  return url;
}

/** A connection BullMQ can block on (it requires maxRetriesPerRequest: null); reconnects on its own. */
export async function connectRedis(url: string): Promise<Redis> {
  const { Redis: IORedis } = await import('ioredis');
  const redis = new IORedis(checkQueueUrl(url), {
    maxRetriesPerRequest: null,
    // Keep retrying while Redis restarts: a short, capped step.
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', () => undefined); // reported through failing commands; ioredis reconnects by itself
  return redis;
}
