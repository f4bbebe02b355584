/**
 * The posture baseline: what "normal" looked like over a clean period of decision logs. Built from per-window
 * aggregates (one SQL pass per statistic, see aggregate.ts), it keeps the totals the drift statistics compare
 * against, a readable posture summary (decision and review rates, per-layer block rates, input statistics, review
 * load vs capacity, user reports, overturn rate), and per-window series used to calibrate thresholds
 * (mean ± kσ over the baseline's own windows, leave-one-out). Serialized as versioned JSON.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineDocument } from '../util/document.js';
import { UserError } from '../util/errors.js';
import { aggregateWindows, emptyWindow, type Progress, scoreQuantileEdges, topTemplates } from './aggregate.js';
import { type DbOptions, openDb } from './db.js';
import { categoricalDrift, meanStd, scoreDrift } from './drift.js';
import { type Series, summarize } from './series.js';
import { guard, type LogInput, openLogs } from './source.js';
import { addCounts, subtractCounts } from './stats/histogram.js';
import {
  type AggregationOptions,
  DAY_MS,
  DECISIONS,
  DEFAULT_AGGREGATION,
  type SenderHour,
  type WindowStats,
} from './types.js';
import { iso, type TimeRange } from './window.js';

export const BASELINE_KIND = 'nograd-monitor-baseline';
export const BASELINE_VERSION = 1;

/** Statistics calibrated on the baseline's own windows (each window against the rest). */
export const CALIBRATED = [
  'score.psi',
  'score.js',
  'score.ks',
  'score.wasserstein_norm',
  'input.length.psi',
  'input.length.js',
  'input.length.cramers_v',
  'decision.cramers_v',
] as const;
export type CalibratedStat = (typeof CALIBRATED)[number];

/** Per-window series of the baseline (rates are per record; volumes per day). */
export const DAILY = [
  'rowsPerDay',
  'reviewsPerDay',
  'reviewRate',
  'blockRate',
  'notSpamRate',
  'notSpamYoungRate',
  'overturnRate',
  'nearRate',
  'maxTemplateShare',
  'maxEntityNear',
] as const;
export type DailyStat = (typeof DAILY)[number];

export interface BaselineOptions {
  /** Window size the baseline's series and calibration use (should match the check's window). */
  windowMs: number;
  /** PSI / JS bins (quantiles of the baseline's scores). */
  scoreBins: number;
  /** Review capacity (items per day) the review-overload signal compares against; null = not configured. */
  capacityPerDay: number | null;
}

export interface BaselineTemplate {
  hash: string;
  count: number;
  /** Share of all hashed records over the whole baseline. */
  share: number;
  /** Largest share in any one baseline window (0 when it never made a window's top list): bursty campaigns. */
  maxWindowShare: number;
}

export interface BaselineDecider {
  decidedBy: string;
  layer: string;
  rows: number;
  blocks: number;
  /** blocks / all records. */
  blockRate: number;
  windowBlockRate: Series;
}

export interface Posture {
  days: number;
  rows: number;
  rowsPerDay: number;
  decisionRates: Record<(typeof DECISIONS)[number], number>;
  /** Share of decisions sent to human review. */
  reviewRate: number;
  /** Share of all records blocked by each funnel layer / component. */
  blockRateByLayer: Record<string, number>;
  blockRateByDecider: Record<string, number>;
  score: { scored: number; mean: number; std: number; quantileEdges: number[] };
  input: {
    withLength: number;
    lengthCounts: number[];
    templates: { hashed: number; distinct: number; topShare: number; hhi: number };
  };
  reviewLoad: {
    perDay: Series;
    capacityPerDay: number | null;
    utilization: number | null;
    windowsOverCapacity: number;
  };
  reports: { spamRate: number; notSpamRate: number; notSpamYoungShare: number };
  /** Blocks later judged legitimate (reviewer ham or "not spam" report) / blocks: a false-positive proxy. */
  overturnRate: number;
}

