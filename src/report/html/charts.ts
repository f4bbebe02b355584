/**
 * Small inline-SVG charts for the report: scatter (with optional step lines such as a Pareto front, confidence
 * whiskers and a y = x diagonal) and histogram with an optional cumulative distribution. No script, no external
 * resources; every label is escaped; every mark carries a `<title>` so a hover shows the exact value.
 */
import { esc, truncate } from '../../util/escape.js';

export interface Axis {
  label: string;
  log?: boolean;
  /** Values are shares (0..1), shown as percentages. */
  percent?: boolean;
  min?: number;
  max?: number;
}

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
  group?: number;
  highlight?: boolean;
  /** Confidence interval on y (whisker). */
  yLow?: number;
  yHigh?: number;
}

export interface ChartLine {
  points: Array<[number, number]>;
  group?: number;
  dashed?: boolean;
  /** Draw as a staircase (x then y), as for a Pareto front. */
  step?: boolean;
}

export const SERIES_COLORS = ['#1f6fb2', '#d7263d', '#1b998b', '#f46036', '#6a4c93', '#8a9a5b', '#c08497', '#3d5a80'];

const W = 600;
const H = 330;
const M = { l: 70, r: 34, t: 30, b: 52 };
/** Top margin when a legend row sits between the title and the plot (never over the title). */
const T_WITH_LEGEND = 48;
const LEGEND_Y = 34;

interface Scale {
  (v: number): number;
  ticks: number[];
  fmt: (v: number) => string;
}

/** "Nice" tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const d = Math.abs(lo) || 1;
    lo -= d / 2;
    hi += d / 2;
  }
  const span = hi - lo;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= hi + step * 0.5 && ticks.length < 50; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Compact number: 1.2k, 3.4M, 0.05, 12. */
export function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toPrecision(3).replace(/\.?0+$/, '')}G`;
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3).replace(/\.?0+$/, '')}M`;
  if (a >= 1e4) return `${(v / 1e3).toPrecision(3).replace(/\.?0+$/, '')}k`;
  if (a >= 100) return String(Math.round(v));
  if (a >= 1) return String(Number(v.toPrecision(3)));
  if (a === 0) return '0';
  return String(Number(v.toPrecision(2)));
}

function fmtPercent(v: number): string {
  return `${Number((v * 100).toPrecision(3))}%`;
}

function makeScale(axis: Axis, values: number[], pxLo: number, pxHi: number): Scale {
  const finite = values.filter((v) => Number.isFinite(v));
  const fmt = axis.percent ? fmtPercent : fmtNumber;
  if (axis.log) {
    const pos = finite.filter((v) => v > 0);
    const lo0 = axis.min ?? (pos.length ? Math.min(...pos) : 1);
    const hi0 = axis.max ?? (pos.length ? Math.max(...pos) : 10);
    const lo = 10 ** Math.floor(Math.log10(lo0));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(hi0, lo * 10)));
    const l0 = Math.log10(lo);
    const l1 = Math.log10(hi);
    const s = ((v: number) => {
      const lv = Math.log10(Math.max(v, lo));
      return pxLo + ((lv - l0) / (l1 - l0 || 1)) * (pxHi - pxLo);
    }) as Scale;
    const ticks: number[] = [];
    for (let e = Math.round(l0); e <= Math.round(l1); e++) ticks.push(10 ** e);
    s.ticks = ticks.length > 8 ? ticks.filter((_, i) => i % Math.ceil(ticks.length / 8) === 0) : ticks;
    s.fmt = fmt;
    return s;
  }
  let lo = axis.min ?? (finite.length ? Math.min(...finite) : 0);
  let hi = axis.max ?? (finite.length ? Math.max(...finite) : 1);
  if (axis.min === undefined && lo > 0 && lo < hi * 0.5) lo = 0;
  const ticks = niceTicks(lo, hi);
  if (axis.min === undefined) lo = Math.min(lo, ticks[0] ?? lo);
  if (axis.max === undefined) hi = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const s = ((v: number) => pxLo + ((v - lo) / (hi - lo || 1)) * (pxHi - pxLo)) as Scale;
  s.ticks = ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12);
  s.fmt = fmt;
  return s;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

