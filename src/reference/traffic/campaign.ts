/**
 * An adaptive spam campaign. It starts naive — one template, copies sent fast from a couple of fresh accounts —
 * and at the end of each day looks at what happened to its mail and adapts the way real operators do:
 *
 *   caught as bulk            → more variation (hash-busters, then word salad, then hidden salad)
 *   deferred by rate limits   → slower pacing per account (and so more accounts)
 *   accounts blocked/refused  → those accounts are abandoned; new ones are bought through the signup challenge
 *   blocked by the model      → switch template and pad with good words
 *
 * Operators learn *which* layer stopped them from experiments and bounce messages; the simulation shortcuts that
 * by reading `decidedBy`.
 */

import type { SeededRandom } from '../../util/random.js';
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import { COMPONENT } from '../components.js';
import type { CorpusMessage } from '../corpus.js';
import type { FunnelOutcome } from '../system.js';
import { type AccountFactory, documentationIp, type SimAccount } from './accounts.js';
import type { BenignPopulation, PlanContext } from './population.js';
import type { Slot } from './slot.js';
import { spamVariant, type VariationLevel } from './variation.js';

export interface CampaignConfig {
  name: string;
  /** Share of a day's traffic this campaign sends while active. */
  share: number;
  firstDay: number;
  /** Last active day (inclusive). */
  lastDay: number;
  /** Messages per account per hour at the start (fast and naive). */
  initialPace: number;
  /** Sending hours (UTC) [from, to). */
  hours: readonly [number, number];
  /** Minimum sending accounts per day. */
  minAccounts: number;
  initialVariation: VariationLevel;
}

export interface CampaignDayReport {
  name: string;
  day: number;
  sent: number;
  delivered: number;
  blockedBy: Record<string, number>;
  variation: VariationLevel;
  pace: number;
  accounts: number;
  template: string;
  adapted: string[];
}

export class AdaptiveCampaign {
  private template: CorpusMessage;
  private variation: VariationLevel;
  private pace: number;
  private accounts: SimAccount[] = [];
  private readonly retired = new Set<string>();
  private readonly ips: string[];
  private today: FunnelOutcome[] = [];
  readonly reports: CampaignDayReport[] = [];
  readonly accountIds = new Set<string>();

  constructor(
    readonly config: CampaignConfig,
    private readonly templates: readonly CorpusMessage[],
    private readonly factory: AccountFactory,
    private readonly rng: SeededRandom,
  ) {
    this.template = rng.pick(templates);
    this.variation = config.initialVariation;
    this.pace = config.initialPace;
    this.ips = Array.from({ length: 3 }, () => documentationIp(rng, true));
  }

  active(day: number): boolean {
    return day >= this.config.firstDay && day <= this.config.lastDay;
  }

  plan(_day: number, volume: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    this.today = [];
    const [fromHour, toHour] = this.config.hours;
    const hours = toHour - fromHour;
    const needed = Math.max(this.config.minAccounts, Math.ceil(volume / Math.max(1, hours * this.pace)));
    this.accounts = this.accounts.filter((a) => !this.retired.has(a.id));
    while (this.accounts.length < needed) {
      // Bought the day before use: young, cheap accounts.
      const account = this.factory.create(
        this.config.name,
        'campaign',
        ctx.dayStart - this.rng.int(0, 3) * DAY_MS - this.rng.int(1, 20) * HOUR_MS,
        this.rng.pick(this.ips),
      );
      this.accounts.push(account);
      this.accountIds.add(account.id);
    }
    // Naive senders burst: the day's volume goes out as fast as the pace allows, in one window of the sending hours.
    const windowHours = Math.min(hours, Math.max(1, Math.ceil(volume / (this.accounts.length * this.pace))));
    const from = ctx.dayStart + (fromHour + this.rng.int(0, hours - windowHours)) * HOUR_MS;
    const slots: Slot[] = [];
    for (let i = 0; i < volume; i++) {
      const at = from + Math.floor(this.rng.float() * windowHours * HOUR_MS);
      const sender = this.accounts[i % this.accounts.length] as SimAccount;
      const recipient = population.pickRecipient(this.rng);
      const raw = spamVariant(
        this.template.raw,
        this.variation,
        { at, sequence: ctx.nextSequence(), recipient: recipient.id, senderDomain: 'bulk-sender.example' },
        ctx.pools.goodWords,
        this.rng,
      );
      slots.push({
        at,
        kind: 'campaign',
        sender,
        recipient,
        truth: 'spam',
        campaign: this.config.name,
        raw,
        observe: (o) => this.today.push(o),
      });
    }
    return slots;
  }

  /** End of day: look at the day's outcomes and adapt. */
  adapt(day: number, isBlockedAccount: (id: string) => boolean): void {
    if (this.today.length === 0) return;
    const blockedBy: Record<string, number> = {};
    let delivered = 0;
    for (const o of this.today) {
      if (o.decision === 'allow') delivered++;
      else blockedBy[o.decidedBy] = (blockedBy[o.decidedBy] ?? 0) + 1;
    }
    const n = this.today.length;
    const share = (c: string) => (blockedBy[c] ?? 0) / n;
    const adapted: string[] = [];
    if (share(COMPONENT.bulkDetector) > 0.1 && this.variation < 3) {
      this.variation = (this.variation + 1) as VariationLevel;
      adapted.push(`variation→${this.variation}`);
    }
    if (share(COMPONENT.rateLimiter) > 0.05 && this.pace > 2) {
      this.pace = Math.max(2, Math.floor(this.pace / 2));
      adapted.push(`pace→${this.pace}/h`);
    }
    const dead = this.accounts.filter((a) => isBlockedAccount(a.id));
    if (share(COMPONENT.senderAccounts) + share(COMPONENT.signupChallenge) > 0.05 || dead.length > 0) {
      for (const a of dead) this.retired.add(a.id);
      if (dead.length) adapted.push(`replace ${dead.length} accounts`);
    }
    if (share(COMPONENT.thresholdPolicy) > 0.5) {
      const others = this.templates.filter((t) => t !== this.template);
      if (others.length) this.template = this.rng.pick(others);
      if (this.variation < 2) this.variation = 2;
      adapted.push(`template→${this.template.id}, variation ${this.variation}`);
    }
    this.reports.push({
      name: this.config.name,
      day,
      sent: n,
      delivered,
      blockedBy,
      variation: this.variation,
      pace: this.pace,
      accounts: this.accounts.length,
      template: this.template.id,
      adapted,
    });
  }
}
