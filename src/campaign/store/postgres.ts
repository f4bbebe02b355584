/**
 * The PostgreSQL campaign store (`--store postgres://user@host:port/db`): the same tables, columns and result
 * documents as the DuckDB file, in a server every worker of a distributed run reaches.
 *
 * Exactly once: the attempt key is the primary key and every write is `INSERT … ON CONFLICT (key) DO NOTHING`, so a
 * redelivered job, a worker that died after sending but before its commit was acknowledged, or a plan step run twice
 * all leave one row per attempt. A write either commits whole (a stream group is one transaction) or not at all; a
 * dropped connection fails the transaction, which the caller (a queue job) retries.
 *
 * `pg` is loaded only when such a store is opened.
 */
import type { Pool, PoolClient } from 'pg';
import type { TargetVerdict } from '../../contracts/target.js';
import { UserError } from '../../util/errors.js';
import type { AttemptRecord } from '../attempt.js';
import { pageBound, type Row, SELECT_ATTEMPT, toAttempt, toRun } from './rows.js';
import type { AttemptWriter, CacheEntry, CampaignStore, NewRun, RunRow, RunStatus } from './types.js';

const SCHEMA_VERSION = 1;
/** One lock id for migrations, so workers starting together do not race on CREATE TABLE. */
const MIGRATE_LOCK = 0x6e6f6772; // "nogr"

const ATTEMPT_COLUMNS = `
  key TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  variant TEXT NOT NULL,
  phase TEXT NOT NULL,
  sample_set TEXT NOT NULL,
  seed_id TEXT NOT NULL,
  chain TEXT NOT NULL,
  repeat INTEGER NOT NULL,
  applicable BOOLEAN NOT NULL,
  valid BOOLEAN,
  invalid_reasons TEXT NOT NULL,
  decision TEXT,
  score DOUBLE PRECISION,
  decided_by TEXT,
  evaded BOOLEAN NOT NULL,
  success BOOLEAN NOT NULL,
  error TEXT,
  cached BOOLEAN NOT NULL,
  queries DOUBLE PRECISION NOT NULL,
  wall_ms DOUBLE PRECISION NOT NULL,
  sim_hours DOUBLE PRECISION NOT NULL,
  accounts DOUBLE PRECISION NOT NULL,
  money DOUBLE PRECISION NOT NULL,
  human_hours DOUBLE PRECISION NOT NULL,
  implementation_hours DOUBLE PRECISION NOT NULL,
  input_hash TEXT,
  original_hash TEXT NOT NULL,
  transformed TEXT,
  notes TEXT NOT NULL,
  created_ms DOUBLE PRECISION NOT NULL,
  content_encoding TEXT`;

const RUN_SELECT = `SELECT run_id, name, campaign_file, hash, config, base_dir, target_fingerprint, seed, status,
  stop_reason, created_ms, updated_ms,
  (SELECT count(*) FROM attempts a WHERE a.run_id = runs.run_id)::INTEGER AS attempts, nograd_version FROM runs`;

