/**
 * The run's attempts so far: those replayed from the store on resume and those completed in this process. It
 * exists so that "is this attempt done?", "write it to the store" and "tell the progress consumer" happen together
 * and in one place — an attempt is never counted without being written, nor written without being announced.
 *
 * Durability: the store's writer commits on a short timer, but a CPU-bound target (the reference system in-process)
 * can keep the event loop busy with promise continuations so that no timer fires and no commit completes. The
 * planner therefore calls `keepDurable()` before each attempt: while answers wait to be committed it gives the event
 * loop a turn (so the writer's timer and a commit in progress can run), and once the oldest has waited `DURABLE_MS`
 * it starts the commit itself — so a completed attempt is in the store within about that long plus one commit,
 * whatever the target. It never waits for the commit (that would stall sending: a commit can take tens of ms).
 */
import type { AttemptRecord } from '../attempt.js';
import type { Channel } from '../channel.js';
import type { AttemptWriter, CacheEntry } from '../store.js';
import type { CampaignEvent } from './events.js';

export type OnRecord = (a: AttemptRecord) => void;

/** How long a completed attempt may wait in the writer's buffer before the planner waits for its commit. */
export const DURABLE_MS = 100;

export class AttemptLedger {
  private readonly done = new Map<string, AttemptRecord>();
  private seq = 0;
  private writer?: AttemptWriter;
  /** When each attempt recorded here and not yet committed was recorded (oldest first; index 0 = committed + 1). */
  private recordedAt: number[] = [];
  private committedSeen = 0;
  private flushing = false;
  private readonly warned = new Set<string>();
  /** Attempts recorded in this process without an answer (errors, throttled past the limit). */
  unanswered = 0;
  /** The first such attempt's error (for the reason the run gives). */
  firstError: string | null = null;

  constructor(
    private readonly events: Channel<CampaignEvent>,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Attempts found in the store when resuming (not announced: they are replayed in plan order later). */
  restore(a: AttemptRecord): void {
    this.done.set(a.key, a);
  }

  attach(writer: AttemptWriter): void {
    this.writer = writer;
  }

  /** The next position in the plan (handed out in plan order, whether the attempt runs or is replayed). */
  nextSeq(): number {
    return this.seq++;
  }

  get(key: string): AttemptRecord | undefined {
    return this.done.get(key);
  }

  has(key: string): boolean {
    return this.done.has(key);
  }

  /** A stored attempt met again in plan order: counted and announced, not sent. */
  replay(a: AttemptRecord, onRecord: OnRecord): void {
    onRecord(a);
    this.events.push({ type: 'attempt', attempt: a, replayed: true });
  }

  /** One completed attempt: remembered, buffered for the store, counted and announced. */
  record(a: AttemptRecord, onRecord: OnRecord, cache?: CacheEntry): void {
    this.done.set(a.key, a);
    this.w.add(a, cache);
    this.noteWritten(a);
    onRecord(a);
    this.events.push({ type: 'attempt', attempt: a, replayed: false });
  }

  /** A stream group's attempts: one transaction, so a kill never leaves half a group in the store. */
  recordGroup(records: readonly AttemptRecord[], onRecord: OnRecord): void {
    for (const a of records) {
      this.done.set(a.key, a);
      this.noteWritten(a);
      onRecord(a);
      this.events.push({ type: 'attempt', attempt: a, replayed: false });
    }
    this.w.addMany(records);
  }

  /**
   * Called before each attempt. With attempts waiting to be committed: give the event loop one turn (so the writer's
   * timer and a commit in progress can run even when the target never yields), and once the oldest has waited
   * DURABLE_MS start the commit; with `now`, wait for it.
   */
  async keepDurable(now = false): Promise<void> {
    const w = this.writer;
    if (!w) return;
    // Forget what the writer has committed since the last look (it counts the rows it committed).
    if (w.written > this.committedSeen) {
      this.recordedAt.splice(0, w.written - this.committedSeen);
      this.committedSeen = w.written;
    }
    const oldest = this.recordedAt[0];
    if (oldest === undefined) return;
    if (now) {
      await w.flush();
      return;
    }
    // Start the commit when the writer's timer has not (it cannot fire while the loop is busy); the turn below lets
    // it progress. A failed commit resurfaces on the writer's next add.
    if (!this.flushing && this.clock() - oldest >= DURABLE_MS) {
      this.flushing = true;
      void w
        .flush()
        .catch(() => undefined)
        .finally(() => {
          this.flushing = false;
        });
    }
    await new Promise<void>((r) => setImmediate(r));
  }

  /** A warning said once per topic (a throttling target would otherwise say it for every attempt). */
  warnOnce(topic: string, message: string): void {
    if (this.warned.has(topic)) return;
    this.warned.add(topic);
    this.events.push({ type: 'warning', message });
  }

  private noteWritten(a: AttemptRecord): void {
    this.recordedAt.push(this.clock());
    if (a.error === null) return;
    this.unanswered++;
    this.firstError ??= a.error;
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }

  private get w(): AttemptWriter {
    if (!this.writer) throw new Error('the attempt ledger has no store writer yet');
    return this.writer;
  }
}
