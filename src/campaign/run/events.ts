/**
 * What a running campaign tells its consumer, in order: the start, each wave, each attempt as it completes (or is
 * replayed from the store), warnings, an early stop and the result. It exists so the progress display, the library
 * user and the run's parts agree on one event vocabulary.
 */
import type { TargetInfo } from '../../contracts/target.js';
import type { AttemptRecord, Phase } from '../attempt.js';
import type { CampaignResult } from '../result.js';
import type { RunStatus } from '../store.js';
import type { DispatchJob } from './dispatch.js';

export type CampaignEvent =
  | { type: 'start'; runId: string; resumed: boolean; estimatedAttempts: number; target: TargetInfo }
  | { type: 'phase'; phase: Phase; variant: string; chains: number; attempts: number }
  | { type: 'attempt'; attempt: AttemptRecord; replayed: boolean }
  | { type: 'warning'; message: string }
  | { type: 'stopped'; status: RunStatus; reason: string }
  | { type: 'done'; result: CampaignResult }
  /** A distributed run's plan step ended: these jobs run on workers first (no `done` follows). */
  | { type: 'dispatched'; wave: number; jobs: DispatchJob[] };