function frame(
  title: string,
  x: Axis,
  y: Axis,
  sx: Scale,
  sy: Scale,
  body: string,
  legend: string,
  top: number = M.t,
): string {
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
  );
  parts.push(`<title>${esc(title)}</title>`);
  parts.push(
    `<text x="${M.l}" y="18" font-size="13" font-weight="600" fill="#1d2935">${esc(truncate(title, 80))}</text>`,
  );
  // Grid and ticks.
  for (const t of sx.ticks) {
    const px = r1(sx(t));
    parts.push(
      `<line x1="${px}" y1="${top}" x2="${px}" y2="${H - M.b}" stroke="#e6ebf0"/><text x="${px}" y="${H - M.b + 16}" font-size="10" fill="#5b6b7b" text-anchor="middle">${esc(sx.fmt(t))}</text>`,
    );
  }
  for (const t of sy.ticks) {
    const py = r1(sy(t));
    parts.push(
      `<line x1="${M.l}" y1="${py}" x2="${W - M.r}" y2="${py}" stroke="#e6ebf0"/><text x="${M.l - 6}" y="${py + 3.5}" font-size="10" fill="#5b6b7b" text-anchor="end">${esc(sy.fmt(t))}</text>`,
    );
  }
  parts.push(
    `<line x1="${M.l}" y1="${H - M.b}" x2="${W - M.r}" y2="${H - M.b}" stroke="#8797a8"/><line x1="${M.l}" y1="${top}" x2="${M.l}" y2="${H - M.b}" stroke="#8797a8"/>`,
  );
  parts.push(
    `<text x="${(M.l + W - M.r) / 2}" y="${H - 12}" font-size="11" fill="#2b3a4a" text-anchor="middle">${esc(truncate(`${x.label}${x.log ? ' (log scale)' : ''}`, 90))}</text>`,
  );
  parts.push(
    `<text transform="translate(16 ${(top + H - M.b) / 2}) rotate(-90)" font-size="11" fill="#2b3a4a" text-anchor="middle">${esc(truncate(`${y.label}${y.log ? ' (log)' : ''}`, 50))}</text>`,
  );
  parts.push(body, legend, '</svg>');
  return parts.join('');
}

function legendOf(groups: string[] | undefined): string {
  if (!groups || groups.length === 0) return '';
  const items: string[] = [];
  // Left-aligned in its own row under the title; entries that do not fit are summarised.
  let x = M.l;
  for (const [i, g] of groups.entries()) {
    const label = truncate(g, 24);
    const w = label.length * 6 + 22;
    if (x + w > W - M.r) {
      items.push(`<text x="${x}" y="${LEGEND_Y + 4}" font-size="10" fill="#5b6b7b">+${groups.length - i} more</text>`);
      break;
    }
    items.push(
      `<g class="legend-item"><circle cx="${x + 5}" cy="${LEGEND_Y}" r="4.5" fill="${SERIES_COLORS[i % SERIES_COLORS.length]}"/><text x="${x + 13}" y="${LEGEND_Y + 4}" font-size="10" fill="#2b3a4a">${esc(label)}</text></g>`,
    );
    x += w;
  }
  return items.join('');
}

/** Greedy placement of text labels in rows so none overlaps another (x = anchor start, w = width in px). */
export function stackLabels(items: Array<{ x: number; w: number }>, rows: number): number[] {
  const ends: number[] = Array.from({ length: rows }, () => Number.NEGATIVE_INFINITY);
  return items.map((it) => {
    let row = ends.findIndex((e) => e + 4 <= it.x);
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = it.x + it.w;
    return row;
  });
}

export interface ScatterOptions {
  title: string;
  x: Axis;
  y: Axis;
  points: ScatterPoint[];
  lines?: ChartLine[];
  /** Draw y = x (predicted vs measured). */
  diagonal?: boolean;
  /** Names of the groups, for the legend. */
  groups?: string[];
  /** Write each point's label beside it (few points, e.g. tactics in predicted vs measured). */
  labelPoints?: boolean;
}