/** The connection string as messages show it: without the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export class PostgresStore implements CampaignStore {
  private constructor(
    readonly path: string,
    private readonly pool: Pool,
  ) {}

  static async open(url: string): Promise<PostgresStore> {
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
    // A connection the server dropped while idle (a restart, pg_terminate_backend) is reported here; the pool
    // replaces it on the next query, and the query that needed it fails and is retried by its caller.
    pool.on('error', () => undefined);
    const store = new PostgresStore(redactUrl(url), pool);
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => undefined);
      const msg = (e as Error).message;
      if (e instanceof UserError) throw e;
      throw new UserError(`cannot open the campaign store ${store.path}: ${msg}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)');
      const v = await c.query("SELECT value FROM meta WHERE key = 'schema_version'");
      const found = v.rows[0]?.value as string | undefined;
      if (found !== undefined && Number(found) !== SCHEMA_VERSION) {
        throw new UserError(
          `campaign store ${this.path} has schema version ${found}; this nograd reads ${SCHEMA_VERSION}`,
        );
      }
      await c.query(`CREATE TABLE IF NOT EXISTS runs (
        run_id TEXT PRIMARY KEY, name TEXT NOT NULL, campaign_file TEXT NOT NULL, hash TEXT NOT NULL,
        config TEXT NOT NULL, base_dir TEXT NOT NULL, target_fingerprint TEXT NOT NULL, seed INTEGER NOT NULL,
        status TEXT NOT NULL, stop_reason TEXT, created_ms DOUBLE PRECISION NOT NULL,
        updated_ms DOUBLE PRECISION NOT NULL, attempts INTEGER NOT NULL, nograd_version TEXT NOT NULL, result TEXT)`);
      await c.query(`CREATE TABLE IF NOT EXISTS attempts (${ATTEMPT_COLUMNS})`);
      await c.query('CREATE INDEX IF NOT EXISTS attempts_run ON attempts (run_id)');
      await c.query(`CREATE TABLE IF NOT EXISTS cache (target_fp TEXT NOT NULL, input_hash TEXT NOT NULL,
        verdict TEXT NOT NULL, created_ms DOUBLE PRECISION NOT NULL, PRIMARY KEY (target_fp, input_hash))`);
      // Beside the shared schema, the one table a distributed run needs: which runs were handed to a queue, with
      // what they start from, so a worker can start (or restart) a run whose queue state was lost.
      await c.query(`CREATE TABLE IF NOT EXISTS queued_runs (run_id TEXT PRIMARY KEY, payload TEXT NOT NULL,
        created_ms DOUBLE PRECISION NOT NULL)`);
      if (found === undefined) {
        await c.query("INSERT INTO meta VALUES ('schema_version', $1) ON CONFLICT DO NOTHING", [
          String(SCHEMA_VERSION),
        ]);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  // ------------------------------------------------------------------------------------------------ runs

  async createRun(row: NewRun): Promise<void> {
    await this.pool.query(
      `INSERT INTO runs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $10, 0, $11, NULL)
       ON CONFLICT (run_id) DO NOTHING`,
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
    const row = (await this.rows(`${RUN_SELECT} WHERE run_id = $1`, [runId]))[0];
    return row ? toRun(row) : undefined;
  }

  async listRuns(): Promise<RunRow[]> {
    return (await this.rows(`${RUN_SELECT} ORDER BY created_ms DESC, run_id`)).map(toRun);
  }

  async setStatus(runId: string, status: RunStatus, stopReason: string | null = null): Promise<void> {
    await this.pool.query('UPDATE runs SET status = $2, stop_reason = $3, updated_ms = $4 WHERE run_id = $1', [
      runId,
      status,
      stopReason,
      Date.now(),
    ]);
  }

  async saveResult(runId: string, result: unknown): Promise<void> {
    await this.pool.query('UPDATE runs SET result = $2, updated_ms = $3 WHERE run_id = $1', [
      runId,
      JSON.stringify(result),
      Date.now(),
    ]);
  }

  async getResult(runId: string): Promise<unknown | undefined> {
    const v = (await this.rows('SELECT result FROM runs WHERE run_id = $1', [runId]))[0]?.result;
    return typeof v === 'string' ? JSON.parse(v) : undefined;
  }

  // -------------------------------------------------------------------------------------------- attempts

  async deleteErrored(runId: string): Promise<number> {
    const r = await this.pool.query('DELETE FROM attempts WHERE run_id = $1 AND error IS NOT NULL', [runId]);
    await this.pool.query(
      'UPDATE runs SET attempts = (SELECT count(*) FROM attempts WHERE run_id = $1) WHERE run_id = $1',
      [runId],
    );
    return r.rowCount ?? 0;
  }

  async *attempts(runId: string, opts: { withContent?: boolean } = {}): AsyncIterable<AttemptRecord> {
    const cols = opts.withContent ? SELECT_ATTEMPT : SELECT_ATTEMPT.replace('transformed,', 'NULL AS transformed,');
    const page = 5_000;
    for (let offset = 0; ; offset += page) {
      const rows = await this.rows(
        `SELECT ${cols} FROM attempts WHERE run_id = $1 ORDER BY seq, key LIMIT ${page} OFFSET ${offset}`,
        [runId],
      );
      for (const row of rows) yield toAttempt(row);
      if (rows.length < page) return;
    }
  }

  async successes(runId: string, limit: number): Promise<AttemptRecord[]> {
    const rows = await this.rows(
      `SELECT ${SELECT_ATTEMPT} FROM attempts WHERE run_id = $1 AND success AND transformed IS NOT NULL
       ORDER BY seq, key LIMIT ${Math.max(0, Math.floor(limit))}`,
      [runId],
    );
    return rows.map(toAttempt);
  }

  async attemptsPage(runId: string, offset: number, limit: number): Promise<AttemptRecord[]> {
    const cols = SELECT_ATTEMPT.replace('transformed,', 'NULL AS transformed,');
    const rows = await this.rows(
      `SELECT ${cols} FROM attempts WHERE run_id = $1 ORDER BY seq, key LIMIT ${pageBound(limit)} OFFSET ${pageBound(offset)}`,
      [runId],
    );
    return rows.map(toAttempt);
  }

  async attempt(key: string): Promise<AttemptRecord | undefined> {
    const row = (await this.rows(`SELECT ${SELECT_ATTEMPT} FROM attempts WHERE key = $1`, [key]))[0];
    return row ? toAttempt(row) : undefined;
  }

  async decisionCounts(runId: string): Promise<Record<string, number>> {
    const rows = await this.rows(
      "SELECT coalesce(decision, 'none') AS d, count(*)::INTEGER AS n FROM attempts WHERE run_id = $1 GROUP BY 1",
      [runId],
    );
    return Object.fromEntries(rows.map((x) => [String(x.d), Number(x.n)]));
  }

  async attemptKeys(runId: string): Promise<string[]> {
    const rows = await this.rows('SELECT key FROM attempts WHERE run_id = $1 ORDER BY key', [runId]);
    return rows.map((x) => String(x.key));
  }

  async storedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.rows('SELECT key FROM attempts WHERE key = ANY($1)', [[...new Set(keys)]]);
    return new Set(rows.map((x) => String(x.key)));
  }

  /** Store these attempts (and cache entries) now, in one transaction; returns how many were new. */
  async writeAttempts(runId: string, rows: readonly AttemptRecord[], cache: readonly CacheEntry[]): Promise<number> {
    const client = await this.pool.connect();
    try {
      const n = await insertAttempts(client, runId, rows, cache);
      client.release();
      return n;
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
  }

  async writer(runId: string, options: { batchSize?: number; flushMs?: number } = {}): Promise<AttemptWriter> {
    return new PostgresAttemptWriter(this.pool, runId, options.batchSize ?? 256, options.flushMs ?? 200);
  }

  // ------------------------------------------------------------------------------------------ queued runs

  /** Remember a run handed to a queue (a second call for the same run keeps the first: its start time counts). */
  async queueRun(runId: string, payload: unknown, createdMs: number): Promise<void> {
    await this.pool.query('INSERT INTO queued_runs VALUES ($1, $2, $3) ON CONFLICT (run_id) DO NOTHING', [
      runId,
      JSON.stringify(payload),
      createdMs,
    ]);
  }

  async queuedRun(runId: string): Promise<{ payload: unknown; createdMs: number } | undefined> {
    const row = (await this.rows('SELECT payload, created_ms FROM queued_runs WHERE run_id = $1', [runId]))[0];
    return row ? { payload: JSON.parse(String(row.payload)), createdMs: Number(row.created_ms) } : undefined;
  }

  /** Queued runs not finished yet (no run row, or one still `running`). */
  async unfinishedQueuedRuns(): Promise<Array<{ runId: string; createdMs: number }>> {
    const rows =
      await this.rows(`SELECT q.run_id, q.created_ms FROM queued_runs q LEFT JOIN runs r ON r.run_id = q.run_id
      WHERE r.run_id IS NULL OR r.status = 'running'`);
    return rows.map((r) => ({ runId: String(r.run_id), createdMs: Number(r.created_ms) }));
  }

  // ----------------------------------------------------------------------------------------------- cache

  async cacheLookup(targetFingerprint: string, hashes: readonly string[]): Promise<Map<string, TargetVerdict>> {
    const out = new Map<string, TargetVerdict>();
    if (hashes.length === 0) return out;
    const rows = await this.rows(
      'SELECT input_hash, verdict FROM cache WHERE target_fp = $1 AND input_hash = ANY($2)',
      [targetFingerprint, [...new Set(hashes)]],
    );
    for (const row of rows) out.set(String(row.input_hash), JSON.parse(String(row.verdict)));
    return out;
  }

  async cacheLoad(targetFingerprint: string, limit = 200_000): Promise<Map<string, TargetVerdict> | undefined> {
    if ((await this.cacheSize(targetFingerprint)) > limit) return undefined;
    const rows = await this.rows('SELECT input_hash, verdict FROM cache WHERE target_fp = $1', [targetFingerprint]);
    const out = new Map<string, TargetVerdict>();
    for (const row of rows) out.set(String(row.input_hash), JSON.parse(String(row.verdict)));
    return out;
  }

  async cacheSize(targetFingerprint?: string): Promise<number> {
    const rows = targetFingerprint
      ? await this.rows('SELECT count(*)::INTEGER AS n FROM cache WHERE target_fp = $1', [targetFingerprint])
      : await this.rows('SELECT count(*)::INTEGER AS n FROM cache');
    return Number(rows[0]?.n ?? 0);
  }
}