export interface Baseline {
  kind: typeof BASELINE_KIND;
  version: typeof BASELINE_VERSION;
  createdAt: string;
  source: {
    inputs: string[];
    since: string | null;
    until: string | null;
    firstTs: string | null;
    lastTs: string | null;
    rows: number;
  };
  options: BaselineOptions;
  aggregation: AggregationOptions;
  windows: number;
  totals: WindowStats;
  posture: Posture;
  calibration: Record<CalibratedStat, Series>;
  daily: Record<DailyStat, Series>;
  templates: { hashed: number; distinct: number; top: BaselineTemplate[] };
  deciders: BaselineDecider[];
  /** Serving feature statistics (records with `featureTokens`); absent in baselines built before they existed. */
  features?: BaselineFeatures;
  /** Feature extractor / model version pairs seen in the baseline (records with `featureVersion`). */
  versions?: Array<{ featureVersion: string; modelVersion: string | null; rows: number }>;
  /** Hourly volume from young senders and what blocked it in the busiest hours (the outage-burst reference). */
  hourly?: BaselineHourly;
  /** The most any one account / source IP got delivered in one clock hour of the baseline. */
  senderHourMax?: { account: SenderHour | null; source: SenderHour | null };
}

export interface BaselineFeatures {
  featured: number;
  mean: number;
  counts: number[];
  /** PSI of each window's feature-count buckets against the rest (leave-one-out calibration). */
  psi: Series;
}

export interface BaselineHourly {
  /** Hours with records. */
  hours: number;
  /** Records from young senders per hour. */
  young: Series;
  /** The smallest young-sender volume among the busy hours (the busiest tenth of the hours). */
  busyYoungMin: number;
  busyHours: number;
  /** Young-sender records and blocks per component over the busy hours: what normally stops a burst. */
  busyYoung: number;
  busyBlocks: Record<string, number>;
}

export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = { windowMs: DAY_MS, scoreBins: 10, capacityPerDay: null };

/** A window counts toward per-day volume series only when its data cover most of it (no partial first/last day). */
const FULL_COVERAGE = 0.9;
/** Windows with fewer scored records are too small to calibrate drift statistics on. */
const MIN_CALIBRATION_SCORED = 100;

export function windowDays(w: WindowStats): number {
  return Math.max((w.end - w.start) / DAY_MS, 1 / 24);
}

export function coverage(w: WindowStats): number {
  if (w.firstTs === null || w.lastTs === null) return 0;
  return Math.min(1, (w.lastTs - w.firstTs) / Math.max(1, w.end - w.start));
}

/** Sum additive window statistics (top lists and entities are not additive and are dropped). */
export function sumWindows(windows: readonly WindowStats[], quantileBins: number): WindowStats {
  const first = windows[0];
  const last = windows[windows.length - 1];
  const t = emptyWindow(first?.start ?? 0, last?.end ?? 0, quantileBins);
  const deciders = new Map<string, { decidedBy: string; layer: string; rows: number; blocks: number }>();
  for (const w of windows) {
    t.rows += w.rows;
    t.firstTs = w.firstTs === null ? t.firstTs : t.firstTs === null ? w.firstTs : Math.min(t.firstTs, w.firstTs);
    t.lastTs = w.lastTs === null ? t.lastTs : t.lastTs === null ? w.lastTs : Math.max(t.lastTs, w.lastTs);
    for (const d of DECISIONS) t.decisions[d] += w.decisions[d];
    t.scored += w.scored;
    t.scoreSum += w.scoreSum;
    t.scoreSumSq += w.scoreSumSq;
    t.scoreQuantileCounts = addCounts(t.scoreQuantileCounts, w.scoreQuantileCounts);
    t.scoreFineCounts = addCounts(t.scoreFineCounts, w.scoreFineCounts);
    t.nearThreshold += w.nearThreshold;
    t.reviewed += w.reviewed;
    t.reviewerHam += w.reviewerHam;
    t.blockedOverturned += w.blockedOverturned;
    t.reports.spam += w.reports.spam;
    t.reports.notSpam += w.reports.notSpam;
    t.reports.notSpamYoung += w.reports.notSpamYoung;
    t.youngRows += w.youngRows;
    t.lengthCounts = addCounts(t.lengthCounts, w.lengthCounts);
    t.templates.hashed += w.templates.hashed;
    t.templates.sumSquares += w.templates.sumSquares;
    t.featured += w.featured ?? 0;
    t.featureTokenSum += w.featureTokenSum ?? 0;
    if (w.featureTokenCounts) t.featureTokenCounts = addCounts(t.featureTokenCounts, w.featureTokenCounts);
    for (const v of w.versions ?? []) {
      const cur = t.versions.find((x) => x.featureVersion === v.featureVersion && x.modelVersion === v.modelVersion);
      if (cur) {
        cur.rows += v.rows;
        cur.firstTs = Math.min(cur.firstTs, v.firstTs);
      } else t.versions.push({ ...v });
    }
    for (const d of w.deciders) {
      const key = `${d.layer}\u0000${d.decidedBy}`;
      const cur = deciders.get(key) ?? { decidedBy: d.decidedBy, layer: d.layer, rows: 0, blocks: 0 };
      cur.rows += d.rows;
      cur.blocks += d.blocks;
      deciders.set(key, cur);
    }
  }
  t.deciders = [...deciders.values()].sort((a, b) => a.decidedBy.localeCompare(b.decidedBy));
  return t;
}

