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

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** All rows as JSON-safe objects (BIGINT arrives as a string: cast counts to INTEGER or DOUBLE in SQL). */
  async rows<T = Row>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
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
