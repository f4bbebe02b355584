/**
 * retraining: every `everyDays` the spam model is retrained on the training corpus plus every accepted user
 * report, labelled as the reporter claimed. Nothing checks those labels — which is the feedback-poisoning
 * surface. A period with no new accepted reports keeps the current model (retraining would reproduce it).
 */

import { DAY_MS } from '../../util/time.js';
import type { LinearModel } from '../model/linear-model.js';
import type { FeedbackSubmission } from './user-feedback.js';

export interface RetrainingPolicy {
  everyDays: number;
}

export const DEFAULT_RETRAINING: RetrainingPolicy = { everyDays: 7 };

/** Fits a model on the base training set plus the given reports. */
export type RetrainFunction = (reports: readonly FeedbackSubmission[]) => Promise<LinearModel>;

export interface RetrainingRun {
  at: number;
  reports: number;
  modelVersion: string;
}

export class Retraining {
  private periodStart: number | undefined;
  private reportsUsed = 0;
  private readonly runs: RetrainingRun[] = [];

  constructor(
    readonly policy: RetrainingPolicy,
    private readonly fit: RetrainFunction,
  ) {}

  /** Retrain when a period has ended and new reports arrived; returns the new model, or undefined. */
  async maybeRetrain(now: number, reports: readonly FeedbackSubmission[]): Promise<LinearModel | undefined> {
    const period = this.policy.everyDays * DAY_MS;
    if (this.periodStart === undefined) this.periodStart = now;
    if (now - this.periodStart < period) return undefined;
    this.periodStart += Math.floor((now - this.periodStart) / period) * period;
    if (reports.length === this.reportsUsed) return undefined;
    return this.run(now, reports);
  }

  /** Retrain now, whatever the schedule says. */
  async run(now: number, reports: readonly FeedbackSubmission[]): Promise<LinearModel> {
    const model = await this.fit(reports);
    this.reportsUsed = reports.length;
    this.runs.push({ at: now, reports: reports.length, modelVersion: model.version });
    return model;
  }

  history(): readonly RetrainingRun[] {
    return this.runs;
  }
}
