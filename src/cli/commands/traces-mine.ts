/** `nograd traces mine`: a thin shell over mineSuite (src/traces/mine-suite.ts). */
import { writeFileSync } from 'node:fs';
import { formatSuite, suiteFormatOf } from '../../regress/suite.js';
import type { MinerParams } from '../../traces/miners/index.js';
import { out } from '../output.js';
import { ingestSummaryText, printMiningReport } from './traces-summary.js';

/** The parsed options; each miner parameter sits under its own key (`band`, `baselineUntil`, …). */
export interface MineCliOptions extends Partial<MinerParams> {
  mapping?: string;
  out?: string;
  miners?: string;
  campaignResults: string[];
  maxPerMiner: number;
  maxPerCluster: number;
  redactPattern: string[];
  redactEmails: boolean;
  redactPhones: boolean;
  redact: boolean;
  scoreBounds: boolean;
  tolerance: number;
  name?: string;
  target?: string;
  strict?: boolean;
  threads?: number;
  memoryLimit: string;
}

export async function mineCommand(paths: string[], opts: MineCliOptions): Promise<void> {
  const [{ mineSuite }, { loadMapping }, { terminalProgress }, { MINERS, minerOptions }] = await Promise.all([
    import('../../regress/mine-suite.js'),
    import('../../traces/mapping.js'),
    import('../../traces/progress.js'),
    import('../../traces/miners/index.js'),
  ]);
  const miners = opts.miners
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const mapping = opts.mapping ? loadMapping(opts.mapping) : undefined;
  const progress = terminalProgress();
  const result = await mineSuite(paths, {
    ...(mapping ? { mapping } : {}),
    ...(miners?.length ? { miners } : {}),
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.campaignResults.length ? { campaignResults: opts.campaignResults } : {}),
    // Each miner parameter is an option of its own name (see minerOptions), already parsed by its schema.
    params: Object.fromEntries(
      minerOptions(Object.values(MINERS))
        .map((o) => [o.key, (opts as unknown as Record<string, unknown>)[o.key]])
        .filter(([, v]) => v !== undefined),
    ),
    maxPerMiner: opts.maxPerMiner,
    maxPerCluster: opts.maxPerCluster,
    redaction: opts.redact
      ? { emails: opts.redactEmails, phones: opts.redactPhones, patterns: opts.redactPattern }
      : false,
    scoreBounds: opts.scoreBounds,
    tolerance: opts.tolerance,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.target ? { target: opts.target } : {}),
    store: { memoryLimit: opts.memoryLimit, ...(opts.threads ? { threads: opts.threads } : {}) },
    onProgress: (e) =>
      progress.update(
        e.phase === 'file'
          ? `reading ${e.index + 1}/${e.total}: ${e.path}`
          : e.phase === 'mine'
            ? e.index < e.total
              ? `mining ${e.index + 1}/${e.total}: ${e.miner}`
              : 'reading the kept cases…'
            : 'summarising…',
      ),
  }).finally(() => progress.done());

  const toStderr = !opts.out;
  const report = [ingestSummaryText(result.ingest, 'decision log', toStderr)];
  if (result.campaignIngest) report.push(ingestSummaryText(result.campaignIngest, 'campaign results', toStderr));
  if (toStderr) process.stderr.write(`${report.join('\n')}\n`);
  else out(report.join('\n'));
  printMiningReport(result.mining, result.stats, toStderr);
  if (opts.out) {
    writeFileSync(opts.out, formatSuite(result.suite, suiteFormatOf(opts.out)));
    out(`wrote ${opts.out} (${result.suite.cases.length} cases)`);
  } else {
    process.stdout.write(formatSuite(result.suite, 'yaml'));
  }
}
