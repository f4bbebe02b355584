/**
 * Stream tactics: each plan is deterministic for an rng, reshapes the sends the way it says (accounts, ages,
 * times, variants, reports), counts what it costs, and keeps every send attributable to its seed. Each is run
 * against the reference funnel's real activity/access/feedback components (bulk detector, rate limiter, sender
 * accounts, user feedback) to show what it buys, and against the simple heuristic that defuses it.
 */
import { describe, expect, it } from 'vitest';
import type { TargetInput } from '../../../contracts/target.js';
import { BulkDetector, DEFAULT_BULK_DETECTOR } from '../../../reference/funnel/bulk-detector.js';
import { DEFAULT_RATE_LIMITER, RateLimiter } from '../../../reference/funnel/rate-limiter.js';
import { DEFAULT_SENDER_ACCOUNTS, SenderAccounts } from '../../../reference/funnel/sender-accounts.js';
import { SignupChallenge } from '../../../reference/funnel/signup-challenge.js';
import { DEFAULT_USER_FEEDBACK, UserFeedback } from '../../../reference/funnel/user-feedback.js';
import { extractMessage } from '../../../reference/pipeline/extract.js';
import { hammingDistance } from '../../../reference/pipeline/simhash.js';
import { heuristicsFor } from '../../oracles/heuristics/index.js';
import type { StreamHeuristic } from '../../oracles/heuristics/types.js';
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { judgeValidity, validityOptionsFor } from '../../oracles/validity.js';
import { pickBenignSet } from '../../samples/corpus.js';
import { phishingSeed } from '../../samples/phishing.js';
import { getExecutableTactic } from '../index.js';
import { createRng } from '../rng.js';
import type { StreamPlan, StreamTactic, TacticParams } from '../types.js';
import { DAY_MS, HOUR_MS } from './shared.js';

const BASE = { startMs: Date.parse('2025-06-02T08:00:00Z'), accountPrefix: 'run1-g1-' };
const ctx = { registry: DEFAULT_REDIRECT_REGISTRY };
const OFF = { readHtml: true, normalizeConfusables: false, stripHiddenText: false, decodeNestedEncodings: false };

function tactic(id: string): StreamTactic {
  const t = getExecutableTactic(id);
  if (t?.kind !== 'stream') throw new Error(`no stream tactic ${id}`);
  return t;
}

function plan(id: string, messages: TargetInput[], params: TacticParams = {}, seed = 1): StreamPlan {
  return tactic(id).plan(messages, BASE, createRng(seed), params);
}

/** The campaign's messages as the runner hands them over: an id, the content, the sender's age. */
function seeds(n: number, id = 'phish/paypal-limited'): TargetInput[] {
  const s = phishingSeed(id);
  return Array.from({ length: n }, (_, i) => ({
    id: `${s.id}-${i}`,
    content: s.content,
    context: { accountAgeDays: 365 },
  }));
}

