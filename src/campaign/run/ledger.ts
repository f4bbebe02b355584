/**
 * The run's attempts so far: those replayed from the store on resume and those completed in this process. It
 * exists so that "is this attempt done?", "write it to the store" and "tell the progress consumer" happen together
 * and in one place — an attempt is never counted without being written, nor written without being announced.
 *
 * Durability (group commit): completed attempts are handed to the store's writer in batches, one commit at a time;
 * what completes while a commit runs goes into the next one, started as soon as it ends. A commit costs about the
 * same for 1 row as for 100 (the log write dominates), so the store keeps up however fast attempts complete, and an
 * attempt waits at most one commit plus `FLUSH_MS`. A CPU-bound target (the reference system in-process) keeps the
 * event loop busy with promise continuations, so neither the timer nor a commit's steps would run: the planner calls
 * `keepDurable()` before each attempt, which gives the loop a turn while something waits and, once the oldest has
 * waited `DURABLE_MS`, starts the commit itself; only past `LAST_CALL_MS` (a machine too busy to commit in time) does
 * it wait for the commit, briefly. Each in-flight job also starts on its own loop turn (run/in-flight.ts), and each
 * chain's end waits for its commit.
 */
import type { AttemptRecord } from '../attempt.js';
import type { Channel } from '../channel.js';
import { sleep } from '../limits/sleep.js';
import type { AttemptWriter, CacheEntry } from '../store.js';
import type { CampaignEvent } from './events.js';

export type OnRecord = (a: AttemptRecord) => void;

/** How long a completed attempt may wait before the planner starts its commit itself. */
export const DURABLE_MS = 100;
/** Past this, the planner waits a little for the commit before sending more (durability over throughput). */
const LAST_CALL_MS = 150;
const LAST_CALL_WAIT_MS = 20;
/**
 * How long the first attempt of a batch waits for company before its commit starts. A commit costs the same for 1
 * row as for 100, so against a slow target (tens of answers a second) a short wait meant one commit per attempt:
 * profiled at 3–4 ms of CPU per attempt on a loaded machine, more than the attempt itself. 75 ms keeps commits to
 * about 13 a second while an attempt is still durable well within the 200 ms promise (DURABLE_MS still applies).
 */
const FLUSH_MS = 75;

export class AttemptLedger {
  private readonly done = new Map<string, AttemptRecord>();
  private seq = 0;
  private writer?: AttemptWriter;
  /** Recorded, not yet handed to the writer. */
  private rows: AttemptRecord[] = [];
  private cache: CacheEntry[] = [];
  /** When each recorded attempt not yet committed was recorded, oldest first. */
  private waiting: number[] = [];
  private committing: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;
  private failure?: Error;
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

  /** Continue numbering at `seq` (a worker running one piece of a distributed plan). */
  seekSeq(seq: number): void {
    this.seq = seq;
  }

  get(key: string): AttemptRecord | undefined {
    return this.done.get(key);
  }

  has(key: string): boolean {
    return this.done.has(key);
  }

  /** A stored attempt met again in plan order: counted and announced, not sent. */
  replay(a: AttemptRecord, onRecord: OnRecord): void {
    // A stored attempt without an answer (a distributed run's steps keep them; a resume deletes them first).
    if (a.error !== null) {
      this.unanswered++;
      this.firstError ??= a.error;
    }
    onRecord(a);
    this.events.push({ type: 'attempt', attempt: a, replayed: true });
  }

  /** One completed attempt: remembered, queued for the store, counted and announced. */
  record(a: AttemptRecord, onRecord: OnRecord, cache?: CacheEntry): void {
    this.recordGroup([a], onRecord, cache ? [cache] : []);
  }

  /** Attempts committed together (a stream group: a kill never leaves half a group in the store). */
  recordGroup(records: readonly AttemptRecord[], onRecord: OnRecord, cache: readonly CacheEntry[] = []): void {
    if (this.failure) throw this.failure;
    // Queued in one piece: a batch is handed over whole, so these end up in one transaction.
    this.rows.push(...records);
    this.cache.push(...cache);
    for (const a of records) {
      this.done.set(a.key, a);
      this.waiting.push(this.clock());
      if (a.error !== null) {
        this.unanswered++;
        this.firstError ??= a.error;
      }
      onRecord(a);
      this.events.push({ type: 'attempt', attempt: a, replayed: false });
    }
    if (!this.timer && !this.committing) this.timer = setTimeout(() => this.commit(), FLUSH_MS);
  }

  /**
   * Called before each attempt: with attempts waiting for their commit, give the event loop a turn (and start the
   * commit once the oldest has waited DURABLE_MS). With `now`, wait until everything recorded is committed.
   */
  async keepDurable(now = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (now) {
      await this.settle();
      return;
    }
    const oldest = this.waiting[0];
    if (oldest === undefined) return;
    if (this.clock() - oldest < DURABLE_MS) {
      await new Promise<void>((r) => setImmediate(r));
      return;
    }
    // Overdue: the timer could not fire while the loop was busy. Start the commit and let its steps run. Only when
    // the oldest nears the 200 ms promise (a machine too busy to commit in time) wait for it, at most LAST_CALL_WAIT_MS.
    if (!this.committing) this.commit();
    if (this.clock() - oldest >= LAST_CALL_MS) await Promise.race([this.committing, sleep(LAST_CALL_WAIT_MS)]);
    else await new Promise<void>((r) => setImmediate(r));
  }

  /** Hand what is queued to the writer as one commit (unless one is running: it starts the next when done). */
  private commit(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.committing || this.rows.length === 0 || !this.writer) return;
    const rows = this.rows;
    const cache = this.cache;
    this.rows = [];
    this.cache = [];
    const w = this.writer;
    this.committing = (async () => {
      try {
        w.addMany(rows, cache);
        await w.flush();
        this.waiting.splice(0, rows.length);
      } catch (e) {
        this.failure ??= e as Error;
      } finally {
        this.committing = null;
      }
      if (this.rows.length) this.commit();
    })();
  }

  /** Resolves when everything recorded so far is committed (rejects if a commit failed). */
  private async settle(): Promise<void> {
    for (;;) {
      this.commit();
      const c = this.committing;
      if (!c) break;
      await c;
    }
    if (this.failure) throw this.failure;
  }

  /** A warning said once per topic (a throttling target would otherwise say it for every attempt). */
  warnOnce(topic: string, message: string): void {
    if (this.warned.has(topic)) return;
    this.warned.add(topic);
    this.events.push({ type: 'warning', message });
  }

  async close(): Promise<void> {
    try {
      await this.settle();
    } finally {
      await this.writer?.close();
    }
  }
}