const rate = (a: number, b: number) => (b > 0 ? a / b : 0);

export interface BaselineParts {
  windows: WindowStats[];
  templates: { hashed: number; distinct: number; sumSquares: number; top: Array<{ hash: string; count: number }> };
  options: BaselineOptions;
  aggregation: AggregationOptions;
  source: Baseline['source'];
  createdAt: string;
}

/** The pure part: a baseline from window aggregates. */
export function baselineFromWindows(parts: BaselineParts): Baseline {
  const { windows, options, aggregation } = parts;
  const qBins = aggregation.scoreEdges.length + 1;
  const totals = sumWindows(windows, qBins);
  totals.templates.distinct = parts.templates.distinct;
  totals.templates.sumSquares = parts.templates.sumSquares;
  totals.templates.top = parts.templates.top.slice(0, aggregation.topTemplates);
  const { mean, std } = meanStd(totals.scored, totals.scoreSum, totals.scoreSumSq);
  const days = windows.reduce((s, w) => s + windowDays(w), 0);
  const full = windows.filter((w) => coverage(w) >= FULL_COVERAGE);
  const nonEmpty = windows.filter((w) => w.rows > 0);

  // Calibration: each window against all the others (leave-one-out), as a check would compare it.
  const cal: Record<CalibratedStat, number[]> = Object.fromEntries(CALIBRATED.map((k) => [k, []])) as unknown as Record<
    CalibratedStat,
    number[]
  >;
  for (const w of windows) {
    if (w.scored < MIN_CALIBRATION_SCORED || totals.scored - w.scored < MIN_CALIBRATION_SCORED) continue;
    const restFine = subtractCounts(totals.scoreFineCounts, w.scoreFineCounts);
    const restQ = subtractCounts(totals.scoreQuantileCounts, w.scoreQuantileCounts);
    const rest = meanStd(totals.scored - w.scored, totals.scoreSum - w.scoreSum, totals.scoreSumSq - w.scoreSumSq);
    const s = scoreDrift(
      { quantileCounts: restQ, fineCounts: restFine, std: rest.std },
      { quantileCounts: w.scoreQuantileCounts, fineCounts: w.scoreFineCounts },
    );
    push(cal['score.psi'], s.psi);
    push(cal['score.js'], s.js);
    push(cal['score.ks'], s.ks);
    push(cal['score.wasserstein_norm'], s.wassersteinNorm);
    const len = categoricalDrift(
      subtractCounts(totals.lengthCounts, w.lengthCounts),
      w.lengthCounts,
      MIN_CALIBRATION_SCORED,
    );
    push(cal['input.length.psi'], len.psi);
    push(cal['input.length.js'], len.js);
    push(cal['input.length.cramers_v'], len.cramersV);
    const dec = categoricalDrift(
      DECISIONS.map((d) => totals.decisions[d] - w.decisions[d]),
      DECISIONS.map((d) => w.decisions[d]),
      MIN_CALIBRATION_SCORED,
    );
    push(cal['decision.cramers_v'], dec.cramersV);
  }
  const calibration = Object.fromEntries(CALIBRATED.map((k) => [k, summarize(cal[k])])) as Record<
    CalibratedStat,
    Series
  >;

  const daily: Record<DailyStat, Series> = {
    rowsPerDay: summarize(full.map((w) => w.rows / windowDays(w))),
    reviewsPerDay: summarize(full.map((w) => w.decisions.review / windowDays(w))),
    reviewRate: summarize(nonEmpty.map((w) => rate(w.decisions.review, w.rows))),
    blockRate: summarize(nonEmpty.map((w) => rate(w.decisions.block, w.rows))),
    notSpamRate: summarize(nonEmpty.map((w) => rate(w.reports.notSpam, w.rows))),
    notSpamYoungRate: summarize(nonEmpty.map((w) => rate(w.reports.notSpamYoung, w.rows))),
    overturnRate: summarize(
      nonEmpty.filter((w) => w.decisions.block > 0).map((w) => rate(w.blockedOverturned, w.decisions.block)),
    ),
    nearRate: summarize(nonEmpty.filter((w) => w.scored > 0).map((w) => rate(w.nearThreshold, w.scored))),
    maxTemplateShare: summarize(
      nonEmpty
        .filter((w) => w.templates.hashed > 0)
        .map((w) => rate(w.templates.top[0]?.count ?? 0, w.templates.hashed)),
    ),
    maxEntityNear: summarize(nonEmpty.map((w) => Math.max(0, ...w.entities.map((e) => e.near)))),
  };

  const deciders: BaselineDecider[] = totals.deciders.map((d) => ({
    ...d,
    blockRate: rate(d.blocks, totals.rows),
    windowBlockRate: summarize(
      nonEmpty.map((w) =>
        rate(w.deciders.find((x) => x.decidedBy === d.decidedBy && x.layer === d.layer)?.blocks ?? 0, w.rows),
      ),
    ),
  }));
  const byLayer: Record<string, number> = {};
  const byDecider: Record<string, number> = {};
  for (const d of deciders) {
    if (d.blocks === 0) continue;
    byLayer[d.layer] = (byLayer[d.layer] ?? 0) + d.blockRate;
    byDecider[d.decidedBy] = (byDecider[d.decidedBy] ?? 0) + d.blockRate;
  }
  const hashed = parts.templates.hashed;
  const maxWindowShare = new Map<string, number>();
  for (const w of windows) {
    for (const t of w.templates.top) {
      const share = rate(t.count, w.templates.hashed);
      if (share > (maxWindowShare.get(t.hash) ?? 0)) maxWindowShare.set(t.hash, share);
    }
  }
  const capacity = options.capacityPerDay;
  const featurePsi: number[] = [];
  for (const w of windows) {
    if (w.featured < MIN_CALIBRATION_SCORED || totals.featured - w.featured < MIN_CALIBRATION_SCORED) continue;
    push(
      featurePsi,
      categoricalDrift(
        subtractCounts(totals.featureTokenCounts, w.featureTokenCounts),
        w.featureTokenCounts,
        MIN_CALIBRATION_SCORED,
      ).psi,
    );
  }
  const posture: Posture = {
    days,
    rows: totals.rows,
    rowsPerDay: rate(totals.rows, days),
    decisionRates: {
      allow: rate(totals.decisions.allow, totals.rows),
      tag: rate(totals.decisions.tag, totals.rows),
      review: rate(totals.decisions.review, totals.rows),
      block: rate(totals.decisions.block, totals.rows),
    },
    reviewRate: rate(totals.decisions.review, totals.rows),
    blockRateByLayer: byLayer,
    blockRateByDecider: byDecider,
    score: { scored: totals.scored, mean, std, quantileEdges: aggregation.scoreEdges },
    input: {
      withLength: totals.lengthCounts.reduce((a, b) => a + b, 0),
      lengthCounts: totals.lengthCounts,
      templates: {
        hashed,
        distinct: parts.templates.distinct,
        topShare: rate(parts.templates.top[0]?.count ?? 0, hashed),
        hhi: rate(parts.templates.sumSquares, hashed * hashed),
      },
    },
    reviewLoad: {
      perDay: daily.reviewsPerDay,
      capacityPerDay: capacity,
      utilization: capacity ? daily.reviewsPerDay.mean / capacity : null,
      windowsOverCapacity: capacity ? full.filter((w) => w.decisions.review / windowDays(w) > capacity).length : 0,
    },
    reports: {
      spamRate: rate(totals.reports.spam, totals.rows),
      notSpamRate: rate(totals.reports.notSpam, totals.rows),
      notSpamYoungShare: rate(totals.reports.notSpamYoung, totals.reports.notSpam),
    },
    overturnRate: rate(totals.blockedOverturned, totals.decisions.block),
  };
  return {
    kind: BASELINE_KIND,
    version: BASELINE_VERSION,
    createdAt: parts.createdAt,
    source: parts.source,
    options,
    aggregation,
    windows: windows.length,
    totals: { ...totals, entities: [] },
    posture,
    calibration,
    daily,
    templates: {
      hashed,
      distinct: parts.templates.distinct,
      top: parts.templates.top.map((t) => ({
        ...t,
        share: rate(t.count, hashed),
        maxWindowShare: maxWindowShare.get(t.hash) ?? 0,
      })),
    },
    deciders,
    ...(totals.featured > 0 && {
      features: {
        featured: totals.featured,
        mean: totals.featureTokenSum / totals.featured,
        counts: totals.featureTokenCounts,
        psi: summarize(featurePsi),
      },
    }),
    versions: totals.versions.map(({ featureVersion, modelVersion, rows }) => ({ featureVersion, modelVersion, rows })),
    hourly: hourlyReference(windows),
    senderHourMax: {
      account: busiest(windows, 'account'),
      source: busiest(windows, 'source'),
    },
  };
}

