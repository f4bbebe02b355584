/**
 * Simulated production traffic through the reference funnel, written as decision logs with ground truth.
 *
 * Each day: benign users send corpus ham (lightly varied) on a daily rhythm; throwaway accounts send scattered
 * spam; adaptive campaigns (a new one every other day, each active four days) send templates and adapt to what
 * stopped them; injected events add attacks and incidents at known times. Messages go through the funnel in time
 * order; at the end of the day analysts review, users report, analysts escalate, reputations move, and every
 * seventh day retraining folds the accepted reports into the model. Same options and seed ⇒ identical files.
 *
 * Writes `decisions.jsonl` and/or `decisions.parquet` (one `DecisionLogRecord` per message, `truth` and `input`
 * filled) and `events.json` (the injected events with their times and accounts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DecisionLogRecord } from '../../contracts/decision-log.js';
import { UserError } from '../../util/errors.js';
import { SeededRandom } from '../../util/random.js';
import { DAY_MS } from '../../util/time.js';
import { featureExtractorVersion } from '../feature-version.js';
import { DecisionLogWriter } from '../funnel/decision-log.js';
import type { RetrainingRun } from '../funnel/retraining.js';
import { ReviewQueue } from '../funnel/review-queue.js';
import { describeHardening } from '../hardening.js';
import { createReferenceSystem, type FunnelSnapshot, SWITCHABLE_COMPONENTS } from '../system.js';
import { AccountFactory, ageDaysAt } from './accounts.js';
import { closeDay, type DayEntry } from './aftermath.js';
import { AdaptiveCampaign, type CampaignConfig, type CampaignDayReport } from './campaign.js';
import { ExtractionCache } from './extraction-cache.js';
import { type InjectedEventRecord, planInjections } from './injections.js';
import { DEFAULT_TRAFFIC_START, type InjectionKind, type LogFormat, type TrafficOptions } from './options.js';
import { jsonlToParquet } from './parquet.js';
import { servedFeatures } from './pipeline-integrity.js';
import { buildPools } from './pools.js';
import { BenignPopulation, type PlanContext, planBenign, ThrowawaySpammers } from './population.js';
import type { Slot } from './slot.js';

export interface TrafficResult {
  outDir: string;
  files: { jsonl?: string; parquet?: string; events: string };
  rows: number;
  days: number;
  perDay: number;
  seed: number;
  inject: InjectionKind[];
  decisions: Record<string, number>;
  decidedBy: Record<string, number>;
  truth: { spam: number; ham: number };
  events: InjectedEventRecord[];
  campaigns: CampaignDayReport[];
  retraining: readonly RetrainingRun[];
  funnel: FunnelSnapshot;
  extraction: { extracted: number; reused: number };
  elapsedMs: number;
}

/** Share of the day for unorganised spam, among the messages left after campaigns and events. */
const BACKGROUND_SPAM_SHARE = 0.12;
const CAMPAIGN_SHARE = 0.075;
const CAMPAIGN_LIFETIME_DAYS = 4;

function campaignConfigs(days: number): CampaignConfig[] {
  const firstDays = [0, 0];
  for (let d = 2; d < days; d += 2) firstDays.push(d);
  return firstDays.map((firstDay, i) => ({
    name: `campaign-${String(i + 1).padStart(2, '0')}`,
    share: CAMPAIGN_SHARE,
    firstDay,
    lastDay: firstDay + CAMPAIGN_LIFETIME_DAYS - 1,
    initialPace: 40,
    hours: [7, 19] as const,
    minAccounts: 3,
    initialVariation: 0 as const,
  }));
}

function validate(options: TrafficOptions) {
  const days = options.days ?? 14;
  const perDay = options.perDay ?? 2000;
  const seed = options.seed ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new UserError(`--days must be an integer from 1 to 366, got ${days}`);
  if (!Number.isInteger(perDay) || perDay < 20 || perDay > 1_000_000) {
    throw new UserError(`--per-day must be an integer from 20 to 1000000, got ${perDay}`);
  }
  if (!Number.isInteger(seed)) throw new UserError(`--seed must be an integer, got ${seed}`);
  const start = options.start ?? DEFAULT_TRAFFIC_START;
  if (!Number.isFinite(start)) throw new UserError('--start must be a date');
  const formats: LogFormat[] = [...(options.formats ?? ['jsonl', 'parquet'])];
  return { days, perDay, seed, start, formats, inject: [...(options.inject ?? [])] };
}

