/**
 * The feature extractor's version, written into every decision-log record (`featureVersion`): a hash of the
 * preprocessing pipeline's source and of the extraction options. It changes whenever the features a message turns
 * into could change, whether or not the model was retrained — which is exactly what the monitor's
 * `extractor-change` signal compares against the model version. Works on the TypeScript sources and on the built
 * JavaScript alike (a build changes the hash, as a deploy would).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractionOptions } from './pipeline/extract.js';

let pipelineSource: string | undefined;

function pipelineSourceHash(): string {
  if (pipelineSource) return pipelineSource;
  const dir = fileURLToPath(new URL('./pipeline/', import.meta.url));
  const h = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(ts|js)$/.test(name) || /\.(test|d)\.(ts|js)$/.test(name)) continue;
    h.update(name).update(readFileSync(join(dir, name)));
  }
  pipelineSource = h.digest('hex');
  return pipelineSource;
}

/** `fx-<12 hex>` over the pipeline's code and the options (keys sorted, so the order never matters). */
export function featureExtractorVersion(options: ExtractionOptions): string {
  const opts = Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  const h = createHash('sha256').update(pipelineSourceHash()).update(JSON.stringify(opts));
  return `fx-${h.digest('hex').slice(0, 12)}`;
}
