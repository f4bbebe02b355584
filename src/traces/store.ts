/**
 * The embedded analytical engine (DuckDB) that ingestion and the miners run in. The database is in memory with a
 * memory limit and a spill directory, so tables larger than the limit are written out to temporary files instead of
 * growing the process; `close()` removes them. (An in-memory database that spills measured ~2.7× faster to fill
 * than a database file, which also writes and checkpoints every block.) Times are in UTC, whatever the machine's
 * zone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, Json } from '@duckdb/node-api';
import { defaultRowsOf } from './sql.js';

export interface StoreOptions {
  /** Worker threads DuckDB may use (default: every core). */
  threads?: number;
  /** DuckDB's buffer-pool limit, e.g. '1GB' (default). Working sets beyond it spill to disk. */
  memoryLimit?: string;
  /** Directory for the temporary database (default: the OS temp directory). */
  directory?: string;
}

export type Row = Record<string, Json>;

export class TraceStore {
  private closed = false;
  private readonly lookups = new Map<string, (wanted: string) => string>();
  private readonly complete = new Map<string, Set<string>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly directory: string,
  ) {}

  static async open(opts: StoreOptions = {}): Promise<TraceStore> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const directory = mkdtempSync(join(opts.directory ?? tmpdir(), 'nograd-traces-'));
    try {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(opts.threads ?? availableParallelism()),
        memory_limit: opts.memoryLimit ?? '1GB',
        temp_directory: join(directory, 'spill'),
        // Row order is fixed by ORDER BY where it matters; not preserving scan order lets DuckDB stream and
        // parallelise CREATE TABLE … AS and INSERT … SELECT with less memory.
        preserve_insertion_order: 'false',
      });
      const connection = await instance.connect();
      await connection.run("SET TimeZone = 'UTC'");
      return new TraceStore(instance, connection, directory);
    } catch (e) {
      rmSync(directory, { recursive: true, force: true });
      throw e;
    }
  }

  /**
   * SQL for the rows of `view` whose `_row` is in `wanted` (SQL for a relation with a column `_row`). Views over
   * files read in place register a faster way than the default filter, which reads every row of the file.
   */
  rowsOf(view: string, wanted: string): string {
    const lookup = this.lookups.get(view);
    return lookup ? lookup(wanted) : defaultRowsOf(view, wanted);
  }

  setRowLookup(view: string, lookup: (wanted: string) => string): void {
    this.lookups.set(view, lookup);
  }

  /** Columns of `view` known to hold a value in every row: queries can skip a fallback to another column. */
  completeColumns(view: string): ReadonlySet<string> {
    return this.complete.get(view) ?? new Set();
  }

  setCompleteColumns(view: string, columns: Iterable<string>): void {
    this.complete.set(view, new Set(columns));
  }

  async run(sql: string): Promise<void> {
    const t0 = performance.now();
    await this.connection.run(sql);
    logQuery(sql, t0);
  }

  /** All rows as JSON-safe objects (BIGINT arrives as a string: cast counts to INTEGER or DOUBLE in SQL). */
  async rows<T = Row>(sql: string): Promise<T[]> {
    const t0 = performance.now();
    const reader = await this.connection.runAndReadAll(sql);
    logQuery(sql, t0);
    return reader.getRowObjectsJson() as T[];
  }

  async one<T = Row>(sql: string): Promise<T> {
    const rows = await this.rows<T>(sql);
    if (rows.length === 0) throw new Error(`query returned no row: ${sql.slice(0, 200)}`);
    return rows[0] as T;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** NOGRAD_DEBUG_SQL=1: every query's time and its first line on stderr, to find where a slow run spends it. */
function logQuery(sql: string, t0: number): void {
  if (!process.env.NOGRAD_DEBUG_SQL) return;
  const ms = (performance.now() - t0).toFixed(0).padStart(6);
  process.stderr.write(`[sql ${ms} ms] ${sql.replace(/\s+/g, ' ').trim().slice(0, 140)}\n`);
}
