/**
 * Memoised preprocessing for simulated traffic. Simulated mail re-sends corpus messages with new routing headers
 * (Date, Message-ID, To…); those headers never reach the tokenizer, so two messages that differ only there have
 * the same extraction. The key is the message without those headers — exact, not an approximation — and
 * everything new is extracted in parallel batches.
 */

import { sha256Hex } from '../../util/hash.js';
import { extractMany } from '../extraction-pool.js';
import type { ExtractedMessage, ExtractionOptions } from '../pipeline/extract.js';
import { joinMessage, removeHeaders, splitMessage } from './mail-format.js';

/** Headers that only route or identify a message; the preprocessing pipeline never reads them. */
const ROUTING_HEADERS = [
  'date',
  'message-id',
  'to',
  'cc',
  'received',
  'return-path',
  'delivered-to',
  'in-reply-to',
  'references',
];

export function contentKey(raw: string): string {
  const split = splitMessage(raw);
  const stripped = removeHeaders(
    { headers: split.headers.filter((h) => !h.name.startsWith('x-')), body: split.body },
    ROUTING_HEADERS,
  );
  return sha256Hex(joinMessage(stripped));
}

export class ExtractionCache {
  private readonly memo = new Map<string, ExtractedMessage>();
  hits = 0;
  misses = 0;

  constructor(
    readonly extraction: ExtractionOptions,
    private readonly workers?: number,
  ) {}

  async extractAll(raws: readonly string[]): Promise<ExtractedMessage[]> {
    const keys = raws.map(contentKey);
    const todo = new Map<string, string>();
    for (let i = 0; i < raws.length; i++) {
      const key = keys[i] as string;
      if (!this.memo.has(key) && !todo.has(key)) todo.set(key, raws[i] as string);
    }
    const fresh = await extractMany([...todo.values()], this.extraction, { workers: this.workers });
    for (const [i, key] of [...todo.keys()].entries()) this.memo.set(key, fresh[i] as ExtractedMessage);
    this.misses += todo.size;
    this.hits += raws.length - todo.size;
    return keys.map((k) => this.memo.get(k) as ExtractedMessage);
  }

  async extract(raw: string): Promise<ExtractedMessage> {
    return (await this.extractAll([raw]))[0] as ExtractedMessage;
  }
}
