/** Options of the traffic simulator (`nograd reference traffic`). */
import { UserError } from '../../util/errors.js';
import type { FunnelPolicyOverrides } from '../funnel/policy.js';
import type { HardeningOptions } from '../hardening.js';
import type { ModelKind } from '../model/linear-model.js';
import type { Variant } from '../training.js';

export const INJECTION_KINDS = [
  'probing',
  'template-surge',
  'feedback-spike',
  'layer-outage',
  'drift',
  'extractor-change',
  'feature-skew',
  'evasive-campaigns',
] as const;
/** Kinds `all` leaves out: planted attack traffic that is asked for by name (see evasive-campaigns.ts). */
const OPT_IN_KINDS: readonly InjectionKind[] = ['evasive-campaigns'];
export type InjectionKind = (typeof INJECTION_KINDS)[number];

export const LOG_FORMATS = ['jsonl', 'parquet'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface TrafficOptions {
  /** Output directory (created if missing). */
  outDir: string;
  days?: number;
  /** Decisions per simulated day (exact). */
  perDay?: number;
  /** Seeds the simulation (not the model; see `modelSeed`). */
  seed?: number;
  /** First simulated day, Unix ms (UTC midnight recommended). Default 2025-01-06. */
  start?: number;
  inject?: readonly InjectionKind[];
  formats?: readonly LogFormat[];
  model?: ModelKind;
  modelSeed?: number;
  /** Train the model on a corpus sample of this size (see `TrainReferenceOptions.sample`); traffic draws from its test split. */
  modelSample?: number;
  hardening?: Partial<HardeningOptions>;
  variant?: Variant;
  policy?: FunnelPolicyOverrides;
  /** Write each raw message into the log's `input` field (default true). */
  includeInput?: boolean;
  workers?: number;
  onProgress?: (progress: TrafficProgress) => void;
}

export interface TrafficProgress {
  day: number;
  days: number;
  rows: number;
  totalRows: number;
  phase: 'model' | 'simulate' | 'parquet' | 'done';
}

export const DEFAULT_TRAFFIC_START = Date.UTC(2025, 0, 6);

export function parseInjections(list: string | undefined): InjectionKind[] {
  if (!list) return [];
  const out: InjectionKind[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (!name || name === 'none') continue;
    if (name === 'all') {
      for (const k of INJECTION_KINDS) if (!OPT_IN_KINDS.includes(k) && !out.includes(k)) out.push(k);
      continue;
    }
    if (!(INJECTION_KINDS as readonly string[]).includes(name)) {
      throw new UserError(`unknown injection '${name}' (choose from: ${INJECTION_KINDS.join(', ')}, all, none)`);
    }
    if (!out.includes(name as InjectionKind)) out.push(name as InjectionKind);
  }
  return out;
}

export function parseFormats(list: string | undefined): LogFormat[] {
  const out: LogFormat[] = [];
  for (const raw of (list ?? 'jsonl,parquet').split(',')) {
    const name = raw.trim();
    if (!name) continue;
    if (!(LOG_FORMATS as readonly string[]).includes(name)) {
      throw new UserError(`unknown log format '${name}' (choose from: ${LOG_FORMATS.join(', ')})`);
    }
    if (!out.includes(name as LogFormat)) out.push(name as LogFormat);
  }
  if (out.length === 0) throw new UserError('--format needs at least one of: jsonl, parquet');
  return out;
}
