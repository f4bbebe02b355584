/**
 * Test fixtures for the trace area: decision-log rows with sensible defaults, written to a real JSONL file in a
 * temporary directory and ingested into a real DuckDB store. Used by unit tests only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DecisionLogRecord } from '../../contracts/decision-log.js';
import { type IngestSummary, ingestTraces } from '../ingest.js';
import { type MineOptions, type MiningResult, mineTraces } from '../mine.js';
import { sqlString } from '../sql.js';
import { TraceStore } from '../store.js';

let counter = 0;

/** One decision with defaults: an allowed, clearly benign message from a long-standing account. */
export function row(over: Partial<DecisionLogRecord> & { input?: string } = {}): DecisionLogRecord {
  counter++;
  const input = over.input ?? `Subject: note ${counter}\n\nhello ${counter}`;
  return {
    id: `t-${String(counter).padStart(6, '0')}`,
    ts: new Date(Date.UTC(2025, 0, 6) + counter * 60_000).toISOString(),
    account: 'user-1',
    accountAgeDays: 400,
    input,
    inputHash: `h${counter.toString(16).padStart(15, '0')}`,
    score: 0.05,
    threshold: 0.5,
    reviewLow: 0.3,
    decision: 'allow',
    decidedBy: 'threshold-policy',
    layer: 'application',
    modelVersion: 'm1',
    ...over,
  };
}

export function tempDir(prefix = 'nograd-traces-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeJsonl(file: string, rows: readonly object[]): string {
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

/** Write rows as Parquet (through DuckDB's JSON reader, so column types are what it infers). */
export async function writeParquet(file: string, rows: readonly object[]): Promise<string> {
  const jsonl = writeJsonl(`${file}.jsonl`, rows);
  const store = await TraceStore.open({ threads: 1 });
  try {
    await store.run(`COPY (SELECT * FROM read_json(${sqlString(jsonl)})) TO ${sqlString(file)} (FORMAT parquet)`);
  } finally {
    await store.close();
    rmSync(jsonl);
  }
  return file;
}

/** Ingest `rows` (as JSONL, or as Parquet read in place) and run the miners; the store is closed afterwards. */
export async function mineRows(
  rows: readonly object[],
  opts: MineOptions & { format?: 'jsonl' | 'parquet' } = {},
): Promise<{ mining: MiningResult; summary: IngestSummary }> {
  const { dir, cleanup } = tempDir();
  let store: TraceStore | undefined;
  try {
    const file =
      opts.format === 'parquet'
        ? await writeParquet(join(dir, 'decisions.parquet'), rows)
        : writeJsonl(join(dir, 'decisions.jsonl'), rows);
    const ingested = await ingestTraces([file], { store: { threads: 1, directory: dir } });
    store = ingested.store;
    const mining = await mineTraces(store, opts);
    return { mining, summary: ingested.summary };
  } finally {
    await store?.close();
    cleanup();
  }
}
