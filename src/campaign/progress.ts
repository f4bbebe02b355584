/**
 * Progress arithmetic for long runs: done/total, rate over a sliding window and the ETA. Pure (the clock is passed
 * in); the CLI draws it as a bar on a terminal and as periodic lines elsewhere.
 */

export interface ProgressSnapshot {
  done: number;
  total: number;
  /** Attempts per second over the last window (0 until two samples exist). */
  rate: number;
  /** Milliseconds to go at the current rate; null when unknown. */
  etaMs: number | null;
  elapsedMs: number;
  fraction: number;
}

export class ProgressTracker {
  private readonly samples: Array<{ t: number; done: number }> = [];
  private doneCount = 0;
  private totalCount = 0;

  constructor(
    private readonly startMs: number,
    private readonly windowMs = 10_000,
  ) {}

  setTotal(total: number): void {
    this.totalCount = Math.max(total, this.doneCount);
  }

  addTotal(n: number): void {
    this.totalCount += n;
  }

  advance(now: number, by = 1): void {
    this.doneCount += by;
    if (this.doneCount > this.totalCount) this.totalCount = this.doneCount;
    this.samples.push({ t: now, done: this.doneCount });
    while (this.samples.length > 2 && (this.samples[0]?.t ?? now) < now - this.windowMs) this.samples.shift();
  }

  snapshot(now: number): ProgressSnapshot {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = first && last ? (last.t - first.t) / 1000 : 0;
    const rate = dt > 0 && first && last ? (last.done - first.done) / dt : 0;
    const left = Math.max(0, this.totalCount - this.doneCount);
    return {
      done: this.doneCount,
      total: this.totalCount,
      rate,
      etaMs: rate > 0 ? (left / rate) * 1000 : left === 0 ? 0 : null,
      elapsedMs: now - this.startMs,
      fraction: this.totalCount ? this.doneCount / this.totalCount : 0,
    };
  }
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--:--';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `[████████░░░░]  412/1,000  41%  83.2/s  ETA 00:07  single` — fits in `width` columns. */
export function renderBar(p: ProgressSnapshot, label: string, width = 80): string {
  const stats = ` ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} ${Math.floor(p.fraction * 100)
    .toString()
    .padStart(3)}% ${p.rate.toFixed(1)}/s ETA ${formatDuration(p.etaMs)} ${label}`;
  const barWidth = Math.max(10, Math.min(40, width - stats.length - 3));
  const filled = Math.round(p.fraction * barWidth);
  return `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}]${stats}`.slice(0, Math.max(20, width - 1));
}

/** The plain line written periodically when stderr is not a terminal. */
export function renderLine(p: ProgressSnapshot, label: string): string {
  return `progress: ${p.done}/${p.total} attempts (${Math.floor(p.fraction * 100)}%), ${p.rate.toFixed(1)}/s, ETA ${formatDuration(p.etaMs)}, ${label}`;
}
