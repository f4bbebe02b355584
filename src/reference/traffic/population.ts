/**
 * The background of simulated traffic: benign users sending ordinary mail on a daily rhythm, and unorganised
 * spam from throwaway accounts that each send a handful of messages.
 */

import type { SeededRandom } from '../../util/random.js';
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import { type AccountFactory, documentationIp, type SimAccount } from './accounts.js';
import { drawHam, drawSpam, type MessagePools } from './pools.js';
import type { Slot } from './slot.js';
import { benignVariant, spamVariant } from './variation.js';

/** Relative benign volume per UTC hour: quiet nights, busy working hours. */
const HOURLY = [1, 0.6, 0.4, 0.4, 0.5, 0.8, 1.5, 3, 5, 6, 6, 5.5, 5, 5.5, 6, 5.5, 5, 4, 3, 2.5, 2, 1.8, 1.5, 1.2];
const HOURLY_TOTAL = HOURLY.reduce((a, b) => a + b, 0);

export function benignTime(dayStart: number, rng: SeededRandom): number {
  let r = rng.float() * HOURLY_TOTAL;
  let hour = 0;
  while (hour < 23 && r >= (HOURLY[hour] as number)) r -= HOURLY[hour++] as number;
  return dayStart + hour * HOUR_MS + Math.floor(rng.float() * HOUR_MS);
}

export class BenignPopulation {
  readonly users: SimAccount[] = [];
  private readonly cumulative: number[] = [];

  constructor(factory: AccountFactory, rng: SeededRandom, size: number, start: number) {
    let total = 0;
    for (let i = 0; i < size; i++) {
      // Ages from a month to eight years (log-uniform); activity Zipf-like, so a few users send most mail.
      const ageDays = Math.exp(Math.log(30) + rng.float() * (Math.log(3000) - Math.log(30)));
      const weight = 1 / (i + 1) ** 0.8;
      this.users.push(
        factory.create('user', 'benign', start - Math.round(ageDays * DAY_MS), documentationIp(rng, false), weight),
      );
      total += weight;
      this.cumulative.push(total);
    }
  }

  pickSender(rng: SeededRandom): SimAccount {
    const r = rng.float() * (this.cumulative[this.cumulative.length - 1] as number);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.users[lo] as SimAccount;
  }

  pickRecipient(rng: SeededRandom, not?: SimAccount): SimAccount {
    for (;;) {
      const u = rng.pick(this.users);
      if (u !== not || this.users.length === 1) return u;
    }
  }
}

export interface PlanContext {
  dayStart: number;
  pools: MessagePools;
  /** Drift weight at a time (undefined: no drift injected). */
  driftAt: (at: number) => number | undefined;
  nextSequence: () => number;
}

export function planBenign(count: number, population: BenignPopulation, ctx: PlanContext, rng: SeededRandom): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < count; i++) {
    const at = benignTime(ctx.dayStart, rng);
    const sender = population.pickSender(rng);
    const recipient = population.pickRecipient(rng, sender);
    const base = drawHam(ctx.pools, rng, ctx.driftAt(at));
    const raw = benignVariant(base.raw, { at, sequence: ctx.nextSequence(), recipient: recipient.id }, rng);
    slots.push({ at, kind: 'benign', sender, recipient, truth: 'ham', campaign: null, raw });
  }
  return slots;
}

/** Unorganised spam: throwaway accounts (0–20 days old) that send about four messages each, around the clock. */
export class ThrowawaySpammers {
  private current: SimAccount | undefined;
  private left = 0;

  constructor(private readonly factory: AccountFactory) {}

  plan(count: number, population: BenignPopulation, ctx: PlanContext, rng: SeededRandom): Slot[] {
    const slots: Slot[] = [];
    for (let i = 0; i < count; i++) {
      const at = ctx.dayStart + Math.floor(rng.float() * DAY_MS);
      if (!this.current || this.left === 0) {
        this.current = this.factory.create('throwaway', 'throwaway', ctx.dayStart - rng.int(0, 20) * DAY_MS);
        this.left = rng.int(2, 6);
      }
      this.left--;
      const recipient = population.pickRecipient(rng);
      const base = drawSpam(ctx.pools, rng, ctx.driftAt(at));
      const level = rng.chance(0.5) ? 1 : 0;
      const raw = spamVariant(
        base.raw,
        level,
        { at, sequence: ctx.nextSequence(), recipient: recipient.id },
        ctx.pools.goodWords,
        rng,
      );
      slots.push({ at, kind: 'background-spam', sender: this.current, recipient, truth: 'spam', campaign: null, raw });
    }
    return slots;
  }
}
