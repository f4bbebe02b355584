/**
 * Injected events: attacks and incidents placed into simulated traffic at known times, recorded in
 * `events.json` so that monitors can be scored against ground truth.
 *
 *   probing         one source IP, eight fresh accounts, ~6 % of a day's volume over six hours: a spam template
 *                   padded with k good words, k searched up and down from the decisions seen — scores gather
 *                   at the decision threshold
 *   template-surge  many fresh accounts send identical copies of one template that the model misses, eight
 *                   each (under the per-sender bulk limit), within three hours
 *   feedback-spike  attacker-controlled recipients (young accounts) report a campaign's spam "not spam" for two
 *                   days before a weekly retraining; the campaign keeps sending afterwards
 *   layer-outage    the activity layer (rate-limiter and bulk-detector) is down for six hours
 *   drift           benign mail shifts from easy-ham-1 to easy-ham-2 + hard-ham-1, spam from spam-1 to spam-2,
 *                   linearly over the middle half of the run
 */

import type { SeededRandom } from '../../util/random.js';
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import { COMPONENT } from '../components.js';
import type { CorpusMessage } from '../corpus.js';
import type { ExtractionOptions } from '../pipeline/extract.js';
import type { SwitchableComponent } from '../system.js';
import { type AccountFactory, documentationIp, type SimAccount } from './accounts.js';
import { planEvasiveCampaigns } from './evasive-campaigns.js';
import { INJECTION_KINDS, type InjectionKind } from './options.js';
import { OutageExploitBurst } from './outage-exploit.js';
import { ExtractorChange, FeatureSkew, type ServingChange } from './pipeline-integrity.js';
import type { BenignPopulation, PlanContext } from './population.js';
import { type Slot, timesBetween } from './slot.js';
import { probeVariant, spamVariant } from './variation.js';

/** An injected event as written to events.json (times ISO-8601; `end` exclusive). */
export interface InjectedEventRecord {
  kind: InjectionKind;
  start: string;
  end: string;
  accounts: string[];
  description: string;
  campaign?: string;
  sourceIps?: string[];
  components?: string[];
  templateHash?: string;
  messages?: number;
  reports?: number;
  [detail: string]: unknown;
}

export interface Injection {
  readonly kind: InjectionKind;
  /** Messages this injection sends on a day (may be empty). */
  slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[];
  /** The ground-truth record, once the run is over. */
  record(): InjectedEventRecord;
}

