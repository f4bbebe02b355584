/**
 * Seeded synthetic decision logs with injected events, for testing and evaluating the monitor without the
 * reference mail filter. It imitates a funnel: account and rate-limit blocks, a bulk detector for known campaign
 * templates, then a model score with a review band. Injected events follow the kinds of `nograd reference traffic`:
 * probing (one young account hammering the decision boundary), template-surge (a new template taking a large share),
 * feedback-spike ("not spam" reports from young accounts), layer-outage (the bulk detector stops blocking), drift
 * (ham scores creep up for several days). Same seed ⇒ byte-identical output.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionLogRecord } from '../../contracts/decision-log.js';
import type { EventKind } from '../events.js';
import { DAY_MS } from '../types.js';
import { Rng } from './rng.js';

export interface SyntheticOptions {
  seed: number;
  days: number;
  /** Mean records per day. */
  perDay: number;
  /** First day, UTC midnight (Unix ms). */
  start: number;
  /** Which event starts on which day (0-based), and for drift how many days it lasts. */
  inject: Array<{ kind: EventKind; day: number; days?: number }>;
  /** Write the raw input text (length statistics); off makes files ~5× smaller. */
  withInput: boolean;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  seed: 7,
  days: 28,
  perDay: 1500,
  start: Date.UTC(2024, 0, 1),
  inject: [
    { kind: 'probing', day: 9 },
    { kind: 'template-surge', day: 12 },
    { kind: 'feedback-spike', day: 15 },
    { kind: 'layer-outage', day: 18 },
    { kind: 'drift', day: 21, days: 3 },
  ],
  withInput: true,
};

export interface SyntheticEvent {
  kind: EventKind;
  start: string;
  end: string;
  accounts: string[];
  detail: Record<string, unknown>;
}

interface Account {
  id: string;
  ageDays: number;
  ip: string;
  spammy: boolean;
  weight: number;
}

