/**
 * Every tunable number of the funnel in one object. The defaults match the `properties` of the components in
 * examples/mail-filter/system.yaml, so the model analysed and the system attacked agree.
 */
import { type BulkDetectorPolicy, DEFAULT_BULK_DETECTOR } from './bulk-detector.js';
import { DEFAULT_RATE_LIMITER, type RateLimiterPolicy } from './rate-limiter.js';
import { DEFAULT_RETRAINING, type RetrainingPolicy } from './retraining.js';
import { DEFAULT_REVIEW_QUEUE, type ReviewQueuePolicy } from './review-queue.js';
import { DEFAULT_SENDER_ACCOUNTS, type SenderAccountsPolicy } from './sender-accounts.js';
import { DEFAULT_SIGNUP_CHALLENGE, type SignupChallengePolicy } from './signup-challenge.js';
import { DEFAULT_THRESHOLD_POLICY, type ThresholdPolicyConfig, validateThresholdPolicy } from './threshold-policy.js';
import { DEFAULT_USER_FEEDBACK, type UserFeedbackPolicy } from './user-feedback.js';

export interface FunnelPolicy {
  signup: SignupChallengePolicy;
  accounts: SenderAccountsPolicy;
  rateLimit: RateLimiterPolicy;
  bulk: BulkDetectorPolicy;
  threshold: ThresholdPolicyConfig;
  review: ReviewQueuePolicy;
  feedback: UserFeedbackPolicy;
  retraining: RetrainingPolicy;
}

export type FunnelPolicyOverrides = { [K in keyof FunnelPolicy]?: Partial<FunnelPolicy[K]> };

export const DEFAULT_FUNNEL_POLICY: FunnelPolicy = {
  signup: DEFAULT_SIGNUP_CHALLENGE,
  accounts: DEFAULT_SENDER_ACCOUNTS,
  rateLimit: DEFAULT_RATE_LIMITER,
  bulk: DEFAULT_BULK_DETECTOR,
  threshold: DEFAULT_THRESHOLD_POLICY,
  review: DEFAULT_REVIEW_QUEUE,
  feedback: DEFAULT_USER_FEEDBACK,
  retraining: DEFAULT_RETRAINING,
};

export function resolveFunnelPolicy(overrides: FunnelPolicyOverrides = {}): FunnelPolicy {
  const policy: FunnelPolicy = {
    signup: { ...DEFAULT_FUNNEL_POLICY.signup, ...overrides.signup },
    accounts: { ...DEFAULT_FUNNEL_POLICY.accounts, ...overrides.accounts },
    rateLimit: { ...DEFAULT_FUNNEL_POLICY.rateLimit, ...overrides.rateLimit },
    bulk: { ...DEFAULT_FUNNEL_POLICY.bulk, ...overrides.bulk },
    threshold: { ...DEFAULT_FUNNEL_POLICY.threshold, ...overrides.threshold },
    review: { ...DEFAULT_FUNNEL_POLICY.review, ...overrides.review },
    feedback: { ...DEFAULT_FUNNEL_POLICY.feedback, ...overrides.feedback },
    retraining: { ...DEFAULT_FUNNEL_POLICY.retraining, ...overrides.retraining },
  };
  validateThresholdPolicy(policy.threshold);
  return policy;
}
