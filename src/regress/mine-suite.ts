/**
 * Logs in, regression suite out: ingest the decision logs (and campaign results, if any), run the miners, and
 * turn the candidates into a suite. This is what `nograd traces mine` does, as one library call.
 */

import { type IngestProgress, type IngestSummary, ingestInto } from '../traces/ingest.js';
import { identityMapping, type TraceMapping } from '../traces/mapping.js';
import { type MineOptions, type MiningResult, mineTraces } from '../traces/mine.js';
import { CAMPAIGN_ATTEMPT_SCHEMA } from '../traces/record-schema.js';
import { resolveSources } from '../traces/sources.js';
import { type StoreOptions, TraceStore } from '../traces/store.js';
import { type BuildSuiteOptions, type BuildSuiteStats, buildSuite } from './build-suite.js';
import type { Suite } from './suite.js';

export interface MineSuiteOptions
  extends Omit<MineOptions, 'campaignAttemptsView' | 'decisionsView' | 'onProgress'>,
    BuildSuiteOptions {
  mapping?: TraceMapping;
  /** Bad rows fail the run (exit 2). */
  strict?: boolean;
  /** Campaign-attempt exports (JSONL) for the campaign-evasion miner. */
  campaignResults?: readonly string[];
  maxBadSamples?: number;
  store?: StoreOptions;
  onProgress?: (event: IngestProgress | { phase: 'mine'; miner: string; index: number; total: number }) => void;
}

export interface MineSuiteResult {
  suite: Suite;
  stats: BuildSuiteStats;
  ingest: IngestSummary;
  campaignIngest?: IngestSummary;
  mining: MiningResult;
}

export async function mineSuite(paths: readonly string[], opts: MineSuiteOptions = {}): Promise<MineSuiteResult> {
  const sources = resolveSources(paths, opts.mapping?.format);
  const campaignSources = opts.campaignResults?.length ? resolveSources(opts.campaignResults) : undefined;
  const store = await TraceStore.open(opts.store);
  try {
    const common = {
      ...(opts.strict ? { strict: true } : {}),
      ...(opts.maxBadSamples !== undefined ? { maxBadSamples: opts.maxBadSamples } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    };
    const ingest = await ingestInto(store, sources, { ...common, ...(opts.mapping ? { mapping: opts.mapping } : {}) });
    let campaignIngest: IngestSummary | undefined;
    if (campaignSources) {
      campaignIngest = await ingestInto(store, campaignSources, {
        ...common,
        schema: CAMPAIGN_ATTEMPT_SCHEMA,
        mapping: identityMapping(CAMPAIGN_ATTEMPT_SCHEMA),
        table: 'campaign_attempts_all',
        view: 'campaign_attempts',
      });
    }
    const mining = await mineTraces(store, {
      ...opts,
      ...(campaignIngest ? { campaignAttemptsView: 'campaign_attempts' } : {}),
      onProgress: (e) => opts.onProgress?.({ phase: 'mine', ...e }),
    });
    const { suite, stats } = buildSuite(mining.candidates, {
      ...opts,
      generated: {
        by: 'nograd traces mine',
        sources: sources.files.map((f) => f.path),
        ...(campaignSources ? { campaignResults: campaignSources.files.map((f) => f.path) } : {}),
        rows: ingest.validRows,
        badRows: ingest.badRows,
        miners: Object.fromEntries(
          mining.miners.map((m) => [
            m.name,
            m.skipped ? `skipped: ${m.skipped}` : { matched: m.matched, kept: m.kept },
          ]),
        ),
        params: mining.params,
        // Retrain boundaries: each model version with when it first and last decided. Each case's
        // provenance.observed.modelVersion is the version it was mined under.
        ...(ingest.modelVersions.length ? { modelVersions: ingest.modelVersions } : {}),
        ...(opts.generated ?? {}),
      },
    });
    return { suite, stats, ingest, ...(campaignIngest ? { campaignIngest } : {}), mining };
  } finally {
    await store.close();
  }
}