export async function simulateTraffic(options: TrafficOptions): Promise<TrafficResult> {
  const started = performance.now();
  const { days, perDay, seed, start, formats, inject } = validate(options);
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const progress = (p: Omit<Parameters<NonNullable<TrafficOptions['onProgress']>>[0], 'days' | 'totalRows'>) =>
    options.onProgress?.({ ...p, days, totalRows: days * perDay });

  progress({ phase: 'model', day: 0, rows: 0 });
  const system = await createReferenceSystem({
    model: options.model,
    seed: options.modelSeed ?? 42,
    ...(options.modelSample !== undefined && { sample: options.modelSample }),
    hardening: options.hardening,
    variant: options.variant,
    policy: options.policy,
    workers: options.workers,
    clock: () => start,
  });
  const pools = await buildPools(system.trained);
  const cache = new ExtractionCache(system.trained.extraction, options.workers);
  const rng = new SeededRandom(seed);
  const factory = new AccountFactory(rng.fork('accounts'));
  const population = new BenignPopulation(
    factory,
    rng.fork('population'),
    Math.min(1000, Math.max(20, Math.round(perDay / 4))),
    start,
  );
  const throwaways = new ThrowawaySpammers(factory);
  const campaigns = campaignConfigs(days).map(
    (c) => new AdaptiveCampaign(c, pools.editableSpam, factory, rng.fork(c.name)),
  );
  const injections = await planInjections(
    inject,
    { start, days, perDay, retrainEveryDays: system.policy.retraining.everyDays },
    pools.editableSpam,
    async (raw) => {
      const s = await system.scoreContent(raw);
      return { score: s.score, templateHash: s.templateHash, wordCount: (await cache.extract(raw)).wordCount };
    },
    factory,
    rng.fork('injections'),
    pools.goodWords,
    { options: system.trained.extraction, workers: options.workers },
  );
  const trainedExtractor = { cache, version: featureExtractorVersion(system.trained.extraction) };
  const reviewQueue = new ReviewQueue<DayEntry>(system.policy.review, rng.fork('review'));
  const aftermathRng = rng.fork('aftermath');

  const tmpJsonl = join(outDir, '.decisions.partial.jsonl');
  const jsonlPath = join(outDir, 'decisions.jsonl');
  const writer = new DecisionLogWriter(formats.includes('jsonl') ? jsonlPath : tmpJsonl);
  let sequence = 0;
  let rows = 0;
  const decisions: Record<string, number> = {};
  const decidedBy: Record<string, number> = {};
  const truth = { spam: 0, ham: 0 };

  try {
    for (let day = 0; day < days; day++) {
      const dayStart = start + day * DAY_MS;
      const dayRng = rng.fork(`day-${day}`);
      const ctx: PlanContext = {
        dayStart,
        pools,
        driftAt: (at) => injections.drift?.weightAt(at),
        nextSequence: () => ++sequence,
      };
      const slots = planDay(day, perDay, ctx, dayRng, population, throwaways, campaigns, injections.all);
      const fixed = slots.filter((s) => s.raw !== undefined);
      const extracted = await cache.extractAll(fixed.map((s) => s.raw as string));
      const pre = new Map(fixed.map((s, i) => [s, extracted[i]]));

      const entries: DayEntry[] = [];
      for (const slot of slots) {
        if (injections.outage) {
          const down = injections.outage.isDown(slot.at);
          for (const c of injections.outage.components) system.setComponentEnabled(c, !down);
        }
        const raw = slot.raw ?? (slot.compose as () => string)();
        const served = await servedFeatures(injections.serving, slot.at, raw, trainedExtractor);
        const features = served?.features ?? pre.get(slot) ?? (await cache.extract(raw));
        rows++;
        const id = `msg-${String(rows).padStart(7, '0')}`;
        const ageDays = ageDaysAt(slot.sender, slot.at);
        const outcome = await system.process(
          {
            id,
            raw,
            context: {
              accountId: slot.sender.id,
              accountAgeDays: ageDays,
              timestamp: slot.at,
              sourceIp: slot.sender.sourceIp,
            },
          },
          features,
        );
        slot.observe?.(outcome);
        const record: DecisionLogRecord = {
          id,
          ts: new Date(slot.at).toISOString(),
          account: slot.sender.id,
          accountAgeDays: ageDays,
          sourceIp: slot.sender.sourceIp,
          input: options.includeInput === false ? null : raw,
          inputRef: null,
          inputHash: outcome.inputHash,
          templateHash: outcome.templateHash,
          score: outcome.score,
          threshold: outcome.threshold,
          reviewLow: outcome.reviewLow,
          decision: outcome.decision,
          decidedBy: outcome.decidedBy,
          layer: outcome.layer,
          modelVersion: outcome.modelVersion,
          featureVersion: served?.featureVersion ?? trainedExtractor.version,
          featureTokens: features.tokens.length,
          reviewerOutcome: null,
          escalated: false,
          userReport: null,
          campaign: slot.campaign,
          truth: slot.truth,
        };
        entries.push({ slot, outcome, tokens: features.tokens, record });
        decisions[outcome.decision] = (decisions[outcome.decision] ?? 0) + 1;
        decidedBy[outcome.decidedBy] = (decidedBy[outcome.decidedBy] ?? 0) + 1;
        truth[slot.truth]++;
      }
      for (const c of SWITCHABLE_COMPONENTS) system.setComponentEnabled(c, true);
      await closeDay(entries, system, reviewQueue, aftermathRng);
      for (const e of entries) await writer.write(e.record);
      const blockedAccount = (id: string) => {
        const snapshotAccount = system.accountState(id);
        return snapshotAccount !== undefined && (snapshotAccount.refusedAtSignup || snapshotAccount.belowFloor);
      };
      for (const c of campaigns) c.adapt(day, blockedAccount);
      progress({ phase: 'simulate', day: day + 1, rows });
    }
  } finally {
    await writer.close();
  }

  const files: TrafficResult['files'] = { events: join(outDir, 'events.json') };
  if (formats.includes('jsonl')) files.jsonl = jsonlPath;
  if (formats.includes('parquet')) {
    progress({ phase: 'parquet', day: days, rows });
    files.parquet = join(outDir, 'decisions.parquet');
    await jsonlToParquet(writer.path, files.parquet);
  }
  if (!formats.includes('jsonl')) rmSync(tmpJsonl, { force: true });

  const events = injections.all.map((i) => i.record());
  writeFileSync(
    files.events,
    `${JSON.stringify(
      {
        generator: 'nograd reference traffic',
        seed,
        start: new Date(start).toISOString(),
        days,
        perDay,
        model: system.modelKind,
        variant: system.variant,
        hardening: describeHardening(system.hardening),
        initialModelVersion: system.trained.model.version,
        events,
        campaigns: campaigns.map((c) => ({
          name: c.config.name,
          firstDay: c.config.firstDay,
          lastDay: Math.min(c.config.lastDay, days - 1),
          accounts: [...c.accountIds],
          days: c.reports,
        })),
        retraining: system.snapshot().retraining,
      },
      null,
      2,
    )}\n`,
  );
  progress({ phase: 'done', day: days, rows });
  return {
    outDir,
    files,
    rows,
    days,
    perDay,
    seed,
    inject,
    decisions,
    decidedBy,
    truth,
    events,
    campaigns: campaigns.flatMap((c) => c.reports),
    retraining: system.snapshot().retraining,
    funnel: system.snapshot(),
    extraction: { extracted: cache.misses, reused: cache.hits },
    elapsedMs: performance.now() - started,
  };
}