function attemptValues(x: AttemptRecord): unknown[] {
  return [
    x.key,
    x.runId,
    x.seq,
    x.variant,
    x.phase,
    x.set,
    x.seedId,
    JSON.stringify(x.chain),
    x.repeat,
    x.applicable,
    x.valid,
    JSON.stringify(x.invalidReasons),
    x.decision,
    x.score,
    x.decidedBy,
    x.evaded,
    x.success,
    x.error,
    x.cached,
    x.queries,
    x.wallMs,
    x.simHours,
    x.accounts,
    x.money,
    x.humanHours,
    x.implementationHours,
    x.inputHash,
    x.originalHash,
    x.transformed,
    JSON.stringify(x.notes),
    x.createdMs,
    x.encoding,
  ];
}

const ATTEMPT_ARITY = 32;

/** `($1, …, $31), ($32, …)` for `rows` rows of `arity` values. */
function placeholders(rows: number, arity: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cols: string[] = [];
    for (let c = 0; c < arity; c++) cols.push(`$${r * arity + c + 1}`);
    out.push(`(${cols.join(', ')})`);
  }
  return out.join(', ');
}

/**
 * Inserts attempts and cache entries in one transaction, idempotently (existing keys are left alone). Returns how
 * many attempts were new. Used by the writer below and by queue workers directly.
 */
