/** Worker-thread entry for extraction-pool: runs the pure preprocessing pipeline on batches of raw messages. */
import { parentPort } from 'node:worker_threads';
import { type ExtractionOptions, extractMessage } from './pipeline/extract.js';

export interface ExtractionRequest {
  batch: number;
  raws: string[];
  options: ExtractionOptions;
}

parentPort?.on('message', async (request: ExtractionRequest) => {
  try {
    const results = [];
    for (const raw of request.raws) results.push(await extractMessage(raw, request.options));
    parentPort?.postMessage({ batch: request.batch, results });
  } catch (e) {
    parentPort?.postMessage({ batch: request.batch, error: String((e as Error)?.stack ?? e) });
  }
});
