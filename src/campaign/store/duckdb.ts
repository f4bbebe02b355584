/**
 * The DuckDB campaign store (the single-machine default): an embedded DuckDB file (default `.nograd/campaigns.duckdb`) with a `runs` table, an
 * `attempts` table (one row per attempt, primary key = the deterministic attempt key) and the answer `cache`.
 *
 * Attempts are written as they complete, in small transactions (every 256 attempts or 200 ms, whichever comes
 * first). A committed transaction survives `kill -9` (DuckDB's write-ahead log); what was still buffered is simply
 * not in the store, so `--resume` plans it again. Together with the primary key this means a resumed run loses
 * nothing and duplicates nothing; at worst it re-sends the last fraction of a second of queries.
 *
 * DuckDB is loaded only when a store is opened (the CLI imports this module lazily).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { TargetVerdict } from '../../contracts/target.js';
import { UserError } from '../../util/errors.js';
import type { AttemptRecord } from '../attempt.js';
import { pageBound, SELECT_ATTEMPT, toAttempt, toRun } from './rows.js';
import {
  type AttemptWriter,
  type CacheEntry,
  type CampaignStore,
  DEFAULT_STORE,
  type NewRun,
  type RunRow,
  type RunStatus,
} from './types.js';

const SCHEMA_VERSION = 1;

const ATTEMPT_COLUMNS = `
  key VARCHAR PRIMARY KEY,
  run_id VARCHAR NOT NULL,
  seq INTEGER NOT NULL,
  variant VARCHAR NOT NULL,
  phase VARCHAR NOT NULL,
  sample_set VARCHAR NOT NULL,
  seed_id VARCHAR NOT NULL,
  chain VARCHAR NOT NULL,
  repeat INTEGER NOT NULL,
  applicable BOOLEAN NOT NULL,
  valid BOOLEAN,
  invalid_reasons VARCHAR NOT NULL,
  decision VARCHAR,
  score DOUBLE,
  decided_by VARCHAR,
  evaded BOOLEAN NOT NULL,
  success BOOLEAN NOT NULL,
  error VARCHAR,
  cached BOOLEAN NOT NULL,
  queries DOUBLE NOT NULL,
  wall_ms DOUBLE NOT NULL,
  sim_hours DOUBLE NOT NULL,
  accounts DOUBLE NOT NULL,
  money DOUBLE NOT NULL,
  human_hours DOUBLE NOT NULL,
  implementation_hours DOUBLE NOT NULL,
  input_hash VARCHAR,
  original_hash VARCHAR NOT NULL,
  transformed VARCHAR,
  notes VARCHAR NOT NULL,
  created_ms DOUBLE NOT NULL,
  content_encoding VARCHAR`;

/**
 * A DuckDB error about the store file itself, as the user's to fix: another process holding the lock, or a file
 * that is truncated or damaged (DuckDB finds those when it opens the file or first reads a block, so every query
 * goes through this). Only DuckDB's own lock message counts as "in use": a checksum message mentions a "block".
 */
export function storeError(e: unknown, path: string): unknown {
  if (e instanceof UserError) return e;
  const msg = (e as Error)?.message ?? String(e);
  if (/Could not set lock on file|Conflicting lock is held/i.test(msg)) {
    return new UserError(
      `the campaign store ${path} is in use by another nograd process (a campaign still running?); wait for it to finish, or use another store (--store)`,
    );
  }
  if (
    /Corrupt database|checksum|Could not read enough bytes|not a valid DuckDB database|Serialization Error|database file .* (is|has)|truncated|INTERNAL Error.*(block|checksum)/i.test(
      msg,
    ) ||
    /^IO Error/i.test(msg)
  ) {
    return new UserError(
      `the campaign store ${path} is damaged (truncated or corrupted): ${msg.split('\n')[0]}\n  move it aside (mv ${path} ${path}.broken) and run the campaign again, or restore it from a backup`,
    );
  }
  return e;
}

/** The connection with every query's errors passed through storeError. */
function guardConnection(conn: DuckDBConnection, path: string): DuckDBConnection {
  const wrapped = new Set(['run', 'runAndReadAll', 'createAppender']);
  return new Proxy(conn, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !wrapped.has(prop) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (e) {
          throw storeError(e, path);
        }
      };
    },
  });
}

