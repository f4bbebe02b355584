/**
 * Per-window aggregation in DuckDB SQL: a handful of GROUP BY scans over the `nograd_logs` view (see source.ts),
 * each returning at most a few thousand rows per window however many records there are — this is what lets a
 * check stream 10M records. The result is one additive `WindowStats` per window; empty windows between the first
 * and the last are filled in so that persistence counts every window.
 */
import { type Db, num, numOrNull, sqlNumber } from './db.js';
import {
  type AggregationOptions,
  DECISIONS,
  type EntityStats,
  LENGTH_BUCKETS,
  SCORE_FINE_BINS,
  type SenderHour,
  type WindowStats,
} from './types.js';

export interface WindowPlan {
  /** Window size in ms; null = one window over [start, end). */
  windowMs: number | null;
  /** Bounds used when windowMs is null (the range, or the data's first/last time). */
  start: number;
  end: number;
}

export function emptyWindow(start: number, end: number, quantileBins: number): WindowStats {
  return {
    start,
    end,
    firstTs: null,
    lastTs: null,
    rows: 0,
    decisions: { allow: 0, tag: 0, review: 0, block: 0 },
    scored: 0,
    scoreSum: 0,
    scoreSumSq: 0,
    scoreQuantileCounts: new Array<number>(quantileBins).fill(0),
    scoreFineCounts: new Array<number>(SCORE_FINE_BINS).fill(0),
    nearThreshold: 0,
    reviewed: 0,
    reviewerHam: 0,
    blockedOverturned: 0,
    reports: { spam: 0, notSpam: 0, notSpamYoung: 0 },
    youngRows: 0,
    deciders: [],
    lengthCounts: new Array<number>(LENGTH_BUCKETS).fill(0),
    templates: { hashed: 0, distinct: 0, sumSquares: 0, top: [] },
    entities: [],
    featured: 0,
    featureTokenSum: 0,
    featureTokenCounts: new Array<number>(LENGTH_BUCKETS).fill(0),
    versions: [],
    hours: [],
    senderHours: [],
  };
}

/** Bucket of a feature count: half-octaves like input lengths. */
export const FEATURE_BUCKET_SQL = `least(floor(2 * log2(ftok + 1)), ${LENGTH_BUCKETS - 1})::INT`;
const HOUR_MS = 3_600_000;

export type Progress = (message: string) => void;