function busiest(windows: readonly WindowStats[], kind: SenderHour['kind']): SenderHour | null {
  let best: SenderHour | null = null;
  for (const w of windows)
    for (const s of w.senderHours ?? []) if (s.kind === kind && (!best || s.delivered > best.delivered)) best = s;
  return best;
}

/** The hourly reference: young-sender volume per hour, and what blocked it in the busiest tenth of the hours. */
export function hourlyReference(windows: readonly WindowStats[]): BaselineHourly {
  const hours = windows.flatMap((w) => w.hours ?? []).filter((h) => h.rows > 0);
  const young = hours.map((h) => h.youngRows);
  // The busiest tenth of the hours by young-sender volume (ties broken by time, so the choice is stable).
  const busy = [...hours]
    .sort((a, b) => b.youngRows - a.youngRows || a.start - b.start)
    .slice(0, Math.ceil(hours.length / 10))
    .filter((h) => h.youngRows > 0);
  const busyYoungMin = busy.length > 0 ? Math.min(...busy.map((h) => h.youngRows)) : 0;
  const busyBlocks: Record<string, number> = {};
  for (const h of busy) for (const [k, v] of Object.entries(h.blocks)) busyBlocks[k] = (busyBlocks[k] ?? 0) + v;
  return {
    hours: hours.length,
    young: summarize(young),
    busyYoungMin,
    busyHours: busy.length,
    busyYoung: busy.reduce((a, h) => a + h.youngRows, 0),
    busyBlocks,
  };
}