export class DuckDbStore implements CampaignStore {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string = DEFAULT_STORE): Promise<DuckDbStore> {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true });
    const { DuckDBInstance } = await import('@duckdb/node-api');
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file);
    } catch (e) {
      throw storeError(e, path);
    }
    try {
      const conn = guardConnection(await instance.connect(), path);
      const store = new DuckDbStore(file, instance, conn);
      await store.migrate();
      return store;
    } catch (e) {
      instance.closeSync();
      throw e;
    }
  }

  private async migrate(): Promise<void> {
    await this.conn.run('CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
    const v = await this.conn.runAndReadAll("SELECT value FROM meta WHERE key = 'schema_version'");
    const found = v.getRowObjectsJS()[0]?.value;
    if (found !== undefined && Number(found) !== SCHEMA_VERSION) {
      throw new UserError(
        `campaign store ${this.path} has schema version ${found}; this nograd reads ${SCHEMA_VERSION}`,
      );
    }
    await this.conn.run(`CREATE TABLE IF NOT EXISTS runs (
      run_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, campaign_file VARCHAR NOT NULL, hash VARCHAR NOT NULL,
      config VARCHAR NOT NULL, base_dir VARCHAR NOT NULL, target_fingerprint VARCHAR NOT NULL, seed INTEGER NOT NULL,
      status VARCHAR NOT NULL, stop_reason VARCHAR, created_ms DOUBLE NOT NULL, updated_ms DOUBLE NOT NULL,
      attempts INTEGER NOT NULL, nograd_version VARCHAR NOT NULL, result VARCHAR)`);
    await this.conn.run(`CREATE TABLE IF NOT EXISTS attempts (${ATTEMPT_COLUMNS})`);
    // Stores written before byte-exact inputs lack the column (their content was all UTF-8 text: NULL reads as utf8).
    // Added last, so the appender's column order holds for old and new tables alike.
    await this.conn.run('ALTER TABLE attempts ADD COLUMN IF NOT EXISTS content_encoding VARCHAR');
    await this.conn.run('CREATE INDEX IF NOT EXISTS attempts_run ON attempts (run_id)');
    await this.conn.run(`CREATE TABLE IF NOT EXISTS cache (target_fp VARCHAR NOT NULL, input_hash VARCHAR NOT NULL,
      verdict VARCHAR NOT NULL, created_ms DOUBLE NOT NULL, PRIMARY KEY (target_fp, input_hash))`);
    if (found === undefined) {
      await this.conn.run("INSERT INTO meta VALUES ('schema_version', $1)", [String(SCHEMA_VERSION)]);
    }
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  // ------------------------------------------------------------------------------------------------ runs

  async createRun(row: NewRun): Promise<void> {
    await this.conn.run(
      `INSERT OR IGNORE INTO runs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $10, 0, $11, NULL)`,
      [
        row.runId,
        row.name,
        row.campaignFile,
        row.hash,
        JSON.stringify(row.config),
        row.baseDir,
        row.targetFingerprint,
        row.seed,
        row.status,
        row.createdMs,
        row.nogradVersion,
      ],
    );
  }

  async getRun(runId: string): Promise<RunRow | undefined> {
    const r = await this.conn.runAndReadAll(`${RUN_SELECT} WHERE run_id = $1`, [runId]);
    const row = r.getRowObjectsJS()[0];
    return row ? toRun(row) : undefined;
  }

  /** Newest first. */
  async listRuns(): Promise<RunRow[]> {
    const r = await this.conn.runAndReadAll(`${RUN_SELECT} ORDER BY created_ms DESC, run_id`);
    return r.getRowObjectsJS().map(toRun);
  }

  async setStatus(runId: string, status: RunStatus, stopReason: string | null = null): Promise<void> {
    await this.conn.run('UPDATE runs SET status = $2, stop_reason = $3, updated_ms = $4 WHERE run_id = $1', [
      runId,
      status,
      stopReason,
      Date.now(),
    ]);
  }

  async saveResult(runId: string, result: unknown): Promise<void> {
    await this.conn.run('UPDATE runs SET result = $2, updated_ms = $3 WHERE run_id = $1', [
      runId,
      JSON.stringify(result),
      Date.now(),
    ]);
  }

  async getResult(runId: string): Promise<unknown | undefined> {
    const r = await this.conn.runAndReadAll('SELECT result FROM runs WHERE run_id = $1', [runId]);
    const v = r.getRowObjectsJS()[0]?.result;
    return typeof v === 'string' ? JSON.parse(v) : undefined;
  }

  // -------------------------------------------------------------------------------------------- attempts

  /** Drop a run's failed attempts so a resume plans them again. Returns how many. */
  async deleteErrored(runId: string): Promise<number> {
    const r = await this.conn.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM attempts WHERE run_id = $1 AND error IS NOT NULL',
      [runId],
    );
    const n = Number(r.getRowObjectsJS()[0]?.n ?? 0);
    if (n) await this.conn.run('DELETE FROM attempts WHERE run_id = $1 AND error IS NOT NULL', [runId]);
    await this.refreshCount(runId);
    return n;
  }

  private async refreshCount(runId: string): Promise<void> {
    await this.conn.run(
      'UPDATE runs SET attempts = (SELECT count(*) FROM attempts WHERE run_id = $1) WHERE run_id = $1',
      [runId],
    );
  }

  /** Every stored attempt of a run, in plan order, read in pages (never the whole table at once). */
  async *attempts(runId: string, opts: { withContent?: boolean } = {}): AsyncIterable<AttemptRecord> {
    const cols = opts.withContent ? SELECT_ATTEMPT : SELECT_ATTEMPT.replace('transformed,', 'NULL AS transformed,');
    const page = 5_000;
    for (let offset = 0; ; offset += page) {
      const r = await this.conn.runAndReadAll(
        `SELECT ${cols} FROM attempts WHERE run_id = $1 ORDER BY seq, key LIMIT ${page} OFFSET ${offset}`,
        [runId],
      );
      const rows = r.getRowObjectsJS();
      for (const row of rows) yield toAttempt(row);
      if (rows.length < page) return;
    }
  }

  /** Successful attempts with their transformed content, in plan order (for examples). */
  async successes(runId: string, limit: number): Promise<AttemptRecord[]> {
    const r = await this.conn.runAndReadAll(
      `SELECT ${SELECT_ATTEMPT} FROM attempts WHERE run_id = $1 AND success AND transformed IS NOT NULL
       ORDER BY seq, key LIMIT ${Math.max(0, Math.floor(limit))}`,
      [runId],
    );
    return r.getRowObjectsJS().map(toAttempt);
  }

  async attemptsPage(runId: string, offset: number, limit: number): Promise<AttemptRecord[]> {
    const cols = SELECT_ATTEMPT.replace('transformed,', 'NULL AS transformed,');
    const r = await this.conn.runAndReadAll(
      `SELECT ${cols} FROM attempts WHERE run_id = $1 ORDER BY seq, key LIMIT ${pageBound(limit)} OFFSET ${pageBound(offset)}`,
      [runId],
    );
    return r.getRowObjectsJS().map(toAttempt);
  }

  async attempt(key: string): Promise<AttemptRecord | undefined> {
    const r = await this.conn.runAndReadAll(`SELECT ${SELECT_ATTEMPT} FROM attempts WHERE key = $1`, [key]);
    const row = r.getRowObjectsJS()[0];
    return row ? toAttempt(row) : undefined;
  }

  async decisionCounts(runId: string): Promise<Record<string, number>> {
    const r = await this.conn.runAndReadAll(
      "SELECT coalesce(decision, 'none') AS d, count(*)::INTEGER AS n FROM attempts WHERE run_id = $1 GROUP BY 1",
      [runId],
    );
    return Object.fromEntries(r.getRowObjectsJS().map((x) => [String(x.d), Number(x.n)]));
  }

  async attemptKeys(runId: string): Promise<string[]> {
    const r = await this.conn.runAndReadAll('SELECT key FROM attempts WHERE run_id = $1 ORDER BY key', [runId]);
    return r.getRowObjectsJS().map((x) => String(x.key));
  }

  async storedKeys(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (keys.length === 0) return out;
    const { listValue } = await import('@duckdb/node-api');
    const r = await this.conn.runAndReadAll('SELECT key FROM attempts WHERE list_contains($1, key)', [
      listValue([...new Set(keys)]),
    ]);
    for (const row of r.getRowObjectsJS()) out.add(String(row.key));
    return out;
  }

  /** A writer on its own connection, so its transactions never interleave with the caller's reads. */
  async writer(runId: string, options: { batchSize?: number; flushMs?: number } = {}): Promise<AttemptWriter> {
    const conn = guardConnection(await this.instance.connect(), this.path);
    return new DuckDbAttemptWriter(conn, runId, options.batchSize ?? 256, options.flushMs ?? 200);
  }

  // ----------------------------------------------------------------------------------------------- cache

  /** Cached verdicts for these input hashes (one query for the batch). */
  async cacheLookup(targetFingerprint: string, hashes: readonly string[]): Promise<Map<string, TargetVerdict>> {
    const out = new Map<string, TargetVerdict>();
    if (hashes.length === 0) return out;
    const { listValue } = await import('@duckdb/node-api');
    const r = await this.conn.runAndReadAll(
      'SELECT input_hash, verdict FROM cache WHERE target_fp = $1 AND list_contains($2, input_hash)',
      [targetFingerprint, listValue([...new Set(hashes)])],
    );
    for (const row of r.getRowObjectsJS()) out.set(String(row.input_hash), JSON.parse(String(row.verdict)));
    return out;
  }

  /**
   * Every cached verdict of one target, when there are at most `limit` of them (one query instead of one per
   * attempt); undefined when there are more (the caller then looks up per attempt).
   */
  async cacheLoad(targetFingerprint: string, limit = 200_000): Promise<Map<string, TargetVerdict> | undefined> {
    if ((await this.cacheSize(targetFingerprint)) > limit) return undefined;
    const r = await this.conn.runAndReadAll('SELECT input_hash, verdict FROM cache WHERE target_fp = $1', [
      targetFingerprint,
    ]);
    const out = new Map<string, TargetVerdict>();
    for (const row of r.getRowObjectsJS()) out.set(String(row.input_hash), JSON.parse(String(row.verdict)));
    return out;
  }

  async cacheSize(targetFingerprint?: string): Promise<number> {
    const r = targetFingerprint
      ? await this.conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM cache WHERE target_fp = $1', [
          targetFingerprint,
        ])
      : await this.conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM cache');
    return Number(r.getRowObjectsJS()[0]?.n ?? 0);
  }
}

