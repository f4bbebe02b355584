import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../util/random.js';
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import type { LinearModel } from '../model/linear-model.js';
import { simhash64 } from '../pipeline/simhash.js';
import { BulkDetector, DEFAULT_BULK_DETECTOR } from './bulk-detector.js';
import { DECISION_LOG_FIELDS, decisionLogLine } from './decision-log.js';
import { RateLimiter } from './rate-limiter.js';
import { Retraining } from './retraining.js';
import { ReviewQueue } from './review-queue.js';
import { DEFAULT_SENDER_ACCOUNTS, SenderAccounts } from './sender-accounts.js';
import { DEFAULT_SIGNUP_CHALLENGE, SignupChallenge } from './signup-challenge.js';
import { applyThreshold } from './threshold-policy.js';
import { DEFAULT_USER_FEEDBACK, type FeedbackSubmission, UserFeedback } from './user-feedback.js';

const T0 = Date.UTC(2025, 0, 6);

describe('threshold-policy', () => {
  it('blocks at the threshold, reviews in the band, allows below', () => {
    const cfg = { threshold: 0.5, reviewLow: 0.3 };
    expect(applyThreshold(0.5, cfg).decision).toBe('block');
    expect(applyThreshold(0.3, cfg).decision).toBe('review');
    expect(applyThreshold(0.29, cfg).decision).toBe('allow');
  });

  it('lowers both edges for young accounts', () => {
    const d = applyThreshold(0.45, { threshold: 0.5, reviewLow: 0.3 }, 0.1);
    expect(d).toEqual({ decision: 'block', threshold: 0.4, reviewLow: 0.2 });
  });
});

describe('rate-limiter', () => {
  it('admits maxPerHour in a sliding hour, then defers; young accounts get the lower limit', () => {
    const rl = new RateLimiter({ maxPerHour: 3, youngMaxPerHour: 1 });
    const allowed = [0, 1, 2, 3].map((i) => rl.admit('a', T0 + i * 60_000, false).allowed);
    expect(allowed).toEqual([true, true, true, false]);
    // An hour after the first message a slot is free again.
    expect(rl.admit('a', T0 + HOUR_MS + 1, false).allowed).toBe(true);
    expect(rl.admit('young', T0, true).allowed).toBe(true);
    expect(rl.admit('young', T0 + 1, true).allowed).toBe(false);
    // Other senders are independent.
    expect(rl.admit('b', T0 + 4 * 60_000, false).allowed).toBe(true);
  });
});

describe('bulk-detector', () => {
  const template = 'limited time offer on genuine swiss watches with free shipping to every country order now'.split(
    ' ',
  );
  const fp = simhash64(template);

  it('flags a sender that repeats one template more than maxNearDuplicates times', () => {
    const bd = new BulkDetector({ ...DEFAULT_BULK_DETECTOR, maxNearDuplicates: 3 });
    const bulk = [0, 1, 2, 3].map((i) => bd.check('s1', fp, template.length, T0 + i).bulk);
    expect(bulk).toEqual([false, false, false, true]);
  });

  it('misses the template spread over many senders unless cross-sender clustering is on', () => {
    const policy = {
      ...DEFAULT_BULK_DETECTOR,
      maxNearDuplicates: 3,
      crossSenderMaxNearDuplicates: 5,
      crossSenderMinSenders: 3,
    };
    const perSender = new BulkDetector(policy, false);
    const clustered = new BulkDetector(policy, true);
    const senders = Array.from({ length: 10 }, (_, i) => `s${i}`);
    expect(senders.map((s, i) => perSender.check(s, fp, template.length, T0 + i).bulk)).not.toContain(true);
    const flags = senders.map((s, i) => clustered.check(s, fp, template.length, T0 + i));
    expect(flags.findIndex((d) => d.bulk)).toBe(5);
    expect(flags[5]?.reason).toBe('cross-sender');
  });

  it('ignores very short messages and forgets outside the window', () => {
    const bd = new BulkDetector({ ...DEFAULT_BULK_DETECTOR, maxNearDuplicates: 1 });
    expect(bd.check('s', fp, 3, T0).bulk).toBe(false);
    expect(bd.check('s', fp, 3, T0 + 1).bulk).toBe(false);
    bd.check('s', fp, template.length, T0);
    expect(bd.check('s', fp, template.length, T0 + 25 * HOUR_MS).bulk).toBe(false);
    expect(bd.check('s', fp, template.length, T0 + 25 * HOUR_MS + 1).bulk).toBe(true);
  });
});

