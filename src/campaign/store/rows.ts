/**
 * One row shape for both stores: the attempt columns in select order and the conversions from a row object (DuckDB
 * and PostgreSQL both hand rows back as objects keyed by column name) to a RunRow or an AttemptRecord.
 */
import type { AttemptRecord, Phase } from '../attempt.js';
import type { RunRow, RunStatus } from './types.js';

export const SELECT_ATTEMPT = `key, run_id, seq, variant, phase, sample_set, seed_id, chain, repeat, applicable, valid,
  invalid_reasons, decision, score, decided_by, evaded, success, error, cached, queries, wall_ms, sim_hours, accounts,
  money, human_hours, implementation_hours, input_hash, original_hash, transformed, notes, created_ms, content_encoding`;

export type Row = Record<string, unknown>;

export function toRun(r: Row): RunRow {
  return {
    runId: String(r.run_id),
    name: String(r.name),
    campaignFile: String(r.campaign_file),
    hash: String(r.hash),
    config: JSON.parse(String(r.config)),
    baseDir: String(r.base_dir),
    targetFingerprint: String(r.target_fingerprint),
    seed: Number(r.seed),
    status: String(r.status) as RunStatus,
    stopReason: r.stop_reason === null ? null : String(r.stop_reason),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
    attempts: Number(r.attempts),
    nogradVersion: String(r.nograd_version),
  };
}

export function toAttempt(r: Row): AttemptRecord {
  return {
    key: String(r.key),
    runId: String(r.run_id),
    seq: Number(r.seq),
    variant: String(r.variant),
    phase: String(r.phase) as Phase,
    set: String(r.sample_set) as 'seeds' | 'benign',
    seedId: String(r.seed_id),
    chain: JSON.parse(String(r.chain)) as string[],
    repeat: Number(r.repeat),
    applicable: Boolean(r.applicable),
    valid: r.valid === null ? null : Boolean(r.valid),
    invalidReasons: JSON.parse(String(r.invalid_reasons)) as string[],
    decision: r.decision === null ? null : (String(r.decision) as AttemptRecord['decision']),
    score: r.score === null ? null : Number(r.score),
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    evaded: Boolean(r.evaded),
    success: Boolean(r.success),
    error: r.error === null ? null : String(r.error),
    cached: Boolean(r.cached),
    queries: Number(r.queries),
    wallMs: Number(r.wall_ms),
    simHours: Number(r.sim_hours),
    accounts: Number(r.accounts),
    money: Number(r.money),
    humanHours: Number(r.human_hours),
    implementationHours: Number(r.implementation_hours),
    inputHash: r.input_hash === null ? null : String(r.input_hash),
    originalHash: String(r.original_hash),
    transformed: r.transformed === null || r.transformed === undefined ? null : String(r.transformed),
    notes: JSON.parse(String(r.notes)) as string[],
    createdMs: Number(r.created_ms),
    encoding: r.content_encoding === 'binary' ? 'binary' : 'utf8',
  };
}

/** A LIMIT / OFFSET bound: a non-negative integer, whatever the caller passed (never text in SQL). */
export function pageBound(n: number): number {
  return Math.max(0, Math.floor(Number.isFinite(n) ? n : 0));
}
