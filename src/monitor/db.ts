/**
 * The DuckDB edge: an in-memory database, loaded lazily (the native module is only imported when a monitor
 * actually reads logs), with small helpers that turn result rows into plain numbers and strings.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface Db {
  conn: DuckDBConnection;
  /** Run a query and return rows as plain JS objects (BIGINT and DECIMAL become numbers). */
  all(sql: string): Promise<Array<Record<string, unknown>>>;
  run(sql: string): Promise<void>;
  close(): void;
}

export interface DbOptions {
  /** DuckDB worker threads (string, as DuckDB wants); defaults to DuckDB's choice. */
  threads?: number;
  /** e.g. '2GB'; DuckDB spills to a temp directory beyond it. */
  memoryLimit?: string;
}

export async function openDb(opts: DbOptions = {}): Promise<Db> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const config: Record<string, string> = {};
  if (opts.threads) config.threads = String(opts.threads);
  if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
  const instance: DuckDBInstance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return {
    conn,
    async all(sql) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) out[k] = plain(v);
        return out;
      });
    },
    async run(sql) {
      await conn.run(sql);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A finite number as a SQL literal (throws on NaN/∞ so no query is ever built from garbage). */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return String(x);
}

export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = num(v);
  return Number.isFinite(n) ? n : null;
}