function push(xs: number[], v: number | null): void {
  if (v !== null && Number.isFinite(v)) xs.push(v);
}

export interface CreateBaselineOptions extends Partial<BaselineOptions>, DbOptions {
  range?: TimeRange;
  aggregation?: Partial<Omit<AggregationOptions, 'scoreEdges'>>;
  /** How many templates to keep as reference shares. */
  templateLimit?: number;
  progress?: Progress;
  /** Fixed creation time (reproducible output in tests). */
  now?: Date;
}

/** Read logs with DuckDB and build the baseline. */
export async function createBaseline(inputs: readonly LogInput[], opts: CreateBaselineOptions = {}): Promise<Baseline> {
  const options: BaselineOptions = {
    windowMs: opts.windowMs ?? DEFAULT_BASELINE_OPTIONS.windowMs,
    scoreBins: opts.scoreBins ?? DEFAULT_BASELINE_OPTIONS.scoreBins,
    capacityPerDay: opts.capacityPerDay ?? null,
  };
  if (options.capacityPerDay !== null && !(options.capacityPerDay > 0))
    throw new UserError('--capacity must be a positive number of review items per day');
  const range = opts.range ?? { since: null, until: null };
  const db = await openDb(opts);
  try {
    opts.progress?.('reading logs');
    const opened = await openLogs(db, inputs, range);
    if (opened.rows === 0) {
      throw new UserError(
        `no decision records in range in ${inputs.map((i) => i.path).join(', ')}${range.until !== null ? ` before ${iso(range.until)}` : ''}`,
      );
    }
    const scoreEdges = await guard(() => scoreQuantileEdges(db, options.scoreBins), inputs);
    const aggregation: AggregationOptions = {
      ...DEFAULT_AGGREGATION,
      ...opts.aggregation,
      scoreEdges: dedupe(scoreEdges),
    };
    const windows = await guard(
      () =>
        aggregateWindows(
          db,
          { windowMs: options.windowMs, start: opened.firstTs ?? 0, end: (opened.lastTs ?? 0) + 1 },
          aggregation,
          opts.progress,
        ),
      inputs,
    );
    opts.progress?.('reference template shares');
    const templateRows = await guard(() => topTemplates(db, opts.templateLimit ?? 500), inputs);
    return baselineFromWindows({
      windows,
      templates: templateRows,
      options,
      aggregation,
      createdAt: (opts.now ?? new Date()).toISOString(),
      source: {
        inputs: inputs.map((i) => i.path),
        since: range.since === null ? null : iso(range.since),
        until: range.until === null ? null : iso(range.until),
        firstTs: opened.firstTs === null ? null : iso(opened.firstTs),
        lastTs: opened.lastTs === null ? null : iso(opened.lastTs),
        rows: opened.rows,
      },
    });
  } finally {
    db.close();
  }
}