export interface RunShape {
  start: number;
  days: number;
  perDay: number;
  retrainEveryDays: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Score a template with the current model (the attacker's offline testing, before the attack). */
export type TemplateScorer = (raw: string) => Promise<{ score: number; templateHash: string; wordCount: number }>;

async function pickTemplate(
  candidates: readonly CorpusMessage[],
  scorer: TemplateScorer,
  want: 'evading' | 'caught',
  rng: SeededRandom,
): Promise<{ message: CorpusMessage; templateHash: string }> {
  const shuffled = rng.shuffle([...candidates]).slice(0, 60);
  const scored: Array<{ message: CorpusMessage; score: number; templateHash: string }> = [];
  for (const message of shuffled) {
    const s = await scorer(message.raw);
    if (s.wordCount >= 20) scored.push({ message, score: s.score, templateHash: s.templateHash });
  }
  if (scored.length === 0) throw new Error('no usable spam templates in the test split');
  scored.sort(
    (a, b) => (want === 'evading' ? a.score - b.score : b.score - a.score) || (a.message.id < b.message.id ? -1 : 1),
  );
  const best = scored[0] as (typeof scored)[number];
  return { message: best.message, templateHash: best.templateHash };
}

class ProbingAttack implements Injection {
  readonly kind = 'probing' as const;
  private readonly day: number;
  private readonly from: number;
  private readonly to: number;
  private readonly count: number;
  private readonly accounts: SimAccount[] = [];
  private readonly ip: string;
  /** Good words currently appended, and the search step. */
  private k = 0;
  private step = 16;
  private sent = 0;

  constructor(
    shape: RunShape,
    private readonly template: CorpusMessage,
    factory: AccountFactory,
    private readonly rng: SeededRandom,
  ) {
    this.day = Math.floor(shape.days * 0.25);
    this.from = shape.start + this.day * DAY_MS + 10 * HOUR_MS;
    this.to = this.from + 6 * HOUR_MS;
    this.count = Math.max(20, Math.round(shape.perDay * 0.06));
    this.ip = documentationIp(rng, true);
    for (let i = 0; i < 8; i++)
      this.accounts.push(factory.create('probe', 'prober', this.from - rng.int(20, 40) * HOUR_MS, this.ip));
  }

  slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    if (day !== this.day) return [];
    return timesBetween(this.count, this.from, this.to, () => this.rng.float()).map((at, i) => {
      const recipient = population.pickRecipient(this.rng);
      return {
        at,
        kind: 'probe',
        sender: this.accounts[i % this.accounts.length] as SimAccount,
        recipient,
        truth: 'spam',
        campaign: 'probe-1',
        compose: () =>
          probeVariant(
            this.template.raw,
            this.k,
            { at, sequence: ctx.nextSequence(), recipient: recipient.id },
            ctx.pools.goodWords,
            this.rng,
          ),
        observe: (o) => {
          this.sent++;
          // Blocked or held: pad more. Delivered: halve the step and back off, homing in on the boundary.
          if (o.decision === 'allow') {
            this.step = Math.max(1, Math.floor(this.step / 2));
            this.k = Math.max(0, this.k - this.step);
          } else this.k += this.step;
        },
      } satisfies Slot;
    });
  }

  record(): InjectedEventRecord {
    return {
      kind: 'probing',
      start: iso(this.from),
      end: iso(this.to),
      accounts: this.accounts.map((a) => a.id),
      sourceIps: [this.ip],
      campaign: 'probe-1',
      messages: this.sent,
      template: this.template.id,
      description:
        'One source IP and eight fresh accounts search the decision boundary by padding a spam template with good words.',
    };
  }
}

class TemplateSurge implements Injection {
  readonly kind = 'template-surge' as const;
  private readonly day: number;
  private readonly from: number;
  private readonly to: number;
  private readonly accounts: SimAccount[] = [];
  private readonly ips: string[];
  private readonly copiesEach = 8;
  private sent = 0;

  constructor(
    shape: RunShape,
    private readonly template: { message: CorpusMessage; templateHash: string },
    factory: AccountFactory,
    private readonly rng: SeededRandom,
  ) {
    this.day = Math.floor(shape.days * 0.4);
    this.from = shape.start + this.day * DAY_MS + 13 * HOUR_MS;
    this.to = this.from + 3 * HOUR_MS;
    const n = Math.max(4, Math.round((shape.perDay * 0.16) / this.copiesEach));
    // A lazy operator: about 25 accounts per IP, more than the signup challenge allows per source and day.
    this.ips = Array.from({ length: Math.max(1, Math.floor(n / 25)) }, () => documentationIp(rng, true));
    for (let i = 0; i < n; i++) {
      this.accounts.push(
        factory.create('surge', 'campaign', this.from - rng.int(6, 40) * HOUR_MS, this.ips[i % this.ips.length]),
      );
    }
  }

  slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    if (day !== this.day) return [];
    const n = this.accounts.length * this.copiesEach;
    return timesBetween(n, this.from, this.to, () => this.rng.float()).map((at, i) => {
      const recipient = population.pickRecipient(this.rng);
      this.sent++;
      return {
        at,
        kind: 'surge',
        sender: this.accounts[i % this.accounts.length] as SimAccount,
        recipient,
        truth: 'spam',
        campaign: 'surge-1',
        raw: spamVariant(
          this.template.message.raw,
          0,
          { at, sequence: ctx.nextSequence(), recipient: recipient.id },
          ctx.pools.goodWords,
          this.rng,
        ),
      } satisfies Slot;
    });
  }

  record(): InjectedEventRecord {
    return {
      kind: 'template-surge',
      start: iso(this.from),
      end: iso(this.to),
      accounts: this.accounts.map((a) => a.id),
      sourceIps: this.ips,
      campaign: 'surge-1',
      templateHash: this.template.templateHash,
      messages: this.sent,
      template: this.template.message.id,
      description: `${this.accounts.length} fresh accounts each send ${this.copiesEach} identical copies of a template the model misses.`,
    };
  }
}

