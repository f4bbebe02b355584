/** Terminal rendering of `nograd traces` results: the pure formatters in src/report/text/traces.ts, coloured. */
import type { BuildSuiteStats } from '../../regress/build-suite.js';
import { formatIngestSummary, formatMiningReport } from '../../report/text/traces.js';
import type { IngestSummary } from '../../traces/ingest.js';
import type { MiningResult } from '../../traces/mine.js';
import { color, out } from '../output.js';

export function printIngestSummary(summary: IngestSummary, title?: string): void {
  out(formatIngestSummary(summary, color, title));
}

/** Mining reports go to stderr when the suite itself is written to stdout, so a pipe gets clean YAML. */
export function printMiningReport(mining: MiningResult, stats: BuildSuiteStats, toStderr: boolean): void {
  const text = formatMiningReport(mining, stats, toStderr ? PLAIN : color);
  if (toStderr) process.stderr.write(`${text}\n`);
  else out(text);
}

export function ingestSummaryText(summary: IngestSummary, title: string, toStderr: boolean): string {
  return formatIngestSummary(summary, toStderr ? PLAIN : color, title);
}

const PLAIN = { bold: (s: string) => s, yellow: (s: string) => s, green: (s: string) => s, dim: (s: string) => s };
