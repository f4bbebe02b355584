/**
 * Run the preprocessing pipeline over many messages, on worker threads when that helps. Extraction is pure and
 * dominated by MIME parsing (~0.5 ms a message), so splitting batches across cores is a straight speed-up; the
 * results come back in input order and are identical to the in-thread path.
 *
 * Workers need the compiled JavaScript. When this module runs from TypeScript sources (unit tests), it falls back
 * to the calling thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractionRequest } from './extraction-worker.js';
import { type ExtractedMessage, type ExtractionOptions, extractMessage } from './pipeline/extract.js';

export interface ExtractManyOptions {
  /** Worker threads to use; 1 = in this thread. Default: the number of cores, at most 4. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 48;
/** Below this many messages, starting workers costs more than it saves. */
const MIN_FOR_WORKERS = 300;

export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export async function extractMany(
  raws: readonly string[],
  options: ExtractionOptions,
  manyOptions: ExtractManyOptions = {},
): Promise<ExtractedMessage[]> {
  const workers = manyOptions.workers ?? defaultWorkerCount();
  if (workers <= 1 || raws.length < MIN_FOR_WORKERS || !workersAvailable()) {
    const out: ExtractedMessage[] = [];
    for (const raw of raws) {
      out.push(await extractMessage(raw, options));
      if (out.length % BATCH === 0) manyOptions.onProgress?.(out.length, raws.length);
    }
    manyOptions.onProgress?.(raws.length, raws.length);
    return out;
  }
  return extractOnWorkers(raws, options, workers, manyOptions.onProgress);
}

async function extractOnWorkers(
  raws: readonly string[],
  options: ExtractionOptions,
  workerCount: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ExtractedMessage[]> {
  const results: ExtractedMessage[] = new Array(raws.length);
  const batches = Math.ceil(raws.length / BATCH);
  let nextBatch = 0;
  let done = 0;
  const url = new URL('./extraction-worker.js', import.meta.url);
  const pool = Array.from({ length: Math.min(workerCount, batches) }, () => new Worker(url));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (nextBatch >= batches) {
                resolve();
                return;
              }
              const batch = nextBatch++;
              const request: ExtractionRequest = {
                batch,
                raws: raws.slice(batch * BATCH, (batch + 1) * BATCH),
                options,
              };
              worker.postMessage(request);
            };
            worker.on('message', (reply: { batch: number; results?: ExtractedMessage[]; error?: string }) => {
              if (reply.error || !reply.results) {
                reject(new Error(`extraction worker failed: ${reply.error}`));
                return;
              }
              for (let k = 0; k < reply.results.length; k++)
                results[reply.batch * BATCH + k] = reply.results[k] as ExtractedMessage;
              done += reply.results.length;
              onProgress?.(done, raws.length);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