export async function aggregateWindows(
  db: Db,
  plan: WindowPlan,
  opts: AggregationOptions,
  progress?: Progress,
): Promise<WindowStats[]> {
  const w = plan.windowMs === null ? '0' : `floor(t / ${sqlNumber(plan.windowMs)})::BIGINT`;
  // Near a decision boundary: the block threshold, or the review band's lower edge — with a review band the
  // boundary an evader searches is allow-vs-not (a probe that lands in review counts as caught).
  const band = sqlNumber(opts.nearBand);
  const near = `(score IS NOT NULL AND (abs(score - threshold) <= ${band} OR abs(score - reviewLow) <= ${band}))`;
  const young = `(age IS NOT NULL AND age < ${sqlNumber(opts.youngAccountDays)})`;
  const qbin =
    opts.scoreEdges.length === 0 ? '0' : opts.scoreEdges.map((e) => `(score >= ${sqlNumber(e)})::INT`).join(' + ');
  const qBins = opts.scoreEdges.length + 1;
  const bounds = (k: number) =>
    plan.windowMs === null
      ? { start: plan.start, end: plan.end }
      : { start: k * plan.windowMs, end: (k + 1) * plan.windowMs };
  const windows = new Map<number, WindowStats>();
  const get = (k: number) => {
    let win = windows.get(k);
    if (!win) {
      const b = bounds(k);
      win = emptyWindow(b.start, b.end, qBins);
      windows.set(k, win);
    }
    return win;
  };

  // One scan for the additive statistics: GROUPING SETS give per-window totals, score histograms, deciders and
  // input-length buckets from a single read of the logs (GROUPING(x) = 1 where x is not in the row's set).
  progress?.('aggregating decisions per window');
  const finite = 'score IS NOT NULL AND isfinite(score)';
  for (const r of await db.all(`WITH r AS (
      SELECT ${w} AS w, t, decision, reviewerOutcome, userReport, score, ${near} AS is_near, ${young} AS is_young,
        CASE WHEN ${finite} THEN least(greatest(floor(score * ${SCORE_FINE_BINS}), 0), ${SCORE_FINE_BINS - 1})::INT END AS fb,
        CASE WHEN ${finite} THEN ${qbin} END AS qb,
        CASE WHEN len IS NOT NULL THEN least(floor(2 * log2(len + 1)), ${LENGTH_BUCKETS - 1})::INT END AS lb,
        CASE WHEN ftok IS NOT NULL AND ftok >= 0 THEN ${FEATURE_BUCKET_SQL} END AS ftb, ftok,
        coalesce(layer, '?') AS lay, coalesce(decidedBy, '?') AS dby
      FROM nograd_logs)
    SELECT w, fb, qb, lb, ftb, lay, dby, GROUPING(fb) AS g_fb, GROUPING(lb) AS g_lb, GROUPING(lay) AS g_lay,
      GROUPING(ftb) AS g_ftb, count(ftok) AS ftn, coalesce(sum(ftok), 0) AS ftsum,
      count(*) AS n, min(t) AS lo, max(t) AS hi,
      ${DECISIONS.map((d) => `count(*) FILTER (WHERE decision = '${d}') AS d_${d}`).join(', ')},
      count(score) AS scored, coalesce(sum(score), 0) AS ssum, coalesce(sum(score * score), 0) AS ssq,
      count(*) FILTER (WHERE is_near) AS near,
      count(reviewerOutcome) AS reviewed, count(*) FILTER (WHERE reviewerOutcome = 'ham') AS reviewer_ham,
      count(*) FILTER (WHERE decision = 'block' AND (reviewerOutcome = 'ham' OR userReport = 'not-spam')) AS overturned,
      count(*) FILTER (WHERE userReport = 'spam') AS rep_spam,
      count(*) FILTER (WHERE userReport = 'not-spam') AS rep_ns,
      count(*) FILTER (WHERE userReport = 'not-spam' AND is_young) AS rep_ns_young,
      count(*) FILTER (WHERE is_young) AS young
    FROM r GROUP BY GROUPING SETS ((w), (w, fb, qb), (w, lay, dby), (w, lb), (w, ftb))`)) {
    const win = get(num(r.w));
    if (num(r.g_fb) === 0) {
      if (r.fb === null || r.fb === undefined) continue;
      win.scoreFineCounts[num(r.fb)]! += num(r.n);
      win.scoreQuantileCounts[num(r.qb)]! += num(r.n);
    } else if (num(r.g_lay) === 0) {
      win.deciders.push({ layer: String(r.lay), decidedBy: String(r.dby), rows: num(r.n), blocks: num(r.d_block) });
    } else if (num(r.g_lb) === 0) {
      if (r.lb === null || r.lb === undefined) continue;
      win.lengthCounts[num(r.lb)]! += num(r.n);
    } else if (num(r.g_ftb) === 0) {
      if (r.ftb === null || r.ftb === undefined) continue;
      win.featureTokenCounts[num(r.ftb)]! += num(r.n);
    } else {
      win.featured = num(r.ftn);
      win.featureTokenSum = num(r.ftsum);
      win.rows = num(r.n);
      win.firstTs = numOrNull(r.lo);
      win.lastTs = numOrNull(r.hi);
      for (const d of DECISIONS) win.decisions[d] = num(r[`d_${d}`]);
      win.scored = num(r.scored);
      win.scoreSum = num(r.ssum);
      win.scoreSumSq = num(r.ssq);
      win.nearThreshold = num(r.near);
      win.reviewed = num(r.reviewed);
      win.reviewerHam = num(r.reviewer_ham);
      win.blockedOverturned = num(r.overturned);
      win.reports = { spam: num(r.rep_spam), notSpam: num(r.rep_ns), notSpamYoung: num(r.rep_ns_young) };
      win.youngRows = num(r.young);
    }
  }

  progress?.('template concentration');
  for (const r of await db.all(`WITH g AS (SELECT ${w} AS w, templateHash AS h, count(*) AS c FROM nograd_logs WHERE templateHash IS NOT NULL GROUP BY ALL),
      s AS (SELECT w, sum(c) AS hashed, count(*) AS distinct_n, sum(c::DOUBLE * c) AS sumsq FROM g GROUP BY w),
      top AS (SELECT w, h, c FROM g QUALIFY row_number() OVER (PARTITION BY w ORDER BY c DESC, h) <= ${opts.topTemplates})
    SELECT s.w, s.hashed, s.distinct_n, s.sumsq, top.h, top.c FROM s LEFT JOIN top USING (w) ORDER BY s.w, top.c DESC, top.h`)) {
    const win = get(num(r.w));
    win.templates.hashed = num(r.hashed);
    win.templates.distinct = num(r.distinct_n);
    win.templates.sumSquares = num(r.sumsq);
    if (r.h !== null && r.h !== undefined) win.templates.top.push({ hash: String(r.h), count: num(r.c) });
  }

  progress?.('near-threshold activity per account and source');
  // Accounts and source IPs in one scan; each set ranked on its own (kind) and cut to the top entities.
  for (const r of await db.all(`SELECT * FROM (
      SELECT w, CASE WHEN GROUPING(account) = 0 THEN 'account' ELSE 'source' END AS kind, coalesce(account, ip) AS id,
        count(*) AS n, count(score) AS scored, count(*) FILTER (WHERE ${near}) AS near,
        approx_count_distinct(inputHash) AS inputs, min(age) AS age
      FROM (SELECT ${w} AS w, * FROM nograd_logs)
      GROUP BY GROUPING SETS ((w, account), (w, ip))
      HAVING count(*) FILTER (WHERE ${near}) >= ${opts.minEntityNear} AND coalesce(account, ip) IS NOT NULL)
    QUALIFY row_number() OVER (PARTITION BY w, kind ORDER BY near DESC, id) <= ${opts.topEntities}`)) {
    get(num(r.w)).entities.push({
      kind: r.kind as EntityStats['kind'],
      id: String(r.id),
      rows: num(r.n),
      scored: num(r.scored),
      near: num(r.near),
      inputs: num(r.inputs),
      minAccountAgeDays: numOrNull(r.age),
    });
  }

  progress?.('hourly volume, fresh senders and blocks');
  // Hours inside windows: an outage that lasts hours, and the burst that exploits it, drown in a daily total.
  for (const r of await db.all(`SELECT w, h, dby, GROUPING(dby) AS g_dby, count(*) AS n,
        count(*) FILTER (WHERE ${young}) AS young, count(*) FILTER (WHERE decision = 'block') AS blocks
      FROM (SELECT ${w} AS w, floor(t / ${HOUR_MS})::BIGINT AS h, coalesce(decidedBy, '?') AS dby, decision, age FROM nograd_logs)
      GROUP BY GROUPING SETS ((w, h), (w, h, dby)) ORDER BY w, h, g_dby DESC, dby`)) {
    const win = get(num(r.w));
    const start = num(r.h) * HOUR_MS;
    let hour = win.hours[win.hours.length - 1];
    if (!hour || hour.start !== start) {
      hour = { start, rows: 0, youngRows: 0, blocks: {} };
      win.hours.push(hour);
    }
    if (num(r.g_dby) === 1) {
      hour.rows = num(r.n);
      hour.youngRows = num(r.young);
    } else if (num(r.blocks) > 0) hour.blocks[String(r.dby)] = num(r.blocks);
  }

  progress?.('delivered per sender and hour');
  // The most each account / source IP got delivered in one clock hour; the top entities per window and kind.
  for (const r of await db.all(`WITH g AS (
        SELECT w, h, CASE WHEN GROUPING(account) = 0 THEN 'account' ELSE 'source' END AS kind, coalesce(account, ip) AS id,
          count(*) FILTER (WHERE decision IN ('allow', 'tag')) AS delivered, count(*) AS n, min(age) AS age
        FROM (SELECT ${w} AS w, floor(t / ${HOUR_MS})::BIGINT AS h, account, ip, decision, age FROM nograd_logs)
        GROUP BY GROUPING SETS ((w, h, account), (w, h, ip))
        HAVING coalesce(account, ip) IS NOT NULL),
      m AS (SELECT w, kind, id, arg_max(h, delivered) AS h, arg_max(n, delivered) AS n, max(delivered) AS delivered,
              min(age) AS age FROM g GROUP BY w, kind, id)
    SELECT * FROM m WHERE delivered > 0
    QUALIFY row_number() OVER (PARTITION BY w, kind ORDER BY delivered DESC, id) <= ${opts.topEntities}`)) {
    get(num(r.w)).senderHours.push({
      kind: r.kind as SenderHour['kind'],
      id: String(r.id),
      hour: num(r.h) * HOUR_MS,
      delivered: num(r.delivered),
      rows: num(r.n),
      minAccountAgeDays: numOrNull(r.age),
    });
  }

  progress?.('feature extractor and model versions');
  for (const r of await db.all(`SELECT ${w} AS w, featureVersion AS fv, modelVersion AS mv, count(*) AS n, min(t) AS lo
      FROM nograd_logs WHERE featureVersion IS NOT NULL GROUP BY ALL ORDER BY w, lo, fv, mv`)) {
    get(num(r.w)).versions.push({
      featureVersion: String(r.fv),
      modelVersion: r.mv === null || r.mv === undefined ? null : String(r.mv),
      rows: num(r.n),
      firstTs: num(r.lo),
    });
  }

  if (plan.windowMs !== null && windows.size > 0) {
    const keys = [...windows.keys()];
    for (let k = Math.min(...keys); k <= Math.max(...keys); k++) get(k);
  }
  const out = [...windows.values()].sort((a, b) => a.start - b.start);
  for (const win of out) {
    win.deciders.sort((a, b) => a.decidedBy.localeCompare(b.decidedBy) || a.layer.localeCompare(b.layer));
    win.entities.sort((a, b) => b.near - a.near || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    win.senderHours.sort(
      (a, b) => b.delivered - a.delivered || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
    );
    win.hours.sort((a, b) => a.start - b.start);
  }
  return out;
}

/** Exact score quantile edges of the whole view (for the baseline's PSI/JS bins). */
export async function scoreQuantileEdges(db: Db, bins: number): Promise<number[]> {
  const qs = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
  const [r] = await db.all(
    `SELECT quantile_cont(score, [${qs.join(', ')}]) AS q FROM nograd_logs WHERE score IS NOT NULL AND isfinite(score)`,
  );
  const q = r?.q;
  return Array.isArray(q) ? q.map(Number) : [];
}

/** The most frequent templates over the whole view (the baseline's reference shares), plus concentration totals. */
export async function topTemplates(
  db: Db,
  limit: number,
): Promise<{ hashed: number; distinct: number; sumSquares: number; top: Array<{ hash: string; count: number }> }> {
  const rows =
    await db.all(`WITH g AS (SELECT templateHash AS h, count(*) AS c FROM nograd_logs WHERE templateHash IS NOT NULL GROUP BY h),
      s AS (SELECT sum(c) AS hashed, count(*) AS distinct_n, sum(c::DOUBLE * c) AS sumsq FROM g)
    SELECT s.hashed, s.distinct_n, s.sumsq, t.h, t.c FROM s LEFT JOIN (SELECT h, c FROM g ORDER BY c DESC, h LIMIT ${limit}) t ON true
    ORDER BY t.c DESC, t.h`);
  const r0 = rows[0];
  return {
    hashed: num(r0?.hashed),
    distinct: num(r0?.distinct_n),
    sumSquares: num(r0?.sumsq),
    top: rows.filter((r) => r.h !== null && r.h !== undefined).map((r) => ({ hash: String(r.h), count: num(r.c) })),
  };
}
