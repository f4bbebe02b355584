/**
 * Convert a decision log from JSON Lines to Parquet with DuckDB (in memory, no extensions to install). The column
 * types are spelled out so the Parquet schema does not depend on what the first rows happen to contain.
 */
import { DECISION_LOG_FIELDS } from '../funnel/decision-log.js';

const COLUMN_TYPES: Record<string, string> = {
  accountAgeDays: 'DOUBLE',
  score: 'DOUBLE',
  threshold: 'DOUBLE',
  reviewLow: 'DOUBLE',
  escalated: 'BOOLEAN',
};

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** DuckDB is loaded on first use: importing the reference system should not load a native engine. */
async function openDuckDb() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  return DuckDBInstance.create(':memory:');
}

export async function jsonlToParquet(jsonlPath: string, parquetPath: string): Promise<void> {
  const columns = DECISION_LOG_FIELDS.map((f) => `${f}: '${COLUMN_TYPES[f] ?? 'VARCHAR'}'`).join(', ');
  const instance = await openDuckDb();
  try {
    const connection = await instance.connect();
    try {
      await connection.run(
        `COPY (SELECT ${DECISION_LOG_FIELDS.map((f) => `"${f}"`).join(', ')} FROM read_json(${sqlString(jsonlPath)}, format = 'newline_delimited', columns = {${columns}}))
         TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Row count of a Parquet file (DuckDB returns BIGINT as bigint; converted here). */
export async function parquetRowCount(parquetPath: string): Promise<number> {
  const instance = await openDuckDb();
  try {
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT count(*) AS n FROM read_parquet(${sqlString(parquetPath)})`,
      );
      return Number(reader.getRowObjects()[0]?.n ?? 0);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