/** Exactly `perDay` slots in time order: events first, then campaigns, then background spam and benign mail. */
function planDay(
  day: number,
  perDay: number,
  ctx: PlanContext,
  rng: SeededRandom,
  population: BenignPopulation,
  throwaways: ThrowawaySpammers,
  campaigns: readonly AdaptiveCampaign[],
  injections: ReadonlyArray<{ slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[] }>,
): Slot[] {
  const eventSlots = injections.flatMap((i) => i.slots(day, population, ctx)).slice(0, perDay);
  const active = campaigns.filter((c) => c.active(day));
  let room = perDay - eventSlots.length;
  const campaignSlots: Slot[] = [];
  for (const c of active) {
    const volume = Math.min(room, Math.round(perDay * c.config.share));
    campaignSlots.push(...c.plan(day, volume, population, ctx));
    room -= volume;
  }
  const background = Math.round(room * BACKGROUND_SPAM_SHARE);
  const slots = [
    ...eventSlots,
    ...campaignSlots,
    ...throwaways.plan(background, population, ctx, rng.fork('background')),
    ...planBenign(room - background, population, ctx, rng.fork('benign')),
  ];
  // Stable sort: equal times keep planning order, so the order never depends on anything but the seed.
  return slots
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map(({ s }) => s);
}