/** Copies of one message, one a minute, from one sender (what a bulk campaign looks like without tactics). */
function copies(n: number, content = phishingSeed('phish/paypal-limited').content): TargetInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bulk-${i}`,
    content,
    context: { accountId: `${BASE.accountPrefix}sender`, accountAgeDays: 365, timestamp: BASE.startMs + i * 60_000 },
  }));
}

function owner(sendId: string, messages: readonly TargetInput[]): TargetInput | undefined {
  return messages.find(
    (m) => sendId === m.id || (sendId.startsWith(m.id) && /^[#/:@|]/.test(sendId.slice(m.id.length))),
  );
}

async function defusedBy(id: string, stream: { sends: readonly TargetInput[]; feedback?: StreamPlan['feedback'] }) {
  const hs = heuristicsFor(id).filter((h): h is StreamHeuristic => h.kind === 'stream');
  expect(hs.length, `a stream heuristic for ${id}`).toBeGreaterThan(0);
  return Promise.all(hs.map((h) => h.inspect(stream, ctx)));
}

/** Run sends through the reference bulk detector (fingerprints from the reference's own extraction). */
async function bulkBlocked(sends: readonly TargetInput[], crossSender = false): Promise<number> {
  const bulk = new BulkDetector(DEFAULT_BULK_DETECTOR, crossSender);
  let blocked = 0;
  for (const s of sends) {
    const x = await extractMessage(s.content, OFF);
    if (bulk.check(String(s.context?.accountId), x.fingerprint, x.wordCount, s.context?.timestamp as number).bulk)
      blocked++;
  }
  return blocked;
}

const STREAM_IDS = [
  'access.fresh-accounts',
  'access.account-rotation',
  'access.aged-account-purchase',
  'access.account-warmup',
  'automation.residential-proxies',
  'activity.low-and-slow',
  'activity.template-variation',
  'feedback.mass-not-spam',
];

describe.each(STREAM_IDS)('%s', (id) => {
  it('plans deterministically, and every campaign send belongs to a seed', () => {
    const messages = seeds(6);
    const a = plan(id, messages, { copies: 3 }, 4);
    expect(plan(id, messages, { copies: 3 }, 4)).toEqual(a);
    expect(a.sends.length).toBeGreaterThanOrEqual(messages.length);
    for (const m of messages)
      expect(
        a.sends.some((s) => owner(s.id, messages) === m),
        m.id,
      ).toBe(true);
    for (const s of a.sends) if (!s.id.startsWith('warmup:')) expect(owner(s.id, messages), s.id).toBeDefined();
  });
});

describe('access.fresh-accounts', () => {
  it('sends each message from its own new account, which the funnel treats as young', () => {
    const p = plan('access.fresh-accounts', seeds(5));
    const ids = p.sends.map((s) => s.context?.accountId);
    expect(new Set(ids).size).toBe(5);
    expect(p.sends.every((s) => s.context?.accountAgeDays === 0)).toBe(true);
    expect(p.cost).toEqual({ accounts: 5, money: 0.25 });
    const accounts = new SenderAccounts(DEFAULT_SENDER_ACCOUNTS, new SignupChallenge());
    expect(accounts.resolve(String(ids[0]), BASE.startMs, 0).young).toBe(true);
  });

  it('is defused by stricter rules for young accounts (and benign old senders are not flagged)', async () => {
    const [f] = await defusedBy('access.fresh-accounts', plan('access.fresh-accounts', seeds(5)));
    expect(f?.flaggedSends).toHaveLength(5);
    const [quiet] = await defusedBy('access.fresh-accounts', { sends: seeds(5) });
    expect(quiet?.fired).toBe(false);
  });
});

describe('access.account-rotation', () => {
  it('spreads a bulk run over the pool so the per-sender bulk detector never fires; cross-sender clustering does', async () => {
    const plain = copies(40);
    const rotated = plan('access.account-rotation', plain, { accounts: 10 }).sends;
    expect(new Set(rotated.map((s) => s.context?.accountId)).size).toBe(10);
    expect(await bulkBlocked(plain)).toBeGreaterThan(0);
    expect(await bulkBlocked(rotated)).toBe(0);
    expect(await bulkBlocked(rotated, true)).toBeGreaterThan(0);
  });

  it('is defused by clustering on link destinations across accounts', async () => {
    const rotated = plan('access.account-rotation', copies(40), { accounts: 10 });
    const [f] = await defusedBy('access.account-rotation', rotated);
    expect(f?.flaggedSends.length).toBeGreaterThan(30);
  });
});

describe('access.aged-account-purchase', () => {
  it('sends from a few old accounts, at a price', () => {
    const p = plan('access.aged-account-purchase', seeds(6), { accounts: 3, ageDays: 400 });
    expect(new Set(p.sends.map((s) => s.context?.accountId)).size).toBe(3);
    expect(p.sends.every((s) => s.context?.accountAgeDays === 400)).toBe(true);
    expect(p.cost).toEqual({ accounts: 3, money: 15, timeHours: 2 });
    const accounts = new SenderAccounts(DEFAULT_SENDER_ACCOUNTS, new SignupChallenge());
    expect(accounts.resolve(String(p.sends[0]?.context?.accountId), BASE.startMs, 400).young).toBe(false);
  });

  it('is defused by counting age from observed activity', async () => {
    const [f] = await defusedBy('access.aged-account-purchase', plan('access.aged-account-purchase', seeds(6)));
    expect(f?.flaggedSends).toHaveLength(6);
  });
});

describe('access.account-warmup', () => {
  it('warms accounts up with benign mail for days, then sends the campaign from grown-up accounts', async () => {
    const p = plan('access.account-warmup', seeds(3), { accounts: 3, warmupDays: 14, messagesPerDay: 2 });
    const warm = p.sends.filter((s) => s.id.startsWith('warmup:'));
    const campaign = p.sends.filter((s) => !s.id.startsWith('warmup:'));
    expect(warm).toHaveLength(3 * 14 * 2);
    expect(campaign).toHaveLength(3);
    const times = p.sends.map((s) => s.context?.timestamp as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.min(...campaign.map((s) => s.context?.timestamp as number))).toBeGreaterThanOrEqual(
      BASE.startMs + 14 * DAY_MS,
    );
    expect(campaign.every((s) => (s.context?.accountAgeDays as number) >= 14)).toBe(true);
    expect(p.cost?.timeHours).toBe(14 * 24);
    // warm-up mail is plain small talk: no link, no lure
    const x = await extractMessage(warm[0]?.content as string, OFF);
    expect(x.malformed).toBe(false);
    expect(warm[0]?.content).not.toMatch(/https?:/);
    // The funnel: delivered warm-ups earn reputation; the accounts are no longer young when the campaign starts.
    const accounts = new SenderAccounts(DEFAULT_SENDER_ACCOUNTS, new SignupChallenge());
    for (const s of warm) {
      accounts.resolve(
        String(s.context?.accountId),
        s.context?.timestamp as number,
        s.context?.accountAgeDays as number,
      );
      accounts.record(String(s.context?.accountId), 'delivered');
    }
    const first = campaign[0]?.context;
    const r = accounts.resolve(String(first?.accountId), first?.timestamp as number, first?.accountAgeDays as number);
    expect(r.young).toBe(false);
    expect(r.account.reputation).toBeGreaterThan(DEFAULT_SENDER_ACCOUNTS.initialReputation);
  });

  it('is defused by flagging links after a link-free history', async () => {
    const p = plan('access.account-warmup', seeds(3), { accounts: 3 });
    const [f] = await defusedBy('access.account-warmup', p);
    expect(f?.flaggedSends.sort()).toEqual(
      seeds(3)
        .map((s) => s.id)
        .sort(),
    );
  });
});

describe('automation.residential-proxies', () => {
  it('gives every account its own address, so per-source signup limits never refuse', () => {
    const fresh = plan('access.fresh-accounts', seeds(30)).sends;
    const proxied = plan('automation.residential-proxies', fresh).sends;
    const ips = proxied.map((s) => s.context?.sourceIp);
    expect(new Set(ips).size).toBe(30);
    for (const ip of ips) expect(ip).toMatch(/^198\.1[89]\.\d+\.\d+$/);
    const signupsFrom = (sends: TargetInput[], ip: (s: TargetInput) => string) => {
      const challenge = new SignupChallenge();
      return sends.filter((s) => challenge.signUp(BASE.startMs, ip(s)).accepted).length;
    };
    expect(signupsFrom(fresh, () => '192.0.2.1')).toBe(20);
    expect(signupsFrom(proxied, (s) => String(s.context?.sourceIp))).toBe(30);
  });

  it('is defused by clustering on destinations rather than addresses', async () => {
    const spread = plan('automation.residential-proxies', plan('access.account-rotation', copies(30)).sends);
    const [f] = await defusedBy('automation.residential-proxies', spread);
    expect(f?.fired).toBe(true);
  });
});

describe('activity.low-and-slow', () => {
  it('paces one account below the hourly rate limit, in office hours', () => {
    const burst = copies(60).map((s) => ({ ...s, context: { ...s.context, timestamp: BASE.startMs } }));
    const slow = plan('activity.low-and-slow', burst, { intervalMinutes: 120 }).sends;
    const deferred = (sends: TargetInput[]) => {
      const limiter = new RateLimiter(DEFAULT_RATE_LIMITER);
      return sends.filter(
        (s) => !limiter.admit(String(s.context?.accountId), s.context?.timestamp as number, false).allowed,
      ).length;
    };
    expect(deferred(burst)).toBe(60 - DEFAULT_RATE_LIMITER.maxPerHour);
    expect(deferred(slow)).toBe(0);
    for (const s of slow) {
      const hour = new Date(s.context?.timestamp as number).getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(20);
    }
    const gaps = slow
      .slice(1)
      .map((s, i) => (s.context?.timestamp as number) - (slow[i]?.context?.timestamp as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.7 * 120 * 60_000);
  });

  it('keeps the per-sender bulk window from filling, and costs days', async () => {
    const slow = plan('activity.low-and-slow', copies(30), { intervalMinutes: 120 });
    expect(await bulkBlocked(copies(30))).toBeGreaterThan(0);
    expect(await bulkBlocked(slow.sends)).toBe(0);
    expect(slow.cost?.timeHours).toBeGreaterThan(48);
  });

  it('is defused by a weekly count per destination', async () => {
    const slow = plan('activity.low-and-slow', copies(30), { intervalMinutes: 120 });
    const [f] = await defusedBy('activity.low-and-slow', slow);
    expect(f?.flaggedSends.length).toBe(10);
  });
});

describe('activity.template-variation', () => {
  it('sends spun copies whose fingerprints differ, so neither bulk detector fires; each copy still does the job', async () => {
    const s = phishingSeed('phish/paypal-limited');
    const p = plan(
      'activity.template-variation',
      [{ id: s.id, content: s.content, context: { accountId: 'a', accountAgeDays: 365, timestamp: BASE.startMs } }],
      { copies: 30, spacingMinutes: 1 },
    );
    expect(p.sends).toHaveLength(30);
    expect(new Set(p.sends.map((x) => x.content)).size).toBe(30);
    const fps = await Promise.all(p.sends.map(async (x) => (await extractMessage(x.content, OFF)).fingerprint));
    const close = fps
      .slice(1)
      .filter((f) => hammingDistance(f, fps[0] as (typeof fps)[number]) <= DEFAULT_BULK_DETECTOR.hammingRadius);
    expect(close.length).toBeLessThan(DEFAULT_BULK_DETECTOR.maxNearDuplicates);
    expect(await bulkBlocked(copies(30))).toBeGreaterThan(0);
    expect(await bulkBlocked(p.sends)).toBe(0);
    const rotated = plan('access.account-rotation', p.sends).sends;
    expect(await bulkBlocked(rotated, true)).toBe(0); // the reference's cross-sender clustering does not help
    for (const x of p.sends.slice(0, 5)) {
      const v = await judgeValidity(s.content, x.content, validityOptionsFor([{ id: 'activity.template-variation' }]));
      expect(v.reasons).toEqual([]);
    }
  });

  it('is defused by clustering on link destinations (and by hiding no text)', async () => {
    const p = plan('activity.template-variation', seeds(1), { copies: 30 });
    const rotated = plan('access.account-rotation', p.sends);
    const [f] = await defusedBy('access.account-rotation', rotated);
    expect(f?.flaggedSends.length).toBeGreaterThan(25);
  });
});

describe('feedback.mass-not-spam', () => {
  it('files "not spam" reports from many young inboxes after the sends', () => {
    const messages = seeds(2).map((m) => ({ ...m, context: { ...m.context, timestamp: BASE.startMs } }));
    const p = plan('feedback.mass-not-spam', messages, { reporters: 5, reportsPerMessage: 5 });
    expect(p.sends).toEqual(messages);
    expect(p.feedback).toHaveLength(10);
    expect(new Set(p.feedback?.map((r) => r.context?.accountId)).size).toBe(5);
    expect(p.feedback?.every((r) => r.claimed === 'ham' && (r.context?.timestamp as number) > BASE.startMs)).toBe(true);
    expect(p.cost).toEqual({ accounts: 5, money: 0.25 });
  });

  it('is defused by the feedback cap — the same rule as the reference feedbackRateLimit switch', async () => {
    const p = plan('feedback.mass-not-spam', seeds(3));
    const [f] = await defusedBy('feedback.mass-not-spam', p);
    expect(f?.acceptedReports).toBe(0);
    expect(f?.rejectedReports).toBe(p.feedback?.length);
    const submit = (rateLimited: boolean) => {
      const uf = new UserFeedback(DEFAULT_USER_FEEDBACK, rateLimited);
      for (const r of p.feedback ?? []) {
        uf.submit({
          reporter: String(r.context?.accountId),
          reporterAgeDays: r.context?.accountAgeDays as number,
          claimed: r.claimed,
          tokens: ['x'],
          at: r.context?.timestamp as number,
        });
      }
      return uf.snapshot().acceptedNotSpam;
    };
    expect(submit(false)).toBe(p.feedback?.length);
    expect(submit(true)).toBe(0);
    // Aged inboxes get past the age rule; the daily cap still limits them.
    const aged = plan('feedback.mass-not-spam', seeds(3), { reporters: 5, reportsPerMessage: 5, reporterAgeDays: 30 });
    const [g] = await defusedBy('feedback.mass-not-spam', aged);
    expect(g?.acceptedReports).toBe(15);
  });
});

describe('stream heuristics on benign traffic', () => {
  it('flag few ordinary senders: ham from aged accounts, a few a day each', async () => {
    const ham = pickBenignSet({ seed: 5, count: 40 });
    const sends = ham.map((m, i) => ({
      ...m,
      context: { accountId: `user-${i % 8}`, accountAgeDays: 400, timestamp: BASE.startMs + i * 3 * HOUR_MS },
    }));
    const all = new Set(STREAM_IDS.flatMap((id) => heuristicsFor(id)).filter((h) => h.kind === 'stream'));
    const known = new Map(sends.map((s) => [String(s.context.accountId), BASE.startMs - 400 * DAY_MS]));
    const { observedAgeHeuristic } = await import('../../oracles/heuristics/observed-age.js');
    let flagged = 0;
    for (const h of all) {
      const x = h.id === 'heuristic.observed-age' ? observedAgeHeuristic(known) : (h as StreamHeuristic);
      const f = await x.inspect({ sends }, ctx);
      flagged += f.flaggedSends.length;
    }
    // measured: 0 of 40 sends flagged (ham links differ per message; no account changes behaviour)
    expect(flagged / sends.length).toBeLessThan(0.1);
  });
});
