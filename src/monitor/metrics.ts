/**
 * The metrics of one window against the baseline: drift statistics (effect sizes and p-values) on scores, input
 * lengths and decisions, and operational rates (review load, overturns, user reports, template concentration,
 * per-component block rates). A metric is null when the window is too small to say anything — rules never fire on
 * null, so a tiny window cannot raise a drift alarm.
 */
import { type Baseline, windowDays } from './baseline.js';
import { categoricalDrift, meanStd, scoreDrift } from './drift.js';
import { DECISIONS, type WindowStats } from './types.js';

export type Metrics = Record<string, number | null>;

/** Fewer scored decisions than this in a window ⇒ no score drift statistics. */
export const MIN_SCORED = 100;
/** Fewer blocks than this ⇒ no overturn rate. */
export const MIN_BLOCKS = 30;

export interface MetricInfo {
  name: string;
  description: string;
}

/** Every metric a rule may reference; `layer.<component>.block_rate|block_ratio` exist per deciding component. */
export const METRICS: readonly MetricInfo[] = [
  { name: 'rows', description: 'records in the window' },
  { name: 'rows.ratio', description: 'records per day ÷ the baseline mean' },
  { name: 'rate.allow', description: 'share of decisions that allowed' },
  { name: 'rate.review', description: 'share of decisions sent to human review' },
  { name: 'rate.block', description: 'share of decisions that blocked' },
  { name: 'review.per_day', description: 'review items per day' },
  { name: 'review.load', description: 'review items per day ÷ the configured capacity (null without --capacity)' },
  { name: 'review.ratio', description: 'review items per day ÷ the baseline mean' },
  {
    name: 'overturn.rate',
    description: 'blocks later judged legitimate (reviewer ham or "not spam" report) ÷ blocks — a false-positive proxy',
  },
  { name: 'overturn.ratio', description: 'overturn.rate ÷ the baseline overturn rate' },
  { name: 'report.not_spam_rate', description: '"not spam" reports ÷ records' },
  { name: 'report.not_spam_ratio', description: 'report.not_spam_rate ÷ the baseline rate' },
  { name: 'report.not_spam_young_share', description: 'share of "not spam" reports on messages from young accounts' },
  { name: 'report.spam_rate', description: '"spam" reports ÷ records' },
  { name: 'score.mean', description: 'mean model score' },
  { name: 'score.near_rate', description: 'share of scored decisions within the near-threshold band' },
  { name: 'score.psi', description: 'PSI of the score distribution on the baseline quantile bins' },
  {
    name: 'score.js',
    description: 'Jensen–Shannon distance (base 2) of the score distribution on the baseline quantile bins',
  },
  { name: 'score.ks', description: 'two-sample KS statistic of the scores' },
  { name: 'score.ks_p', description: 'asymptotic p-value of the KS statistic' },
  { name: 'score.wasserstein', description: 'Wasserstein-1 distance of the scores (score units)' },
  { name: 'score.wasserstein_norm', description: 'Wasserstein-1 ÷ the baseline score standard deviation' },
  { name: 'input.length.psi', description: 'PSI of the input length buckets' },
  { name: 'input.length.js', description: 'Jensen–Shannon distance of the input length buckets' },
  { name: 'input.length.chi2_p', description: 'chi-square p-value of the input length buckets' },
  { name: 'input.length.cramers_v', description: "Cramér's V of the input length buckets" },
  { name: 'decision.chi2_p', description: 'chi-square p-value of the allow/tag/review/block mix' },
  { name: 'decision.cramers_v', description: "Cramér's V of the allow/tag/review/block mix" },
  { name: 'template.top_share', description: 'share of the most frequent template hash' },
  { name: 'template.hhi', description: 'Herfindahl index of template hashes (Σ share²)' },
  { name: 'template.distinct_ratio', description: 'distinct template hashes ÷ hashed records' },
];

export const LAYER_METRIC = /^layer\.(.+)\.(block_rate|block_ratio)$/;