export function scatterChart(o: ScatterOptions): string {
  const xs = [...o.points.map((p) => p.x), ...(o.lines ?? []).flatMap((l) => l.points.map((p) => p[0]))];
  const ys = [
    ...o.points.flatMap((p) => [p.y, p.yLow ?? p.y, p.yHigh ?? p.y]),
    ...(o.lines ?? []).flatMap((l) => l.points.map((p) => p[1])),
  ];
  if (o.diagonal) {
    const all = [...xs, ...ys].filter(Number.isFinite);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    xs.push(lo, hi);
    ys.push(lo, hi);
  }
  const top = o.groups?.length ? T_WITH_LEGEND : M.t;
  const sx = makeScale(o.x, xs, M.l, W - M.r);
  const sy = makeScale(o.y, ys, H - M.b, top);
  const body: string[] = [];
  if (o.diagonal) {
    const lo = Math.max(sx.ticks[0] ?? 0, sy.ticks[0] ?? 0);
    const hi = Math.min(sx.ticks[sx.ticks.length - 1] ?? 1, sy.ticks[sy.ticks.length - 1] ?? 1);
    body.push(
      `<line class="diagonal" x1="${r1(sx(lo))}" y1="${r1(sy(lo))}" x2="${r1(sx(hi))}" y2="${r1(sy(hi))}" stroke="#9aa6b2" stroke-dasharray="5 4"><title>predicted = measured</title></line>`,
    );
  }
  for (const l of o.lines ?? []) {
    const pts = [...l.points].filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if (pts.length < 2) continue;
    let d = '';
    pts.forEach((p, i) => {
      const px = r1(sx(p[0]));
      const py = r1(sy(p[1]));
      if (i === 0) d += `M${px},${py}`;
      else if (l.step) {
        const prev = pts[i - 1]!;
        d += ` L${px},${r1(sy(prev[1]))} L${px},${py}`;
      } else d += ` L${px},${py}`;
    });
    const color = SERIES_COLORS[(l.group ?? 0) % SERIES_COLORS.length];
    body.push(
      `<path class="series-line" d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${l.dashed ? ' stroke-dasharray="5 3"' : ''} stroke-opacity="0.8"/>`,
    );
  }
  for (const p of o.points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const color = SERIES_COLORS[(p.group ?? 0) % SERIES_COLORS.length];
    const px = r1(sx(p.x));
    const py = r1(sy(p.y));
    let whisker = '';
    if (p.yLow !== undefined && p.yHigh !== undefined && Number.isFinite(p.yLow) && Number.isFinite(p.yHigh)) {
      const a = r1(sy(p.yLow));
      const b = r1(sy(p.yHigh));
      whisker = `<line class="whisker" x1="${px}" y1="${a}" x2="${px}" y2="${b}" stroke="${color}" stroke-width="1.4"/><line x1="${px - 4}" y1="${a}" x2="${px + 4}" y2="${a}" stroke="${color}" stroke-width="1.4"/><line x1="${px - 4}" y1="${b}" x2="${px + 4}" y2="${b}" stroke="${color}" stroke-width="1.4"/>`;
    }
    const fmtx = o.x.percent ? fmtPercent : fmtNumber;
    const fmty = o.y.percent ? fmtPercent : fmtNumber;
    const ci = p.yLow !== undefined && p.yHigh !== undefined ? ` [${fmty(p.yLow)}, ${fmty(p.yHigh)}]` : '';
    body.push(
      `<g class="point"><title>${esc(`${p.label}\n${o.x.label}: ${fmtx(p.x)}\n${o.y.label}: ${fmty(p.y)}${ci}`)}</title>${whisker}<circle cx="${px}" cy="${py}" r="${p.highlight ? 6.5 : 4.5}" fill="${color}" fill-opacity="${p.highlight ? 1 : 0.75}" stroke="${p.highlight ? '#111' : '#fff'}" stroke-width="${p.highlight ? 1.8 : 1}"/></g>`,
    );
  }
  if (o.labelPoints) body.push(pointLabels(o.points, sx, sy));
  return frame(o.title, o.x, o.y, sx, sy, body.join(''), legendOf(o.groups), top);
}

/** Labels beside points, nudged vertically so two labels never overlap. */
function pointLabels(points: ScatterPoint[], sx: Scale, sy: Scale): string {
  const placed: Array<{ x: number; y: number; w: number }> = [];
  const out: string[] = [];
  const shown = points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .map((p) => ({ p, px: r1(sx(p.x)), py: r1(sy(p.y)) }))
    .sort((a, b) => a.px - b.px || a.py - b.py);
  for (const { p, px, py } of shown) {
    const text = truncate(p.label, 26);
    const w = text.length * 5.6;
    const right = px + 8 + w <= W - M.r;
    const x = right ? px + 8 : px - 8 - w;
    let y = py + 3.5;
    for (let tries = 0; tries < 8; tries++) {
      const hit = placed.some((q) => Math.abs(q.y - y) < 11 && x < q.x + q.w && q.x < x + w);
      if (!hit) break;
      y += tries % 2 === 0 ? 12 * (tries + 1) : -12 * (tries + 1);
    }
    placed.push({ x, y, w });
    out.push(`<text class="point-label" x="${r1(x)}" y="${r1(y)}" font-size="9.5" fill="#2b3a4a">${esc(text)}</text>`);
  }
  return out.join('');
}

