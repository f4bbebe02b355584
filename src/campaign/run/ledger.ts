/**
 * The run's attempts so far: those replayed from the store on resume and those completed in this process. It
 * exists so that "is this attempt done?", "write it to the store" and "tell the progress consumer" happen together
 * and in one place — an attempt is never counted without being written, nor written without being announced.
 */
import type { AttemptRecord } from '../attempt.js';
import type { Channel } from '../channel.js';
import type { AttemptWriter, CacheEntry } from '../store.js';
import type { CampaignEvent } from './events.js';

export type OnRecord = (a: AttemptRecord) => void;

export class AttemptLedger {
  private readonly done = new Map<string, AttemptRecord>();
  private seq = 0;
  private writer?: AttemptWriter;

  constructor(private readonly events: Channel<CampaignEvent>) {}

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
    onRecord(a);
    this.events.push({ type: 'attempt', attempt: a, replayed: false });
  }

  /** A stream group's attempts: one transaction, so a kill never leaves half a group in the store. */
  recordGroup(records: readonly AttemptRecord[], onRecord: OnRecord): void {
    for (const a of records) {
      this.done.set(a.key, a);
      onRecord(a);
      this.events.push({ type: 'attempt', attempt: a, replayed: false });
    }
    this.w.addMany(records);
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }

  private get w(): AttemptWriter {
    if (!this.writer) throw new Error('the attempt ledger has no store writer yet');
    return this.writer;
  }
}