class FeedbackSpike implements Injection {
  readonly kind = 'feedback-spike' as const;
  private readonly firstDay: number;
  private readonly spikeDays: number;
  private readonly volume: number;
  private readonly senders: SimAccount[] = [];
  private readonly reporters: SimAccount[] = [];
  private firstAt = Number.POSITIVE_INFINITY;
  private lastAt = 0;
  private sent = 0;

  constructor(
    private readonly shape: RunShape,
    private readonly template: CorpusMessage,
    factory: AccountFactory,
    private readonly rng: SeededRandom,
  ) {
    // The two days before the first retraining, so the poisoned labels are in it (or the last two days of a short run).
    const retrainDay = shape.retrainEveryDays;
    this.firstDay = shape.days > retrainDay ? Math.max(0, retrainDay - 2) : Math.max(0, shape.days - 2);
    this.spikeDays = Math.min(2, shape.days - this.firstDay);
    this.volume = Math.max(10, Math.round(shape.perDay * 0.05));
    const spikeStart = shape.start + this.firstDay * DAY_MS;
    const ip = documentationIp(rng, true);
    for (let i = 0; i < 10; i++)
      this.senders.push(factory.create('poison', 'campaign', spikeStart - rng.int(1, 3) * DAY_MS, ip));
    for (let i = 0; i < 15; i++)
      this.reporters.push(factory.create('poison-rcpt', 'reporter', spikeStart - rng.int(1, 4) * DAY_MS, ip));
  }

  slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    if (day < this.firstDay) return [];
    const spike = day < this.firstDay + this.spikeDays;
    return timesBetween(this.volume, ctx.dayStart + 8 * HOUR_MS, ctx.dayStart + 20 * HOUR_MS, () =>
      this.rng.float(),
    ).map((at, i) => {
      const recipient = spike
        ? (this.reporters[i % this.reporters.length] as SimAccount)
        : population.pickRecipient(this.rng);
      if (spike) {
        this.firstAt = Math.min(this.firstAt, at);
        this.lastAt = Math.max(this.lastAt, at);
        this.sent++;
      }
      return {
        at,
        kind: 'poison',
        sender: this.senders[i % this.senders.length] as SimAccount,
        recipient,
        truth: 'spam',
        campaign: 'feedback-poison',
        raw: spamVariant(
          this.template.raw,
          1,
          { at, sequence: ctx.nextSequence(), recipient: recipient.id },
          ctx.pools.goodWords,
          this.rng,
        ),
        poisonReport: spike,
      } satisfies Slot;
    });
  }

  record(): InjectedEventRecord {
    const start = Number.isFinite(this.firstAt) ? this.firstAt : this.shape.start + this.firstDay * DAY_MS;
    return {
      kind: 'feedback-spike',
      start: iso(start),
      // Reports trail their message by at most an hour.
      end: iso(Math.max(this.lastAt, start) + HOUR_MS + 1),
      accounts: [...this.senders, ...this.reporters].map((a) => a.id),
      reporters: this.reporters.map((a) => a.id),
      senders: this.senders.map((a) => a.id),
      campaign: 'feedback-poison',
      messages: this.sent,
      template: this.template.id,
      description:
        'Attacker-controlled young recipient accounts report a campaign\'s spam "not spam" before a retraining; the campaign keeps sending afterwards.',
    };
  }
}

class LayerOutage implements Injection {
  readonly kind = 'layer-outage' as const;
  readonly from: number;
  readonly to: number;
  readonly components: SwitchableComponent[] = [COMPONENT.rateLimiter, COMPONENT.bulkDetector];

  /** The attacker who exploits the outage (see outage-exploit.ts). */
  private readonly burst?: OutageExploitBurst;

  constructor(shape: RunShape, burst?: (from: number) => OutageExploitBurst) {
    const day = Math.floor(shape.days * 0.6);
    this.from = shape.start + day * DAY_MS + 10 * HOUR_MS;
    this.to = this.from + 6 * HOUR_MS;
    this.burst = burst?.(this.from);
  }

  slots(_day: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    return this.burst?.slots(population, ctx) ?? [];
  }