function dedupe(edges: number[]): number[] {
  const out: number[] = [];
  for (const e of edges.filter(Number.isFinite).sort((a, b) => a - b))
    if (out.length === 0 || e > (out[out.length - 1] as number)) out.push(e);
  return out;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

const SeriesSchema = z.object({ n: z.number(), mean: z.number(), std: z.number(), min: z.number(), max: z.number() });
const counts = z.array(z.number().nonnegative());
const WindowSchema = z.object({
  start: z.number(),
  end: z.number(),
  rows: z.number(),
  decisions: z.object({ allow: z.number(), review: z.number(), block: z.number() }),
  scored: z.number(),
  scoreSum: z.number(),
  scoreSumSq: z.number(),
  scoreQuantileCounts: counts,
  scoreFineCounts: counts,
  lengthCounts: counts,
  reports: z.object({ spam: z.number(), notSpam: z.number(), notSpamYoung: z.number() }),
  deciders: z.array(z.object({ decidedBy: z.string(), layer: z.string(), rows: z.number(), blocks: z.number() })),
});
const BaselineBody = z.looseObject({
  options: z.object({
    windowMs: z.number().positive(),
    scoreBins: z.number().int(),
    capacityPerDay: z.number().positive().nullable(),
  }),
  aggregation: z.object({
    nearBand: z.number(),
    youngAccountDays: z.number(),
    scoreEdges: z.array(z.number()),
    topTemplates: z.number().int(),
    topEntities: z.number().int(),
    minEntityNear: z.number(),
  }),
  totals: z.looseObject(WindowSchema.shape),
  calibration: z.record(z.string(), SeriesSchema),
  daily: z.record(z.string(), SeriesSchema),
  templates: z.object({
    hashed: z.number(),
    distinct: z.number(),
    top: z.array(z.object({ hash: z.string(), count: z.number(), share: z.number(), maxWindowShare: z.number() })),
  }),
  deciders: z.array(
    z.looseObject({
      decidedBy: z.string(),
      layer: z.string(),
      rows: z.number(),
      blocks: z.number(),
      blockRate: z.number(),
      windowBlockRate: SeriesSchema,
    }),
  ),
});

/** The baseline document: envelope, schema and reader in one definition (see util/document.ts). */
export const BaselineDocument = defineDocument(BASELINE_KIND, BASELINE_VERSION, BaselineBody, {
  what: 'monitor baseline',
  remedy: 'rebuild it with `nograd monitor baseline`',
  keepInput: true,
});

/** Read and check a baseline file; a wrong kind, version or shape is a clear invalid-input error. */
export function readBaseline(path: string): Baseline {
  const b = BaselineDocument.read(path) as unknown as Baseline;
  if (b.totals.scoreQuantileCounts.length !== b.aggregation.scoreEdges.length + 1) {
    throw new UserError(
      `baseline '${path}' is damaged: ${b.aggregation.scoreEdges.length} score edges but ${b.totals.scoreQuantileCounts.length} bins`,
    );
  }
  return b;
}