/** `attempts` is counted live: a run that is still going (or was killed) shows what is stored so far. */
const RUN_SELECT = `SELECT run_id, name, campaign_file, hash, config, base_dir, target_fingerprint, seed, status,
  stop_reason, created_ms, updated_ms,
  (SELECT count(*) FROM attempts a WHERE a.run_id = runs.run_id)::INTEGER AS attempts, nograd_version FROM runs`;

function appendNullable(a: DuckDBAppender, v: string | null, kind: 'varchar'): void;
function appendNullable(a: DuckDBAppender, v: number | null, kind: 'double'): void;
function appendNullable(a: DuckDBAppender, v: boolean | null, kind: 'boolean'): void;
function appendNullable(a: DuckDBAppender, v: string | number | boolean | null, kind: string): void {
  if (v === null) a.appendNull();
  else if (kind === 'varchar') a.appendVarchar(v as string);
  else if (kind === 'double') a.appendDouble(v as number);
  else a.appendBoolean(v as boolean);
}

function appendAttempt(a: DuckDBAppender, x: AttemptRecord): void {
  a.appendVarchar(x.key);
  a.appendVarchar(x.runId);
  a.appendInteger(x.seq);
  a.appendVarchar(x.variant);
  a.appendVarchar(x.phase);
  a.appendVarchar(x.set);
  a.appendVarchar(x.seedId);
  a.appendVarchar(JSON.stringify(x.chain));
  a.appendInteger(x.repeat);
  a.appendBoolean(x.applicable);
  appendNullable(a, x.valid, 'boolean');
  a.appendVarchar(JSON.stringify(x.invalidReasons));
  appendNullable(a, x.decision, 'varchar');
  appendNullable(a, x.score, 'double');
  appendNullable(a, x.decidedBy, 'varchar');
  a.appendBoolean(x.evaded);
  a.appendBoolean(x.success);
  appendNullable(a, x.error, 'varchar');
  a.appendBoolean(x.cached);
  a.appendDouble(x.queries);
  a.appendDouble(x.wallMs);
  a.appendDouble(x.simHours);
  a.appendDouble(x.accounts);
  a.appendDouble(x.money);
  a.appendDouble(x.humanHours);
  a.appendDouble(x.implementationHours);
  appendNullable(a, x.inputHash, 'varchar');
  a.appendVarchar(x.originalHash);
  appendNullable(a, x.transformed, 'varchar');
  a.appendVarchar(JSON.stringify(x.notes));
  a.appendDouble(x.createdMs);
  a.appendVarchar(x.encoding);
  a.endRow();
}

