/**
 * Time windows: durations like `1d`, `6h`, `30m`, and ISO time bounds. Windows are tumbling and aligned to the
 * Unix epoch in UTC (a `1d` window is one UTC calendar day), so two runs over overlapping logs produce the same
 * window keys — which is what de-duplication and persistence across runs rely on.
 */
import { UserError } from '../util/errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parse `1d`, `12h`, `90m`, `1.5h`. `all` (or undefined) means one window over the whole range: returns null. */
export function parseDuration(text: string | undefined, what = '--window'): number | null {
  if (text === undefined || text === 'all') return null;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) throw new UserError(`${what}: cannot read duration '${text}' (use e.g. 1d, 6h, 30m, or 'all')`);
  const ms = Number(m[1]) * (UNITS[m[2] as string] as number);
  if (!(ms >= 60_000)) throw new UserError(`${what}: a window must be at least 1m, got '${text}'`);
  return Math.round(ms);
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Parse an ISO-8601 bound (a date alone means midnight UTC). */
export function parseInstant(text: string | undefined, what: string): number | null {
  if (text === undefined) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(t))
    throw new UserError(`${what}: '${text}' is not an ISO-8601 time (e.g. 2024-05-01 or 2024-05-01T12:00:00Z)`);
  return t;
}

export interface TimeRange {
  /** Inclusive lower bound, Unix ms. */
  since: number | null;
  /** Exclusive upper bound, Unix ms. */
  until: number | null;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Start of the window holding `t` for a window size (epoch-aligned). */
export function windowStart(t: number, windowMs: number): number {
  return Math.floor(t / windowMs) * windowMs;
}
