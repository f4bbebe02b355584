/**
 * The campaign store interface: what the runner, the distributed workers, `campaign list/show`, resume and the
 * reports need from wherever runs and attempts are kept. Two implementations share one schema and one set of result
 * documents: the embedded DuckDB file (the single-machine default, ./duckdb.ts) and PostgreSQL (./postgres.ts,
 * `--store postgres://…`, shared by workers on several machines).
 *
 * The attempt key (runId / variant / set:seedId / chain / repeat) is the primary key in both: an attempt is stored
 * at most once however often it is written, which is what makes resume and redelivery safe.
 */
import type { TargetVerdict } from '../../contracts/target.js';
import type { AttemptRecord } from '../attempt.js';

export const DEFAULT_STORE = '.nograd/campaigns.duckdb';

/** `incomplete`: the waves ran to the end but some attempts got no answer (throttled, failed); `--resume` retries them. */
export type RunStatus = 'running' | 'completed' | 'incomplete' | 'stopped' | 'interrupted' | 'failed';

export interface RunRow {
  runId: string;
  name: string;
  campaignFile: string;
  /** Hash of the result-deciding configuration (see campaignHash). */
  hash: string;
  /** The validated campaign config as JSON. */
  config: unknown;
  baseDir: string;
  targetFingerprint: string;
  seed: number;
  status: RunStatus;
  /** Why the run stopped early (a budget, the target going down, an interruption). */
  stopReason: string | null;
  createdMs: number;
  updatedMs: number;
  /** Attempts written so far. */
  attempts: number;
  nogradVersion: string;
}

export type NewRun = Omit<RunRow, 'attempts' | 'updatedMs' | 'stopReason'>;

export interface CacheEntry {
  targetFingerprint: string;
  inputHash: string;
  verdict: TargetVerdict;
}

/**
 * Buffers attempts (and new cache entries) and commits them in small transactions. `flush()` waits for everything
 * added so far to be durable; `close()` flushes and releases the writer's connection.
 */
export interface AttemptWriter {
  /** Attempts committed by this writer (an attempt already stored is not counted again). */
  readonly written: number;
  add(attempt: AttemptRecord, cache?: CacheEntry): void;
  /** Several attempts that must be committed together (a stream group): never split across transactions. */
  addMany(attempts: readonly AttemptRecord[], cache?: readonly CacheEntry[]): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface CampaignStore {
  /** Where the store is (a file path, or a connection string without its password): for messages. */
  readonly path: string;
  close(): Promise<void>;

  /** A new run; creating a run that exists already does nothing (a redelivered first step of a distributed run). */
  createRun(row: NewRun): Promise<void>;
  getRun(runId: string): Promise<RunRow | undefined>;
  /** Newest first. */
  listRuns(): Promise<RunRow[]>;
  setStatus(runId: string, status: RunStatus, stopReason?: string | null): Promise<void>;
  saveResult(runId: string, result: unknown): Promise<void>;
  getResult(runId: string): Promise<unknown | undefined>;

  /** Drop a run's failed attempts so a resume plans them again. Returns how many. */
  deleteErrored(runId: string): Promise<number>;
  /** Every stored attempt of a run, in plan order, read in pages. */
  attempts(runId: string, opts?: { withContent?: boolean }): AsyncIterable<AttemptRecord>;
  /** Successful attempts with their transformed content, in plan order (for examples). */
  successes(runId: string, limit: number): Promise<AttemptRecord[]>;
  /** One page of a run's attempts in plan order, content omitted (the workbench pages its table server-side). */
  attemptsPage(runId: string, offset: number, limit: number): Promise<AttemptRecord[]>;
  /** One attempt with its transformed content (kept for evasive variants). */
  attempt(key: string): Promise<AttemptRecord | undefined>;
  /** Stored attempts of a run by decision ('none': not sent or failed), for the outcome split. */
  decisionCounts(runId: string): Promise<Record<string, number>>;
  attemptKeys(runId: string): Promise<string[]>;
  /** Which of these attempt keys are stored already. */
  storedKeys(keys: readonly string[]): Promise<Set<string>>;
  /** A writer on its own connection, so its transactions never interleave with the caller's reads. */
  writer(runId: string, options?: { batchSize?: number; flushMs?: number }): Promise<AttemptWriter>;

  /** Cached verdicts for these input hashes (one query for the batch). */
  cacheLookup(targetFingerprint: string, hashes: readonly string[]): Promise<Map<string, TargetVerdict>>;
  /** Every cached verdict of one target when there are at most `limit`; undefined when there are more. */
  cacheLoad(targetFingerprint: string, limit?: number): Promise<Map<string, TargetVerdict> | undefined>;
  cacheSize(targetFingerprint?: string): Promise<number>;
}

/** Is this `--store` value a PostgreSQL connection string (else it is a DuckDB file path)? */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}
