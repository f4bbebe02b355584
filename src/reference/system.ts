/**
 * The reference mail filter as a whole: a funnel with state. A message meets, in order,
 *
 *   automation  signup-challenge   accounts refused at signup are blocked
 *   access      sender-accounts    reputation below the floor is blocked; young accounts get stricter limits
 *   activity    rate-limiter       too many messages from the sender in the last hour
 *               bulk-detector      too many near-duplicates (simhash) from the sender, or across senders
 *   application mime-parser → html-to-text → text-normalizer → tokenizer → spam-model → threshold-policy
 *
 * and the first component that objects decides. Outcomes feed back into account reputation; user reports feed
 * periodic retraining. Time comes from the message context (`timestamp`), so a simulation can replay weeks in
 * seconds; without one the system's clock is used.
 */

import type { Decision, InputContext } from '../contracts/target.js';
import type { Layer } from '../model/vocabulary.js';
import { sha256Hex } from '../util/hash.js';
import { type ContentScore, scoreExtracted } from './application.js';
import { COMPONENT, type DecidingComponent, LAYER_OF } from './components.js';
import { corpusTokensFor } from './corpus-features.js';
import { type BulkDecision, BulkDetector } from './funnel/bulk-detector.js';
import { type FunnelPolicy, type FunnelPolicyOverrides, resolveFunnelPolicy } from './funnel/policy.js';
import { type RateDecision, RateLimiter } from './funnel/rate-limiter.js';
import { Retraining, type RetrainingRun } from './funnel/retraining.js';
import { type AccountOutcome, SenderAccounts, type SenderAccountsSnapshot } from './funnel/sender-accounts.js';
import { SignupChallenge, type SignupLedger } from './funnel/signup-challenge.js';
import { applyThreshold, effectiveBand } from './funnel/threshold-policy.js';
import {
  type FeedbackSubmission,
  type FeedbackVerdict,
  UserFeedback,
  type UserFeedbackSnapshot,
} from './funnel/user-feedback.js';
import { describeHardening, type HardeningOptions, resolveHardening } from './hardening.js';
import { DEFAULT_FIT, fitLinearModel } from './model/fit.js';
import type { LinearModel, ModelKind } from './model/linear-model.js';
import { type ExtractedMessage, extractMessage } from './pipeline/extract.js';
import {
  labelOfId,
  type TrainedReferenceModel,
  type TrainReferenceOptions,
  trainReferenceModel,
  type Variant,
} from './training.js';

/** Components that can be switched off (a layer outage). The model path itself always runs. */
export type SwitchableComponent =
  | typeof COMPONENT.signupChallenge
  | typeof COMPONENT.senderAccounts
  | typeof COMPONENT.rateLimiter
  | typeof COMPONENT.bulkDetector;

export const SWITCHABLE_COMPONENTS: readonly SwitchableComponent[] = [
  COMPONENT.signupChallenge,
  COMPONENT.senderAccounts,
  COMPONENT.rateLimiter,
  COMPONENT.bulkDetector,
];

export interface ReferenceSystemOptions extends TrainReferenceOptions {
  /** Funnel thresholds and limits (defaults: system.yaml's properties). */
  policy?: FunnelPolicyOverrides;
  /** Use an already trained model (its preprocessing must match `hardening`). */
  trained?: TrainedReferenceModel;
  /** Time source for messages without `context.timestamp` (default: `Date.now`). */
  clock?: () => number;
  /**
   * Components to run switched off from the start. All four (`SWITCHABLE_COMPONENTS`) leave only the application
   * layer: a stateless content filter, as most research papers model it.
   */
  disabledComponents?: readonly SwitchableComponent[];
}

export interface InboundMessage {
  /** Id for logs; defaults to the sha256 of the content. */
  id?: string;
  raw: string;
  /** The message's exact bytes when `raw` is not its UTF-8 text (a binary input): parsed and hashed instead. */
  bytes?: Uint8Array;
  context?: InputContext;
}

export interface FunnelOutcome {
  id: string;
  /** Unix ms of the decision. */
  at: number;
  decision: Decision;
  decidedBy: DecidingComponent;
  layer: Layer;
  /** The model score, or null when an earlier layer decided. */
  score: number | null;
  /** The threshold and review band applied to this sender (lower for young accounts). */
  threshold: number;
  reviewLow: number;
  templateHash: string | null;
  account: { id: string; ageDays: number; young: boolean; reputation: number };
  sourceIp: string | null;
  modelVersion: string;
  inputHash: string;
  rate?: RateDecision;
  bulk?: BulkDecision;
}