/**
 * Buffers attempts (and new cache entries) and commits them in small transactions. `flush()` waits for everything
 * added so far to be durable; `close()` flushes and stops the timer.
 */
export class DuckDbAttemptWriter implements AttemptWriter {
  private buffer: AttemptRecord[] = [];
  private cacheBuffer: CacheEntry[] = [];
  private readonly cachedKeys = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private failure?: Error;
  /** Attempts committed by this writer. */
  written = 0;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly runId: string,
    private readonly batchSize: number,
    private readonly flushMs: number,
  ) {}

  add(attempt: AttemptRecord, cache?: CacheEntry): void {
    this.addMany([attempt], cache ? [cache] : []);
  }

  /** Several attempts that must be committed together (a stream group): never split across transactions. */
  addMany(attempts: readonly AttemptRecord[], cache: readonly CacheEntry[] = []): void {
    if (this.failure) throw this.failure;
    this.buffer.push(...attempts);
    for (const c of cache) {
      const k = `${c.targetFingerprint}\u0000${c.inputHash}`;
      if (!this.cachedKeys.has(k)) {
        this.cachedKeys.add(k);
        this.cacheBuffer.push(c);
      }
    }
    if (this.buffer.length >= this.batchSize) void this.flush().catch(() => undefined);
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush().catch(() => undefined);
      }, this.flushMs);
    }
  }

  /** Resolves when everything added so far is committed; rejects if a commit failed. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const rows = this.buffer;
    const cache = this.cacheBuffer;
    this.buffer = [];
    this.cacheBuffer = [];
    this.chain = this.chain.then(() => this.commit(rows, cache));
    return this.chain.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.conn.closeSync();
    }
  }

  private async commit(rows: AttemptRecord[], cache: CacheEntry[]): Promise<void> {
    if (this.failure || (rows.length === 0 && cache.length === 0)) return;
    try {
      await this.transaction(rows, cache, false);
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      // The appender refuses a key that is stored already (an attempt written twice): write the batch again row
      // by row, skipping stored keys, so an attempt is stored once however often it is written.
      if (!/Duplicate key/i.test((e as Error).message)) {
        this.failure = new Error(`writing attempts to the store failed: ${(e as Error).message}`);
        return;
      }
      try {
        await this.transaction(rows, cache, true);
      } catch (e2) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        this.failure = new Error(`writing attempts to the store failed: ${(e2 as Error).message}`);
      }
    }
  }

  private async transaction(rows: AttemptRecord[], cache: CacheEntry[], skipStored: boolean): Promise<void> {
    await this.conn.run('BEGIN TRANSACTION');
    let fresh = rows;
    if (skipStored && rows.length) {
      const seen = new Set<string>();
      fresh = [];
      for (const r of rows) {
        if (seen.has(r.key)) continue;
        seen.add(r.key);
        const found = await this.conn.runAndReadAll('SELECT 1 FROM attempts WHERE key = $1', [r.key]);
        if (found.getRowObjectsJS().length === 0) fresh.push(r);
      }
    }
    if (fresh.length) {
      const a = await this.conn.createAppender('attempts');
      for (const r of fresh) appendAttempt(a, r);
      a.flushSync();
      a.closeSync();
    }
    if (cache.length) {
      // INSERT OR IGNORE: another run may have cached the same answer since we looked it up.
      const values = cache.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
      const params = cache.flatMap((c) => [c.targetFingerprint, c.inputHash, JSON.stringify(c.verdict), Date.now()]);
      await this.conn.run(`INSERT OR IGNORE INTO cache VALUES ${values}`, params);
    }
    await this.conn.run('UPDATE runs SET attempts = attempts + $2, updated_ms = $3 WHERE run_id = $1', [
      this.runId,
      fresh.length,
      Date.now(),
    ]);
    await this.conn.run('COMMIT');
    this.written += fresh.length;
  }
}
