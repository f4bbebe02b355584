/** JSONL sink: appends one JSON object per alert to a file (creating it), for log shippers and `jq`. */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sink } from './types.js';

export function jsonlSink(path: string): Sink {
  const abs = resolve(path);
  return {
    id: `jsonl:${abs}`,
    label: `jsonl ${path}`,
    dedup: true,
    async deliver(alerts) {
      if (alerts.length === 0) return { delivered: [], failed: [] };
      try {
        appendFileSync(abs, alerts.map((a) => `${JSON.stringify(a)}\n`).join(''));
        return { delivered: alerts.map((a) => a.key), failed: [] };
      } catch (e) {
        const error = `cannot append to ${path}: ${(e as Error).message}`;
        return { delivered: [], failed: alerts.map((a) => ({ key: a.key, error })) };
      }
    },
  };
}