export interface FunnelSnapshot {
  at: number;
  modelVersion: string;
  hardening: string;
  disabled: SwitchableComponent[];
  signup: SignupLedger;
  accounts: SenderAccountsSnapshot;
  rates: { activeSenders: number; busiestSenderPerHour: number };
  templates: { fingerprintsInIndex: number };
  feedback: UserFeedbackSnapshot;
  retraining: readonly RetrainingRun[];
  decisions: Record<Decision, number>;
  decidedBy: Record<string, number>;
}

export interface FeedbackInput {
  /** The reported message: raw content (extracted here) or its tokens. */
  raw?: string;
  /** The reported message's exact bytes when `raw` is not its UTF-8 text (a binary input). */
  bytes?: Uint8Array;
  tokens?: readonly string[];
  claimed: 'spam' | 'ham';
  reporter: string;
  reporterAgeDays?: number;
  /** Sender of the reported message (its reputation moves when the report is accepted). */
  sender?: string;
  at?: number;
  messageRef?: string;
}

export class ReferenceSystem {
  readonly hardening: HardeningOptions;
  readonly policy: FunnelPolicy;
  private currentModel: LinearModel;
  private readonly signup: SignupChallenge;
  private readonly accounts: SenderAccounts;
  private readonly rateLimiter: RateLimiter;
  private readonly bulk: BulkDetector;
  private readonly userFeedback: UserFeedback;
  private readonly retraining: Retraining;
  private readonly disabled = new Set<SwitchableComponent>();
  private readonly clock: () => number;
  private lastAt = 0;
  private retrainInFlight: Promise<unknown> | undefined;
  private readonly counts = {
    decisions: { allow: 0, review: 0, block: 0 } as Record<Decision, number>,
    decidedBy: {} as Record<string, number>,
  };

  private constructor(
    readonly trained: TrainedReferenceModel,
    hardening: HardeningOptions,
    policy: FunnelPolicy,
    clock: () => number,
  ) {
    this.hardening = hardening;
    this.policy = policy;
    this.clock = clock;
    this.currentModel = trained.model;
    this.signup = new SignupChallenge(policy.signup);
    this.accounts = new SenderAccounts(policy.accounts, this.signup);
    this.rateLimiter = new RateLimiter(policy.rateLimit);
    this.bulk = new BulkDetector(policy.bulk, hardening.crossSenderTemplateClustering);
    this.userFeedback = new UserFeedback(policy.feedback, hardening.feedbackRateLimit);
    this.retraining = new Retraining(policy.retraining, (reports) => this.fitWithReports(reports));
  }

  static async create(options: ReferenceSystemOptions = {}): Promise<ReferenceSystem> {
    const hardening = resolveHardening(options.hardening);
    const trained = options.trained ?? (await trainReferenceModel(options));
    for (const key of ['normalizeConfusables', 'stripHiddenText', 'decodeNestedEncodings'] as const) {
      if (trained.extraction[key] !== hardening[key]) {
        throw new Error(
          `the trained model was built with ${key}=${trained.extraction[key]}, but the system has ${key}=${hardening[key]}`,
        );
      }
    }
    const system = new ReferenceSystem(
      trained,
      hardening,
      resolveFunnelPolicy(options.policy),
      options.clock ?? Date.now,
    );
    for (const c of options.disabledComponents ?? []) system.setComponentEnabled(c, false);
    return system;
  }

  get model(): LinearModel {
    return this.currentModel;
  }

  get modelKind(): ModelKind {
    return this.trained.kind;
  }

  get variant(): Variant {
    return this.trained.variant;
  }

  /** The preprocessing (application layer up to the tokenizer) of this system. */
  extract(raw: string | Uint8Array): Promise<ExtractedMessage> {
    return extractMessage(raw, this.trained.extraction);
  }

  /** Application layer only: message → score with the current model. No state is read or changed. */
  async scoreContent(raw: string): Promise<ContentScore> {
    return scoreExtracted(this.currentModel, await this.extract(raw));
  }

