/**
 * decision-log: one `DecisionLogRecord` per message, written as JSON Lines. The writer streams (awaiting the
 * file's back-pressure), so a long traffic run never holds its log in memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { DecisionLogRecord } from '../../contracts/decision-log.js';

/** Field order of every record: stable, so logs diff cleanly and Parquet columns come out in this order. */
export const DECISION_LOG_FIELDS: readonly (keyof DecisionLogRecord)[] = [
  'id',
  'ts',
  'account',
  'accountAgeDays',
  'sourceIp',
  'input',
  'inputRef',
  'inputHash',
  'templateHash',
  'score',
  'threshold',
  'reviewLow',
  'decision',
  'decidedBy',
  'layer',
  'modelVersion',
  'featureVersion',
  'featureTokens',
  'reviewerOutcome',
  'escalated',
  'userReport',
  'campaign',
  'truth',
];

/** Serialize with every field present (null when unknown) and in `DECISION_LOG_FIELDS` order. */
export function decisionLogLine(record: DecisionLogRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const field of DECISION_LOG_FIELDS) ordered[field] = record[field] ?? null;
  return JSON.stringify(ordered);
}

export class DecisionLogWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  count = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(record: DecisionLogRecord): Promise<void> {
    if (this.failure) throw this.failure;
    this.count++;
    if (!this.stream.write(`${decisionLogLine(record)}\n`)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          this.stream.off('drain', onDrain);
          reject(e);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    if (this.failure) throw this.failure;
  }
}
