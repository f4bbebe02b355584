/**
 * Persistence gating: a rule alerts in a window only when its condition held (for that subject) in at least k of
 * the last n windows, the current one included. The tracker remembers which windows were evaluated and where each
 * (rule, subject) condition held; its state is saved in the --state file so persistence spans cron runs. A window
 * evaluated again (overlapping logs) replaces its earlier record.
 */

/** How many windows of history the state keeps (the largest n allowed by the rules schema). */
export const MAX_HISTORY = 50;

export interface PersistenceState {
  /** Starts (Unix ms) of the evaluated windows, ascending. */
  windows: number[];
  /** rule id → subject → window starts where the condition held. */
  met: Record<string, Record<string, number[]>>;
}

export class PersistenceTracker {
  private readonly windows = new Set<number>();
  private readonly met = new Map<string, Map<string, Set<number>>>();

  constructor(state?: PersistenceState) {
    for (const w of state?.windows ?? []) this.windows.add(w);
    for (const [rule, subjects] of Object.entries(state?.met ?? {})) {
      const m = new Map<string, Set<number>>();
      for (const [subject, starts] of Object.entries(subjects)) m.set(subject, new Set(starts));
      this.met.set(rule, m);
    }
  }

  /** Record window `start`: for each rule, the subjects whose condition held (other subjects: not held). */
  observe(start: number, held: ReadonlyMap<string, ReadonlySet<string>>): void {
    this.windows.add(start);
    for (const subjects of this.met.values()) for (const starts of subjects.values()) starts.delete(start);
    for (const [rule, subjects] of held) {
      let m = this.met.get(rule);
      if (!m) {
        m = new Map();
        this.met.set(rule, m);
      }
      for (const s of subjects) {
        let starts = m.get(s);
        if (!starts) {
          starts = new Set();
          m.set(s, starts);
        }
        starts.add(start);
      }
    }
  }

  /** In how many of the last n observed windows up to and including `start` did the condition hold? */
  count(rule: string, subject: string, start: number, n: number): number {
    const last = [...this.windows]
      .filter((w) => w <= start)
      .sort((a, b) => b - a)
      .slice(0, n);
    const starts = this.met.get(rule)?.get(subject);
    if (!starts) return 0;
    return last.filter((w) => starts.has(w)).length;
  }

  toState(): PersistenceState {
    const windows = [...this.windows].sort((a, b) => a - b).slice(-MAX_HISTORY);
    const keep = new Set(windows);
    const met: PersistenceState['met'] = {};
    for (const [rule, subjects] of this.met) {
      for (const [subject, starts] of subjects) {
        const kept = [...starts].filter((s) => keep.has(s)).sort((a, b) => a - b);
        if (kept.length === 0) continue;
        met[rule] ??= {};
        met[rule][subject] = kept;
      }
    }
    return { windows, met };
  }
}