  setComponentEnabled(component: SwitchableComponent, enabled: boolean): void {
    if (!SWITCHABLE_COMPONENTS.includes(component)) throw new Error(`component ${component} cannot be switched off`);
    if (enabled) this.disabled.delete(component);
    else this.disabled.add(component);
  }

  isEnabled(component: SwitchableComponent): boolean {
    return !this.disabled.has(component);
  }

  /**
   * Run one message through the funnel and update its state. `extracted` lets a caller that already ran the
   * preprocessing (e.g. on worker threads) skip it; it must come from `extract()` of the same raw message.
   */
  async process(message: InboundMessage, extracted?: ExtractedMessage): Promise<FunnelOutcome> {
    const ctx = message.context ?? {};
    const at = typeof ctx.timestamp === 'number' && Number.isFinite(ctx.timestamp) ? ctx.timestamp : this.clock();
    this.lastAt = Math.max(this.lastAt, at);
    await this.retrainIfDue(at);
    const accountId = typeof ctx.accountId === 'string' && ctx.accountId ? ctx.accountId : 'anonymous';
    const ageGiven = typeof ctx.accountAgeDays === 'number' && ctx.accountAgeDays >= 0 ? ctx.accountAgeDays : undefined;
    const sourceIp = typeof ctx.sourceIp === 'string' && ctx.sourceIp ? ctx.sourceIp : undefined;
    const sender = this.accounts.resolve(accountId, at, ageGiven, sourceIp);
    const inputHash = sha256Hex(message.bytes ?? message.raw);
    const strict = sender.young && this.isEnabled(COMPONENT.senderAccounts);
    const strictness = strict ? this.policy.accounts.youngAccountThresholdDelta : 0;
    const band = effectiveBand(this.policy.threshold, strictness);
    const outcome = (
      decidedBy: DecidingComponent,
      decision: Decision,
      extra: Partial<FunnelOutcome> = {},
    ): FunnelOutcome => {
      this.counts.decisions[decision]++;
      this.counts.decidedBy[decidedBy] = (this.counts.decidedBy[decidedBy] ?? 0) + 1;
      return {
        id: message.id ?? inputHash,
        at,
        decision,
        decidedBy,
        layer: LAYER_OF[decidedBy],
        score: null,
        threshold: band.threshold,
        reviewLow: band.reviewLow,
        templateHash: null,
        account: { id: accountId, ageDays: sender.ageDays, young: sender.young, reputation: sender.account.reputation },
        sourceIp: sourceIp ?? null,
        modelVersion: this.currentModel.version,
        inputHash,
        ...extra,
      };
    };

    if (this.isEnabled(COMPONENT.signupChallenge) && sender.account.refusedAtSignup) {
      return outcome(COMPONENT.signupChallenge, 'block');
    }
    if (this.isEnabled(COMPONENT.senderAccounts) && this.accounts.isBelowFloor(sender.account)) {
      return outcome(COMPONENT.senderAccounts, 'block');
    }
    let rate: RateDecision | undefined;
    if (this.isEnabled(COMPONENT.rateLimiter)) {
      rate = this.rateLimiter.admit(accountId, at, strict);
      if (!rate.allowed) {
        this.accounts.record(accountId, 'deferred');
        return outcome(COMPONENT.rateLimiter, 'block', { rate });
      }
    }
    const features = extracted ?? (await this.extract(message.bytes ?? message.raw));
    let bulk: BulkDecision | undefined;
    if (this.isEnabled(COMPONENT.bulkDetector)) {
      bulk = this.bulk.check(accountId, features.fingerprint, features.wordCount, at);
      if (bulk.bulk) {
        this.accounts.record(accountId, 'blocked');
        return outcome(COMPONENT.bulkDetector, 'block', { templateHash: features.templateHash, rate, bulk });
      }
    }
    const content = scoreExtracted(this.currentModel, features);
    const applied = applyThreshold(content.score, this.policy.threshold, strictness);
    if (applied.decision === 'block') this.accounts.record(accountId, 'blocked');
    if (applied.decision === 'allow') this.accounts.record(accountId, 'delivered');
    return outcome(COMPONENT.thresholdPolicy, applied.decision, {
      score: content.score,
      threshold: applied.threshold,
      reviewLow: applied.reviewLow,
      templateHash: features.templateHash,
      modelVersion: content.modelVersion,
      rate,
      bulk,
    });
  }