describe('signup-challenge and sender-accounts', () => {
  it('charges every signup and refuses more than the per-source daily limit', () => {
    const sc = new SignupChallenge({ ...DEFAULT_SIGNUP_CHALLENGE, maxSignupsPerSourcePerDay: 2 });
    const results = [0, 1, 2].map(() => sc.signUp(T0, '203.0.113.5').accepted);
    expect(results).toEqual([true, true, false]);
    expect(sc.signUp(T0 + DAY_MS, '203.0.113.5').accepted).toBe(true);
    const ledger = sc.snapshot();
    expect(ledger.accountsCreated).toBe(3);
    expect(ledger.accountsRefused).toBe(1);
    expect(ledger.totalCostUsd).toBeCloseTo(4 * DEFAULT_SIGNUP_CHALLENGE.costPerAccountUsd);
  });

  it('tracks age and reputation; blocks fall through to the reputation floor', () => {
    const accounts = new SenderAccounts(DEFAULT_SENDER_ACCOUNTS, new SignupChallenge());
    const young = accounts.resolve('new', T0, 2);
    expect(young.young).toBe(true);
    expect(young.isNew).toBe(true);
    expect(accounts.resolve('old', T0, 400).young).toBe(false);
    let blocks = 0;
    while (!accounts.isBelowFloor(accounts.resolve('old', T0).account)) {
      accounts.record('old', 'blocked');
      blocks++;
    }
    expect(blocks).toBe(30); // 0.5 − 30 × 0.01 falls below the 0.2 floor (float rounding)
    accounts.record('new', 'reported-not-spam');
    expect(accounts.get('new')?.reputation).toBeCloseTo(0.55);
  });
});

describe('review-queue', () => {
  it('reviews up to capacity per day and delivers the overflow unreviewed', () => {
    const q = new ReviewQueue<number>({ capacityPerDay: 2, reviewerAccuracy: 1 }, new SeededRandom(1));
    q.enqueue(1, 'spam');
    q.enqueue(2, 'ham');
    q.enqueue(3, 'spam');
    expect(q.closeDay()).toEqual([
      { item: 1, reviewerOutcome: 'spam' },
      { item: 2, reviewerOutcome: 'ham' },
      { item: 3, reviewerOutcome: null },
    ]);
    expect(q.snapshot()).toEqual({ pending: 0, reviewed: 2, overflowed: 1 });
  });

  it('an imperfect reviewer is wrong about as often as its accuracy says (seeded)', () => {
    const q = new ReviewQueue<number>({ capacityPerDay: 10_000, reviewerAccuracy: 0.8 }, new SeededRandom(3));
    for (let i = 0; i < 2000; i++) q.enqueue(i, 'spam');
    const wrong = q.closeDay().filter((o) => o.reviewerOutcome === 'ham').length;
    expect(wrong / 2000).toBeGreaterThan(0.17);
    expect(wrong / 2000).toBeLessThan(0.23);
  });
});

describe('user-feedback', () => {
  const report = (over: Partial<FeedbackSubmission>): FeedbackSubmission => ({
    reporter: 'r1',
    reporterAgeDays: 100,
    claimed: 'ham',
    tokens: ['x'],
    at: T0,
    ...over,
  });

  it('accepts everything when not rate-limited (the poisoning surface)', () => {
    const fb = new UserFeedback(DEFAULT_USER_FEEDBACK, false);
    for (let i = 0; i < 10; i++) expect(fb.submit(report({ reporterAgeDays: 0 })).accepted).toBe(true);
    expect(fb.acceptedReports()).toHaveLength(10);
  });

  it('with feedbackRateLimit caps "not spam" per reporter and day and ignores young reporters', () => {
    const fb = new UserFeedback({ maxNotSpamPerAccountPerDay: 2, minReporterAgeDays: 7 }, true);
    const verdicts = [0, 1, 2].map(() => fb.submit(report({})));
    expect(verdicts.map((v) => v.accepted)).toEqual([true, true, false]);
    expect(fb.submit(report({ claimed: 'spam' })).accepted).toBe(true);
    expect(fb.submit(report({ at: T0 + DAY_MS })).accepted).toBe(true);
    expect(fb.submit(report({ reporter: 'kid', reporterAgeDays: 1 }))).toEqual({
      accepted: false,
      reason: 'young-reporter',
    });
    expect(fb.snapshot()).toMatchObject({ received: 6, accepted: 4, rejectedDailyCap: 1, rejectedYoungReporter: 1 });
  });
});

describe('retraining', () => {
  it('retrains once a period has passed and only when new reports arrived', async () => {
    let fits = 0;
    const fake = (version: string) => ({ version }) as LinearModel;
    const r = new Retraining({ everyDays: 7 }, async (reports) => {
      fits++;
      return fake(`v${reports.length}`);
    });
    const reports = [{ reporter: 'a', reporterAgeDays: 9, claimed: 'ham', tokens: [], at: T0 }] as FeedbackSubmission[];
    expect(await r.maybeRetrain(T0, reports)).toBeUndefined();
    expect(await r.maybeRetrain(T0 + 6 * DAY_MS, reports)).toBeUndefined();
    expect((await r.maybeRetrain(T0 + 7 * DAY_MS, reports))?.version).toBe('v1');
    expect(await r.maybeRetrain(T0 + 14 * DAY_MS, reports)).toBeUndefined();
    expect(fits).toBe(1);
    expect(r.history()).toEqual([{ at: T0 + 7 * DAY_MS, reports: 1, modelVersion: 'v1' }]);
  });
});

describe('decision-log', () => {
  it('writes every field, in the fixed order, null when unknown', () => {
    const line = decisionLogLine({
      id: 'm1',
      ts: '2025-01-06T00:00:00.000Z',
      account: 'a',
      accountAgeDays: 3,
      inputHash: 'h',
      score: 0.9,
      threshold: 0.5,
      decision: 'block',
      decidedBy: 'threshold-policy',
      layer: 'application',
      modelVersion: 'lr-x',
    });
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual([...DECISION_LOG_FIELDS]);
    expect(parsed.truth).toBeNull();
    expect(parsed.score).toBe(0.9);
  });
});