export async function insertAttempts(
  client: PoolClient,
  runId: string,
  rows: readonly AttemptRecord[],
  cache: readonly CacheEntry[],
): Promise<number> {
  let inserted = 0;
  await client.query('BEGIN');
  try {
    for (let i = 0; i < rows.length; i += 256) {
      const batch = rows.slice(i, i + 256);
      const r = await client.query(
        `INSERT INTO attempts (${SELECT_ATTEMPT}) VALUES ${placeholders(batch.length, ATTEMPT_ARITY)}
         ON CONFLICT (key) DO NOTHING`,
        batch.flatMap(attemptValues),
      );
      inserted += r.rowCount ?? 0;
    }
    if (cache.length) {
      const now = Date.now();
      await client.query(
        `INSERT INTO cache VALUES ${placeholders(cache.length, 4)} ON CONFLICT DO NOTHING`,
        cache.flatMap((c) => [c.targetFingerprint, c.inputHash, JSON.stringify(c.verdict), now]),
      );
    }
    if (inserted) {
      await client.query('UPDATE runs SET attempts = attempts + $2, updated_ms = $3 WHERE run_id = $1', [
        runId,
        inserted,
        Date.now(),
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return inserted;
}

/** The DuckDB writer's contract (buffer, group commit, flush), over a pool: each commit takes a connection. */
class PostgresAttemptWriter implements AttemptWriter {
  private buffer: AttemptRecord[] = [];
  private cacheBuffer: CacheEntry[] = [];
  private readonly cachedKeys = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private failure?: Error;
  written = 0;

  constructor(
    private readonly pool: Pool,
    private readonly runId: string,
    private readonly batchSize: number,
    private readonly flushMs: number,
  ) {}

  add(attempt: AttemptRecord, cache?: CacheEntry): void {
    this.addMany([attempt], cache ? [cache] : []);
  }

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
    await this.flush();
  }

  private async commit(rows: AttemptRecord[], cache: CacheEntry[]): Promise<void> {
    if (this.failure || (rows.length === 0 && cache.length === 0)) return;
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      this.written += await insertAttempts(client, this.runId, rows, cache);
      client.release();
    } catch (e) {
      client?.release(e as Error);
      this.failure = new Error(`writing attempts to the store failed: ${(e as Error).message}`);
    }
  }
}
