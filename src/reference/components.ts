/**
 * The component ids of the reference mail filter. `examples/mail-filter/system.yaml` uses exactly these ids, so
 * analysis findings, campaign results and decision-log records all point at the same parts of the system.
 */
import type { ComponentKind, Layer } from '../model/vocabulary.js';

export const COMPONENT = {
  inboundMail: 'inbound-mail',
  signupChallenge: 'signup-challenge',
  senderAccounts: 'sender-accounts',
  rateLimiter: 'rate-limiter',
  bulkDetector: 'bulk-detector',
  mimeParser: 'mime-parser',
  htmlToText: 'html-to-text',
  textNormalizer: 'text-normalizer',
  tokenizer: 'tokenizer',
  spamModel: 'spam-model',
  thresholdPolicy: 'threshold-policy',
  reviewQueue: 'review-queue',
  userFeedback: 'user-feedback',
  retraining: 'retraining',
  trainingCorpus: 'training-corpus',
  decisionLog: 'decision-log',
} as const;

export type ComponentId = (typeof COMPONENT)[keyof typeof COMPONENT];

/** The components that can make a funnel decision (and so appear as `decidedBy`). */
export type DecidingComponent =
  | typeof COMPONENT.signupChallenge
  | typeof COMPONENT.senderAccounts
  | typeof COMPONENT.rateLimiter
  | typeof COMPONENT.bulkDetector
  | typeof COMPONENT.thresholdPolicy;

export interface ComponentInfo {
  id: ComponentId;
  kind: ComponentKind;
  /** Funnel layer; components off the live path have none. */
  layer?: Layer;
  /** What the code does, in one line (kept in sync with docs/reference-system.md). */
  summary: string;
  /** Module that implements it, relative to src/. */
  implementation: string;
}

/** Every component, in the order a message meets it. */
export const REFERENCE_COMPONENTS: readonly ComponentInfo[] = [
  {
    id: COMPONENT.inboundMail,
    kind: 'input-source',
    layer: 'automation',
    summary: 'Raw RFC 822 messages with sender context (account, age, time, source IP).',
    implementation: 'reference/system.ts',
  },
  {
    id: COMPONENT.signupChallenge,
    kind: 'account-identity',
    layer: 'automation',
    summary:
      'Every new account passes a challenge that costs money and time; too many signups per source per day are refused.',
    implementation: 'reference/funnel/signup-challenge.ts',
  },
  {
    id: COMPONENT.senderAccounts,
    kind: 'account-identity',
    layer: 'access',
    summary:
      'Account age and reputation; low reputation blocks, young accounts get a stricter threshold and rate limit.',
    implementation: 'reference/funnel/sender-accounts.ts',
  },
  {
    id: COMPONENT.rateLimiter,
    kind: 'activity-monitor',
    layer: 'activity',
    summary: 'Sliding one-hour message cap per sender.',
    implementation: 'reference/funnel/rate-limiter.ts',
  },
  {
    id: COMPONENT.bulkDetector,
    kind: 'activity-monitor',
    layer: 'activity',
    summary: '64-bit simhash over word shingles; too many near-duplicates per sender (or across senders) in a window.',
    implementation: 'reference/funnel/bulk-detector.ts',
  },
  {
    id: COMPONENT.mimeParser,
    kind: 'preprocessing',
    layer: 'application',
    summary: 'postal-mime: headers, base64 / quoted-printable bodies, multipart trees into text and HTML parts.',
    implementation: 'reference/pipeline/mime-parser.ts',
  },
  {
    id: COMPONENT.htmlToText,
    kind: 'preprocessing',
    layer: 'application',
    summary: 'parse5: text of HTML parts (all character data by default; only visible text when hardened).',
    implementation: 'reference/pipeline/html-to-text.ts',
  },
  {
    id: COMPONENT.textNormalizer,
    kind: 'preprocessing',
    layer: 'application',
    summary: 'Optional NFKC + confusable skeleton + default-ignorable stripping (hardening switch).',
    implementation: 'reference/pipeline/text-normalizer.ts',
  },
  {
    id: COMPONENT.tokenizer,
    kind: 'feature-extraction',
    layer: 'application',
    summary: 'Lower-cased word tokens of subject and body, sender domain and a few structure flags (binary features).',
    implementation: 'reference/pipeline/tokenizer.ts',
  },
  {
    id: COMPONENT.spamModel,
    kind: 'model',
    layer: 'application',
    summary: 'Sparse logistic regression or naive Bayes over binary token features, trained in-process.',
    implementation: 'reference/model/',
  },
  {
    id: COMPONENT.thresholdPolicy,
    kind: 'policy',
    layer: 'application',
    summary: 'score ≥ threshold → block; reviewLow ≤ score < threshold → review; else allow.',
    implementation: 'reference/funnel/threshold-policy.ts',
  },
  {
    id: COMPONENT.reviewQueue,
    kind: 'human-review',
    summary: 'Analysts review the review band with a daily capacity and an accuracy; overflow is delivered unreviewed.',
    implementation: 'reference/funnel/review-queue.ts',
  },
  {
    id: COMPONENT.userFeedback,
    kind: 'feedback',
    summary: '"spam" / "not spam" reports; they move sender reputation and become labels for retraining.',
    implementation: 'reference/funnel/user-feedback.ts',
  },
  {
    id: COMPONENT.retraining,
    kind: 'training-data',
    summary: 'Periodic retraining on the training corpus plus accepted user-labelled reports (the poisoning surface).',
    implementation: 'reference/funnel/retraining.ts',
  },
  {
    id: COMPONENT.trainingCorpus,
    kind: 'training-data',
    summary: 'SpamAssassin public corpus (6,046 messages) with a seeded stratified or temporal split.',
    implementation: 'reference/corpus.ts',
  },
  {
    id: COMPONENT.decisionLog,
    kind: 'logging',
    summary: 'One DecisionLogRecord per message, as JSONL (and Parquet for traffic runs).',
    implementation: 'reference/funnel/decision-log.ts',
  },
];

/** The funnel layer of each deciding component (for `DecisionLogRecord.layer`). */
export const LAYER_OF: Record<DecidingComponent, Layer> = {
  [COMPONENT.signupChallenge]: 'automation',
  [COMPONENT.senderAccounts]: 'access',
  [COMPONENT.rateLimiter]: 'activity',
  [COMPONENT.bulkDetector]: 'activity',
  [COMPONENT.thresholdPolicy]: 'application',
};