export function isKnownMetric(name: string): boolean {
  return METRICS.some((m) => m.name === name) || LAYER_METRIC.test(name);
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function computeMetrics(win: WindowStats, baseline: Baseline): Metrics {
  const days = windowDays(win);
  const t = baseline.totals;
  const m: Metrics = {};
  m.rows = win.rows;
  m['rows.ratio'] = win.rows > 0 ? ratio(win.rows / days, baseline.daily.rowsPerDay.mean) : null;
  for (const d of DECISIONS) m[`rate.${d}`] = ratio(win.decisions[d], win.rows);
  const reviewsPerDay = win.decisions.review / days;
  m['review.per_day'] = reviewsPerDay;
  m['review.load'] = baseline.options.capacityPerDay ? reviewsPerDay / baseline.options.capacityPerDay : null;
  m['review.ratio'] = ratio(reviewsPerDay, baseline.daily.reviewsPerDay.mean);
  const overturn = win.decisions.block >= MIN_BLOCKS ? win.blockedOverturned / win.decisions.block : null;
  m['overturn.rate'] = overturn;
  const baseOverturn = ratio(t.blockedOverturned, t.decisions.block);
  m['overturn.ratio'] = overturn !== null && baseOverturn ? overturn / baseOverturn : null;
  const ns = ratio(win.reports.notSpam, win.rows);
  m['report.not_spam_rate'] = ns;
  const baseNs = ratio(t.reports.notSpam, t.rows);
  m['report.not_spam_ratio'] = ns !== null && baseNs ? ns / baseNs : null;
  m['report.not_spam_young_share'] = ratio(win.reports.notSpamYoung, win.reports.notSpam);
  m['report.spam_rate'] = ratio(win.reports.spam, win.rows);
  m['score.mean'] = win.scored > 0 ? win.scoreSum / win.scored : null;
  m['score.near_rate'] = ratio(win.nearThreshold, win.scored);

  const ref = meanStd(t.scored, t.scoreSum, t.scoreSumSq);
  const s =
    win.scored >= MIN_SCORED
      ? scoreDrift(
          { quantileCounts: t.scoreQuantileCounts, fineCounts: t.scoreFineCounts, std: ref.std },
          { quantileCounts: win.scoreQuantileCounts, fineCounts: win.scoreFineCounts },
        )
      : null;
  m['score.psi'] = s?.psi ?? null;
  m['score.js'] = s?.js ?? null;
  m['score.ks'] = s?.ks ?? null;
  m['score.ks_p'] = s?.ksP ?? null;
  m['score.wasserstein'] = s?.wasserstein ?? null;
  m['score.wasserstein_norm'] = s?.wassersteinNorm ?? null;

  const len = categoricalDrift(t.lengthCounts, win.lengthCounts, MIN_SCORED);
  m['input.length.psi'] = len.psi;
  m['input.length.js'] = len.js;
  m['input.length.chi2_p'] = len.chi2P;
  m['input.length.cramers_v'] = len.cramersV;
  const dec = categoricalDrift(
    DECISIONS.map((d) => t.decisions[d]),
    DECISIONS.map((d) => win.decisions[d]),
    MIN_SCORED,
  );
  m['decision.chi2_p'] = dec.chi2P;
  m['decision.cramers_v'] = dec.cramersV;

  const hashed = win.templates.hashed;
  m['template.top_share'] = ratio(win.templates.top[0]?.count ?? 0, hashed);
  m['template.hhi'] = hashed > 0 ? win.templates.sumSquares / (hashed * hashed) : null;
  m['template.distinct_ratio'] = ratio(win.templates.distinct, hashed);

  for (const d of baseline.deciders) {
    if (d.blocks === 0) continue;
    const blocks = win.deciders.filter((x) => x.decidedBy === d.decidedBy).reduce((a, x) => a + x.blocks, 0);
    const r = ratio(blocks, win.rows);
    m[`layer.${d.decidedBy}.block_rate`] = r;
    m[`layer.${d.decidedBy}.block_ratio`] = r !== null && d.blockRate > 0 ? r / d.blockRate : null;
  }
  return m;
}