  /** Classify one raw message from a sender context: `process` without a caller-chosen id. */
  classify(raw: string, context?: InputContext): Promise<FunnelOutcome> {
    return this.process({ raw, ...(context && { context }) });
  }

  /** An account's standing, or undefined when the system has never seen it. */
  accountState(id: string): { reputation: number; refusedAtSignup: boolean; belowFloor: boolean } | undefined {
    const a = this.accounts.get(id);
    if (!a) return undefined;
    return { reputation: a.reputation, refusedAtSignup: a.refusedAtSignup, belowFloor: this.accounts.isBelowFloor(a) };
  }

  /** Record what happened later to a sender's message (review verdicts, delivery after overflow). */
  recordOutcome(accountId: string, outcome: AccountOutcome): void {
    this.accounts.record(accountId, outcome);
  }

  /** A user report. Accepted reports move the sender's reputation and join the next retraining. */
  async feedback(input: FeedbackInput): Promise<FeedbackVerdict> {
    const at = input.at ?? (this.lastAt || this.clock());
    const message = input.bytes ?? input.raw;
    const tokens = input.tokens ?? (message !== undefined ? (await this.extract(message)).tokens : undefined);
    if (!tokens) throw new Error('feedback needs the reported message (raw or tokens)');
    const reporter = this.accounts.resolve(input.reporter, at, input.reporterAgeDays);
    const submission: FeedbackSubmission = {
      reporter: input.reporter,
      reporterAgeDays: reporter.ageDays,
      claimed: input.claimed,
      tokens,
      at,
      ...(input.sender !== undefined && { sender: input.sender }),
      ...(input.messageRef !== undefined && { messageRef: input.messageRef }),
    };
    const verdict = this.userFeedback.submit(submission);
    if (verdict.accepted && input.sender) {
      this.accounts.record(input.sender, input.claimed === 'spam' ? 'reported-spam' : 'reported-not-spam');
    }
    return verdict;
  }

  /** Retrain now on the corpus plus all accepted reports (outside the weekly schedule). */
  async retrainNow(at: number = this.lastAt || this.clock()): Promise<LinearModel> {
    this.currentModel = await this.retraining.run(at, this.userFeedback.acceptedReports());
    return this.currentModel;
  }

  private async retrainIfDue(at: number): Promise<void> {
    // One retraining at a time; concurrent messages wait for it rather than racing to start another.
    while (this.retrainInFlight) await this.retrainInFlight;
    const run = this.retraining.maybeRetrain(at, this.userFeedback.acceptedReports()).then((model) => {
      if (model) this.currentModel = model;
    });
    this.retrainInFlight = run;
    try {
      await run;
    } finally {
      this.retrainInFlight = undefined;
    }
  }

  private async fitWithReports(reports: readonly FeedbackSubmission[]): Promise<LinearModel> {
    const features = await corpusTokensFor(this.trained.extraction, this.trained.trainIds);
    const docs: (readonly string[])[] = [];
    const labels: Array<'spam' | 'ham'> = [];
    for (const id of this.trained.trainIds) {
      const tokens = features.get(id);
      if (!tokens) throw new Error(`no features for training message ${id}`);
      docs.push(tokens);
      labels.push(labelOfId(id));
    }
    for (const r of reports) {
      docs.push(r.tokens);
      labels.push(r.claimed);
    }
    return fitLinearModel(this.trained.kind, docs, labels, { ...DEFAULT_FIT, seed: this.trained.seed });
  }

  snapshot(): FunnelSnapshot {
    const at = this.lastAt || this.clock();
    return {
      at,
      modelVersion: this.currentModel.version,
      hardening: describeHardening(this.hardening),
      disabled: [...this.disabled],
      signup: this.signup.snapshot(),
      accounts: this.accounts.snapshot(at),
      rates: this.rateLimiter.snapshot(at),
      templates: this.bulk.snapshot(),
      feedback: this.userFeedback.snapshot(),
      retraining: [...this.retraining.history()],
      decisions: { ...this.counts.decisions },
      decidedBy: { ...this.counts.decidedBy },
    };
  }
}

export function createReferenceSystem(options: ReferenceSystemOptions = {}): Promise<ReferenceSystem> {
  return ReferenceSystem.create(options);
}