const THRESHOLD = 0.5;
const YOUNG_THRESHOLD = 0.45;
const REVIEW_LOW = 0.35;
const FILLER =
  'Dear customer, thank you for your message. We are writing to follow up on the order you placed last week and the invoice attached. ' +
  'Please let us know if anything is unclear. Best regards, the team. Unsubscribe at any time using the link below. ';

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Generate the records day by day (each day sorted by time) and the list of injected events. */
export function* syntheticTraffic(opts: SyntheticOptions, events: SyntheticEvent[] = []): Generator<DecisionLogRecord> {
  const rng = new Rng(opts.seed);
  const accounts: Account[] = Array.from({ length: 600 }, (_, i) => {
    const spammy = rng.chance(0.25);
    const young = rng.chance(spammy ? 0.5 : 0.08);
    return {
      id: `acct-${String(i).padStart(4, '0')}`,
      ageDays: young ? 1 + rng.int(6) : 7 + Math.round(Math.exp(rng.normal(4.5, 1))),
      ip: `10.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`,
      spammy,
      weight: Math.exp(rng.normal(0, 0.8)),
    };
  });
  const totalWeight = accounts.reduce((s, a) => s + a.weight, 0);
  const pickAccount = () => {
    let r = rng.next() * totalWeight;
    for (const a of accounts) {
      r -= a.weight;
      if (r <= 0) return a;
    }
    return accounts[accounts.length - 1] as Account;
  };
  const newsletters = Array.from({ length: 8 }, () => rng.hex16());
  const campaigns = Array.from({ length: 40 }, () => rng.hex16());
  const surgeTemplate = rng.hex16();
  let seq = 0;
  const active = (kind: EventKind, day: number) =>
    opts.inject.some((e) => e.kind === kind && day >= e.day && day < e.day + (kind === 'drift' ? (e.days ?? 3) : 1));

  for (let day = 0; day < opts.days; day++) {
    const dayStart = opts.start + day * DAY_MS;
    const recs: DecisionLogRecord[] = [];
    const drift = active('drift', day);
    const outage = active('layer-outage', day);
    const n = Math.round(opts.perDay * (0.9 + 0.2 * rng.next()));
    const activeCampaigns = campaigns.filter((_, i) => (i + day) % 5 === 0);

    const emit = (p: {
      account: Account;
      ts: number;
      spam: boolean;
      template: string | null;
      logit?: number;
      score?: number;
      length: number;
      forceBlockBy?: { decidedBy: string; layer: DecisionLogRecord['layer'] } | null;
      report?: 'spam' | 'not-spam' | null;
    }) => {
      const id = `syn-${String(++seq).padStart(8, '0')}`;
      const ageDays = p.account.ageDays; // a stationary population: accounts age, new ones arrive
      const young = ageDays < 7;
      const threshold = young ? YOUNG_THRESHOLD : THRESHOLD;
      let score: number | null = null;
      let decision: DecisionLogRecord['decision'];
      let decidedBy = 'threshold-policy';
      let layer: DecisionLogRecord['layer'] = 'application';
      if (p.forceBlockBy) {
        decision = 'block';
        decidedBy = p.forceBlockBy.decidedBy;
        layer = p.forceBlockBy.layer;
      } else {
        score = Math.min(1, Math.max(0, p.score ?? logistic(p.logit ?? 0)));
        decision = score >= threshold ? 'block' : score >= REVIEW_LOW ? 'review' : 'allow';
      }
      let reviewerOutcome: DecisionLogRecord['reviewerOutcome'] = null;
      if (decision === 'review' && rng.chance(0.9))
        reviewerOutcome = (rng.chance(0.95) ? p.spam : !p.spam) ? 'spam' : 'ham';
      let userReport = p.report ?? null;
      if (userReport === null) {
        if (decision === 'block' && !p.spam && rng.chance(0.2)) userReport = 'not-spam';
        else if (decision === 'allow' && p.spam && rng.chance(0.15)) userReport = 'spam';
      }
      const inputHash = `${rng.hex16()}${rng.hex16()}${rng.hex16()}${rng.hex16()}`;
      recs.push({
        id,
        ts: new Date(p.ts).toISOString(),
        account: p.account.id,
        accountAgeDays: ageDays,
        sourceIp: p.account.ip,
        input: opts.withInput ? makeInput(rng, p.length) : null,
        inputRef: opts.withInput ? null : `mem:${id}`,
        inputHash,
        templateHash: p.template ?? rng.hex16(),
        score,
        threshold,
        reviewLow: REVIEW_LOW,
        decision,
        decidedBy,
        layer,
        modelVersion: 'syn-1',
        reviewerOutcome,
        escalated: false,
        userReport,
        campaign: null,
        truth: p.spam ? 'spam' : 'ham',
      });
    };

    for (let i = 0; i < n; i++) {
      const account = pickAccount();
      const ts = dayStart + Math.floor(rng.next() * DAY_MS);
      const spam = account.spammy ? rng.chance(0.8) : rng.chance(0.04);
      const length = Math.round(Math.exp(rng.normal(spam ? 5.6 : 6.1, 0.5)));
      if (spam) {
        const template = rng.chance(0.6) ? rng.pick(activeCampaigns) : null;
        if (account.ageDays < 7 && rng.chance(0.2)) {
          emit({
            account,
            ts,
            spam,
            template,
            length,
            forceBlockBy: { decidedBy: 'sender-accounts', layer: 'access' },
          });
        } else if (rng.chance(0.05)) {
          emit({ account, ts, spam, template, length, forceBlockBy: { decidedBy: 'rate-limiter', layer: 'activity' } });
        } else if (template !== null && rng.chance(0.35) && !outage) {
          emit({
            account,
            ts,
            spam,
            template,
            length,
            forceBlockBy: { decidedBy: 'bulk-detector', layer: 'activity' },
          });
        } else {
          emit({ account, ts, spam, template, length, logit: rng.normal(drift ? 1.2 : 2.2, 1.6) });
        }
      } else {
        const template = rng.chance(0.15) ? rng.pick(newsletters) : null;
        emit({ account, ts, spam, template, length, logit: rng.normal(drift ? -1.2 : -3.2, 1.3) });
      }
    }

    for (const ev of opts.inject.filter((e) => e.day === day)) {
      if (ev.kind === 'probing') {
        const account: Account = {
          id: `probe-${day}`,
          ageDays: 2,
          ip: `203.0.113.${10 + day}`,
          spammy: true,
          weight: 0,
        };
        const t0 = dayStart + 9 * 3_600_000;
        const count = Math.round(opts.perDay * 0.08);
        for (let i = 0; i < count; i++) {
          emit({
            account,
            ts: t0 + Math.floor(rng.next() * 3 * 3_600_000),
            spam: true,
            template: null,
            length: 300,
            score: YOUNG_THRESHOLD + rng.normal(0, 0.025),
          });
        }
        events.push({
          kind: 'probing',
          start: iso(t0),
          end: iso(t0 + 3 * 3_600_000),
          accounts: [account.id],
          detail: { messages: count },
        });
      } else if (ev.kind === 'template-surge') {
        const count = Math.round(opts.perDay * 0.1);
        const senders = Array.from({ length: 40 }, (_, i) => ({
          id: `surge-${day}-${i}`,
          ageDays: 1 + (i % 5),
          ip: `198.51.100.${i}`,
          spammy: true,
          weight: 0,
        }));
        for (let i = 0; i < count; i++) {
          emit({
            account: rng.pick(senders),
            ts: dayStart + Math.floor(rng.next() * DAY_MS),
            spam: true,
            template: surgeTemplate,
            length: 420,
            logit: rng.normal(-1.5, 0.5),
          });
        }
        events.push({
          kind: 'template-surge',
          start: iso(dayStart),
          end: iso(dayStart + DAY_MS),
          accounts: senders.map((s) => s.id),
          detail: { templateHash: surgeTemplate, messages: count },
        });
      } else if (ev.kind === 'feedback-spike') {
        const count = Math.round(opts.perDay * 0.06);
        const reporters = Array.from({ length: 25 }, (_, i) => ({
          id: `fb-${day}-${i}`,
          ageDays: 1 + (i % 4),
          ip: `192.0.2.${i}`,
          spammy: true,
          weight: 0,
        }));
        for (let i = 0; i < count; i++) {
          emit({
            account: rng.pick(reporters),
            ts: dayStart + Math.floor(rng.next() * DAY_MS),
            spam: true,
            template: null,
            length: 350,
            logit: rng.normal(2, 1),
            report: 'not-spam',
          });
        }
        events.push({
          kind: 'feedback-spike',
          start: iso(dayStart),
          end: iso(dayStart + DAY_MS),
          accounts: reporters.map((r) => r.id),
          detail: { reports: count },
        });
      } else if (ev.kind === 'layer-outage') {
        events.push({
          kind: 'layer-outage',
          start: iso(dayStart),
          end: iso(dayStart + DAY_MS),
          accounts: [],
          detail: { component: 'bulk-detector', layer: 'activity' },
        });
      } else if (ev.kind === 'drift') {
        const len = ev.days ?? 3;
        events.push({
          kind: 'drift',
          start: iso(dayStart),
          end: iso(dayStart + len * DAY_MS),
          accounts: [],
          detail: { hamLogitShift: 2, spamLogitShift: -1 },
        });
      }
    }
    recs.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id < b.id ? -1 : 1));
    yield* recs;
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function makeInput(rng: Rng, length: number): string {
  const offset = rng.int(FILLER.length);
  let s = `Subject: note ${rng.int(10_000)}\n\n`;
  while (s.length < length) s += FILLER.slice(offset) + FILLER.slice(0, offset);
  return s.slice(0, Math.max(1, length));
}

/** Write DIR/decisions.jsonl and DIR/events.json; resolves when the files are complete. */
export async function writeSyntheticTraffic(
  dir: string,
  partial: Partial<SyntheticOptions> = {},
): Promise<{ records: number; events: SyntheticEvent[] }> {
  const opts = { ...DEFAULT_SYNTHETIC, ...partial };
  mkdirSync(dir, { recursive: true });
  const events: SyntheticEvent[] = [];
  const stream = createWriteStream(join(dir, 'decisions.jsonl'));
  let records = 0;
  let buf = '';
  for (const r of syntheticTraffic(opts, events)) {
    buf += `${JSON.stringify(r)}\n`;
    records++;
    if (buf.length > 1 << 20) {
      if (!stream.write(buf)) await new Promise<void>((res) => stream.once('drain', () => res()));
      buf = '';
    }
  }
  stream.end(buf);
  await new Promise<void>((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  writeFileSync(join(dir, 'events.json'), `${JSON.stringify({ seed: opts.seed, events }, null, 2)}\n`);
  return { records, events };
}
