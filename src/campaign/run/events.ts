/**
 * What a running campaign tells its consumer, in order: the start, each wave, each attempt as it completes (or is
 * replayed from the store), warnings, an early stop and the result. It exists so the progress display, the library
 * user and the run's parts agree on one event vocabulary.
 */
import type { TargetInfo } from '../../contracts/target.js';
import type { AttemptRecord, Phase } from '../attempt.js';
import type { CampaignResult } from '../result.js';
import type { RunStatus } from '../store.js';

export type CampaignEvent =
  | { type: 'start'; runId: string; resumed: boolean; estimatedAttempts: number; target: TargetInfo }
  | { type: 'phase'; phase: Phase; variant: string; chains: number; attempts: number }
  | { type: 'attempt'; attempt: AttemptRecord; replayed: boolean }
  | { type: 'warning'; message: string }
  | { type: 'stopped'; status: RunStatus; reason: string }
  | { type: 'done'; result: CampaignResult };