export interface Bin {
  lo: number;
  hi: number;
  count: number;
}

/** Equal-width bins over the samples (Freedman–Diaconis-like count, 8..40 bins). */
export function binSamples(samples: number[], bins?: number): Bin[] {
  const v = samples.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const lo = v[0]!;
  const hi = v[v.length - 1]!;
  const k = bins ?? Math.max(8, Math.min(40, Math.ceil(Math.sqrt(v.length))));
  if (hi === lo) return [{ lo: lo - 0.5, hi: hi + 0.5, count: v.length }];
  const w = (hi - lo) / k;
  const out: Bin[] = Array.from({ length: k }, (_, i) => ({ lo: lo + i * w, hi: lo + (i + 1) * w, count: 0 }));
  for (const x of v) {
    const i = Math.min(k - 1, Math.floor((x - lo) / w));
    const b = out[i];
    if (b) b.count++;
  }
  return out;
}

export interface HistogramOptions {
  title: string;
  x: Axis;
  bins: Bin[];
  /** Overlay the cumulative share (right axis, 0..100%). */
  cdf?: boolean;
  /** Vertical markers (budget, median…). */
  marks?: Array<{ x: number; label: string }>;
}

export function histogramChart(o: HistogramOptions): string {
  const bins = o.bins.filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi) && Number.isFinite(b.count));
  const xs = [...bins.flatMap((b) => [b.lo, b.hi]), ...(o.marks ?? []).map((m) => m.x)];
  const sx = makeScale({ ...o.x, log: false }, xs, M.l, W - M.r);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const sy = makeScale({ label: 'count', min: 0 }, [0, maxCount], H - M.b, M.t);
  const total = bins.reduce((a, b) => a + b.count, 0) || 1;
  const body: string[] = [];
  for (const b of bins) {
    const x0 = r1(sx(b.lo));
    const x1 = r1(sx(b.hi));
    const y0 = r1(sy(b.count));
    const fmt = o.x.percent ? fmtPercent : fmtNumber;
    body.push(
      `<g class="bar"><title>${esc(`${fmt(b.lo)} – ${fmt(b.hi)}: ${b.count} (${fmtPercent(b.count / total)})`)}</title><rect x="${x0}" y="${y0}" width="${Math.max(0.5, r1(x1 - x0 - 1))}" height="${r1(H - M.b - y0)}" fill="#1f6fb2" fill-opacity="0.75"/></g>`,
    );
  }
  if (o.cdf && bins.length > 0) {
    let acc = 0;
    let d = `M${r1(sx(bins[0]!.lo))},${H - M.b}`;
    for (const b of bins) {
      acc += b.count;
      d += ` L${r1(sx(b.hi))},${r1(H - M.b - (acc / total) * (H - M.b - M.t))}`;
    }
    body.push(
      `<path class="cdf" d="${d}" fill="none" stroke="#d7263d" stroke-width="1.8"><title>cumulative share</title></path>`,
    );
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const py = r1(H - M.b - t * (H - M.b - M.t));
      body.push(`<text x="${W - M.r + 2}" y="${py + 3.5}" font-size="9" fill="#d7263d">${t * 100}%</text>`);
    }
  }
  // Marker labels (median, p90, budget…) are stacked in rows so close markers never print over each other.
  const marks = (o.marks ?? [])
    .filter((m) => Number.isFinite(m.x))
    .map((m) => {
      const px = r1(sx(m.x));
      const text = truncate(m.label, 30);
      const w = text.length * 5.4;
      const start = px + 3 + w > W - M.r ? px - 3 - w : px + 3;
      return { m, px, text, w, start };
    })
    .sort((a, b) => a.start - b.start);
  const rows = stackLabels(
    marks.map((k) => ({ x: k.start, w: k.w })),
    4,
  );
  marks.forEach((k, i) => {
    const y = M.t + 10 + (rows[i] ?? 0) * 11;
    body.push(
      `<g class="mark"><title>${esc(k.m.label)}</title><line x1="${k.px}" y1="${M.t}" x2="${k.px}" y2="${H - M.b}" stroke="#2b3a4a" stroke-dasharray="4 3"/><text x="${r1(k.start)}" y="${y}" font-size="9.5" fill="#2b3a4a" paint-order="stroke" stroke="#fff" stroke-width="3">${esc(k.text)}</text></g>`,
    );
  });
  return frame(o.title, o.x, { label: 'count' }, sx, sy, body.join(''), '');
}