  isDown(at: number): boolean {
    return at >= this.from && at < this.to;
  }

  record(): InjectedEventRecord {
    return {
      kind: 'layer-outage',
      start: iso(this.from),
      end: iso(this.to),
      accounts: this.burst?.accounts.map((a) => a.id) ?? [],
      components: [...this.components],
      layer: 'activity',
      ...this.burst?.detail(),
      description:
        'The activity layer (rate-limiter and bulk-detector) is down; its checks fail open, and fresh accounts push a burst through.',
    };
  }
}

class Drift implements Injection {
  readonly kind = 'drift' as const;
  readonly from: number;
  readonly to: number;

  constructor(shape: RunShape) {
    const first = Math.floor(shape.days * 0.3);
    const last = Math.max(first + 1, Math.floor(shape.days * 0.8));
    this.from = shape.start + first * DAY_MS;
    this.to = shape.start + Math.min(last, shape.days) * DAY_MS;
  }

  slots(): Slot[] {
    return [];
  }

  /** 0 before the drift, 1 after it, linear in between. */
  weightAt(at: number): number {
    return Math.min(1, Math.max(0, (at - this.from) / (this.to - this.from)));
  }

  record(): InjectedEventRecord {
    return {
      kind: 'drift',
      start: iso(this.from),
      end: iso(this.to),
      accounts: [],
      from: ['easy-ham-1', 'spam-1'],
      to: ['easy-ham-2', 'hard-ham-1', 'spam-2'],
      description: 'Mail shifts linearly from the early corpus groups to the later ones (newer mail, harder ham).',
    };
  }
}

export interface PlannedInjections {
  all: Injection[];
  outage?: LayerOutage;
  drift?: Drift;
  /** Feature-pipeline changes on the serving path (pipeline-integrity.ts). */
  serving: ServingChange[];
}

export async function planInjections(
  kinds: readonly InjectionKind[],
  shape: RunShape,
  editableSpam: readonly CorpusMessage[],
  scorer: TemplateScorer,
  factory: AccountFactory,
  rng: SeededRandom,
  goodWords: readonly string[] = [],
  extraction?: { options: ExtractionOptions; workers?: number },
): Promise<PlannedInjections> {
  const all: Injection[] = [];
  const serving: ServingChange[] = [];
  let outage: LayerOutage | undefined;
  let drift: Drift | undefined;
  // A fixed order, whatever order the user listed them in: the same set gives the same run.
  for (const kind of INJECTION_KINDS) {
    // Evasive campaigns are planned after the loop, from the run's other plans.
    if (kind === 'evasive-campaigns' || !kinds.includes(kind)) continue;
    const r = rng.fork(kind);
    if (kind === 'probing')
      all.push(new ProbingAttack(shape, (await pickTemplate(editableSpam, scorer, 'caught', r)).message, factory, r));
    if (kind === 'template-surge')
      all.push(new TemplateSurge(shape, await pickTemplate(editableSpam, scorer, 'evading', r), factory, r));
    if (kind === 'feedback-spike')
      all.push(new FeedbackSpike(shape, (await pickTemplate(editableSpam, scorer, 'caught', r)).message, factory, r));
    if (kind === 'layer-outage') {
      const template = (await pickTemplate(editableSpam, scorer, 'evading', r)).message;
      outage = new LayerOutage(shape, (from) => new OutageExploitBurst(from, shape.perDay, template, factory, r));
      all.push(outage);
    }
    if (kind === 'drift') {
      drift = new Drift(shape);
      all.push(drift);
    }
    if (kind === 'extractor-change' && extraction) {
      const change = new ExtractorChange(shape, extraction.options, extraction.workers);
      all.push(change);
      serving.push(change);
    }
    if (kind === 'feature-skew' && extraction) {
      const skew = new FeatureSkew(shape, extraction.options);
      all.push(skew);
      serving.push(skew);
    }
  }
  if (kinds.includes('evasive-campaigns'))
    all.push(...(await planEvasiveCampaigns(shape, editableSpam, goodWords, scorer, factory, rng.fork('evasive'))));
  return { all, serving, ...(outage && { outage }), ...(drift && { drift }) };
}
