/**
 * Test builders: window aggregates and baselines made directly in JS (no DuckDB), so signal and rule tests state
 * exactly the situation they test. Scores are deterministic quantiles of a shape function, not random draws.
 */
import { emptyWindow } from '../aggregate.js';
import { type Baseline, baselineFromWindows } from '../baseline.js';
import { binCounts, quantileEdges } from '../stats/quantile-bins.js';
import {
  DAY_MS,
  DEFAULT_AGGREGATION,
  type DeciderStats,
  type EntityStats,
  SCORE_FINE_BINS,
  type TemplateCount,
  type WindowStats,
} from '../types.js';

export const T0 = Date.UTC(2024, 0, 1);

/** n deterministic scores: shape((i + ½)/n), e.g. (u) => u ** 3 for a spam filter's mostly-low scores. */
export function scores(n: number, shape: (u: number) => number = (u) => u ** 3): number[] {
  return Array.from({ length: n }, (_, i) => Math.min(1, Math.max(0, shape((i + 0.5) / n))));
}

export interface WindowSpec {
  day: number;
  scores?: number[];
  /** Score quantile edges (from the baseline); default: deciles of `scores(1000)`. */
  edges?: number[];
  /** Records besides the scored ones (decided by earlier layers). */
  unscored?: number;
  review?: number;
  block?: number;
  deciders?: DeciderStats[];
  reports?: { spam?: number; notSpam?: number; notSpamYoung?: number };
  blockedOverturned?: number;
  templates?: { hashed?: number; distinct?: number; top?: TemplateCount[] };
  entities?: EntityStats[];
  nearThreshold?: number;
}

export const DEFAULT_EDGES = quantileEdges(scores(1000), 10);

export function makeWindow(spec: WindowSpec): WindowStats {
  const edges = spec.edges ?? DEFAULT_EDGES;
  const s = spec.scores ?? scores(1000);
  const start = T0 + spec.day * DAY_MS;
  const w = emptyWindow(start, start + DAY_MS, edges.length + 1);
  const unscored = spec.unscored ?? 100;
  w.rows = s.length + unscored;
  w.firstTs = start + 1000;
  w.lastTs = start + DAY_MS - 1000;
  w.scored = s.length;
  w.scoreSum = s.reduce((a, b) => a + b, 0);
  w.scoreSumSq = s.reduce((a, b) => a + b * b, 0);
  w.scoreQuantileCounts = binCounts(s, edges);
  for (const x of s) w.scoreFineCounts[Math.min(SCORE_FINE_BINS - 1, Math.floor(x * SCORE_FINE_BINS))]! += 1;
  // Defaults scale with the window: 1.8% review, 5.5% bulk-detector blocks, 3.6% account blocks, 4.5% model blocks.
  const review = spec.review ?? Math.round(0.018 * w.rows);
  const bulk = Math.round(0.055 * w.rows);
  const account = Math.round(0.036 * w.rows);
  const block = spec.block ?? bulk + account + Math.round(0.045 * w.rows);
  w.decisions = { allow: Math.max(0, w.rows - review - block), tag: 0, review, block };
  w.deciders = spec.deciders ?? [
    { decidedBy: 'bulk-detector', layer: 'activity', rows: bulk, blocks: bulk },
    { decidedBy: 'sender-accounts', layer: 'access', rows: account, blocks: account },
    {
      decidedBy: 'threshold-policy',
      layer: 'application',
      rows: s.length,
      blocks: Math.max(0, block - bulk - account),
    },
  ];
  w.reports = {
    spam: spec.reports?.spam ?? 3,
    notSpam: spec.reports?.notSpam ?? 4,
    notSpamYoung: spec.reports?.notSpamYoung ?? 1,
  };
  w.blockedOverturned = spec.blockedOverturned ?? 2;
  w.nearThreshold = spec.nearThreshold ?? 15;
  w.templates = {
    hashed: spec.templates?.hashed ?? w.rows,
    distinct: spec.templates?.distinct ?? w.rows - 200,
    sumSquares: 0,
    top: spec.templates?.top ?? [{ hash: 'news-a', count: 20 }],
  };
  w.templates.sumSquares =
    w.templates.top.reduce((a, t) => a + t.count * t.count, 0) +
    (w.templates.hashed - w.templates.top.reduce((a, t) => a + t.count, 0));
  w.entities = spec.entities ?? [];
  for (let i = 0; i < w.lengthCounts.length; i++) w.lengthCounts[i] = i >= 14 && i <= 20 ? Math.round(w.rows / 7) : 0;
  return w;
}

/** A baseline from 7 ordinary days (with small day-to-day variation), as `monitor baseline` would build it. */
export function makeBaseline(
  opts: { days?: number; capacityPerDay?: number | null; windows?: WindowStats[] } = {},
): Baseline {
  const days = opts.days ?? 7;
  const windows =
    opts.windows ??
    Array.from({ length: days }, (_, d) =>
      makeWindow({
        day: d,
        scores: scores(1000 + 20 * d, (u) => u ** (3 + 0.05 * (d % 3))),
        review: 18 + (d % 4),
        reports: { notSpam: 3 + (d % 3), notSpamYoung: d % 2 },
      }),
    );
  const counts = new Map<string, number>();
  for (const w of windows) for (const t of w.templates.top) counts.set(t.hash, (counts.get(t.hash) ?? 0) + t.count);
  const hashed = windows.reduce((a, w) => a + w.templates.hashed, 0);
  return baselineFromWindows({
    windows,
    templates: {
      hashed,
      distinct: hashed - 1000,
      sumSquares: hashed,
      top: [...counts].map(([hash, count]) => ({ hash, count })),
    },
    options: { windowMs: DAY_MS, scoreBins: 10, capacityPerDay: opts.capacityPerDay ?? null },
    aggregation: { ...DEFAULT_AGGREGATION, scoreEdges: DEFAULT_EDGES },
    source: {
      inputs: ['test'],
      since: null,
      until: null,
      firstTs: null,
      lastTs: null,
      rows: windows.reduce((a, w) => a + w.rows, 0),
    },
    createdAt: new Date(0).toISOString(),
  });
}
