import type { Command } from 'commander';
import type { MinerOption } from '../../traces/miners/index.js';
import { UserError } from '../../util/errors.js';
import { numberOption } from '../number-option.js';
import { color, out, printWarning } from '../output.js';
import type { EvaluateCliOptions } from './traces-evaluate.js';
import type { MineCliOptions } from './traces-mine.js';

const collect = (value: string, previous: string[]) => [...previous, value];

const MAPPING_HELP = 'mapping config (YAML) from your log fields to the decision-log record; default: identity';

export function register(program: Command): void {
  const traces = program
    .command('traces')
    .description('Read production decision logs and mine near misses into regression suites (see docs/traces.md).');

  traces
    .command('ingest')
    .description(
      'Read decision logs (JSONL, CSV, Parquet, .gz; files, directories, globs) through a mapping and check every row. Prints row counts and every bad row as file:line: reason.',
    )
    .argument('<paths...>', 'log files, directories or globs (quote globs: "logs/*.jsonl.gz")')
    .option('-m, --mapping <file>', MAPPING_HELP)
    .option('--strict', 'fail (exit 2) when any row is bad')
    .option(
      '--max-bad <n>',
      'bad rows to list in detail (all are counted)',
      numberOption('--max-bad', { min: 0, integer: true }),
      20,
    )
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--threads <n>',
      'DuckDB worker threads (default: all cores)',
      numberOption('--threads', { min: 1, integer: true }),
    )
    .option('--memory-limit <size>', "DuckDB memory limit before spilling to disk, e.g. '2GB'", '1GB')
    .addHelpText(
      'after',
      '\nExit codes: 0 read (bad rows are reported, not fatal) · 2 invalid input, or bad rows with --strict',
    )
    .action(
      async (
        paths: string[],
        opts: {
          mapping?: string;
          strict?: boolean;
          maxBad: number;
          format: string;
          threads?: number;
          memoryLimit: string;
        },
      ) => {
        if (opts.format !== 'text' && opts.format !== 'json')
          throw new UserError(`unknown format '${opts.format}' (choose one of: text, json)`);
        const [{ ingestTraces }, { loadMapping }, { terminalProgress }] = await Promise.all([
          import('../../traces/ingest.js'),
          import('../../traces/mapping.js'),
          import('../../traces/progress.js'),
        ]);
        const mapping = opts.mapping ? loadMapping(opts.mapping) : undefined;
        const progress = terminalProgress();
        const { store, summary } = await ingestTraces(paths, {
          ...(mapping ? { mapping } : {}),
          ...(opts.strict ? { strict: true } : {}),
          maxBadSamples: opts.maxBad,
          store: { memoryLimit: opts.memoryLimit, ...(opts.threads ? { threads: opts.threads } : {}) },
          onProgress: (e) =>
            progress.update(e.phase === 'file' ? `reading ${e.index + 1}/${e.total}: ${e.path}` : 'summarising…'),
        }).finally(() => progress.done());
        await store.close();
        if (opts.format === 'json') {
          out(JSON.stringify(summary, null, 2));
          return;
        }
        const { printIngestSummary } = await import('./traces-summary.js');
        printIngestSummary(summary);
      },
    );

  const mine = traces
    .command('mine')
    .description(
      'Ingest decision logs, run the miners (near misses: uncertain scores, escalations, overturned decisions, new templates, confidence loss between model versions, campaign evasions) and write a regression suite.',
    )
    .argument('<paths...>', 'log files, directories or globs')
    .addHelpText(
      'after',
      '\nThe expected decision of each case comes from the best label: ground truth (simulated logs only) > reviewer outcome > user report > attack > the model’s decision.\n' +
        'Cases whose human label disagrees with the last logged decision are marked knownFailure.\n' +
        'Parquet logs are checked once and mined in place (about 1.3 million rows/s on 2 cores); JSONL and CSV are parsed and copied first, about ten times slower: convert large logs to Parquet when mining them often.\n' +
        'Next: nograd regress baseline <suite> --target T, then nograd regress run <suite> --target T in CI.\n' +
        '\nExit codes: 0 suite written · 2 invalid input, or bad rows with --strict',
    )
    .action(async (paths: string[], opts: MineCliOptions) => {
      const { mineCommand } = await import('./traces-mine.js');
      await mineCommand(paths, opts);
    });
  traces
    .command('evaluate')
    .description(
      'Score a mined suite against planted ground truth (reference traffic with --inject evasive-campaigns): the near-miss curve (finds vs reviewed cases), reviews per find, first-find rank per planted campaign, per-miner precision.',
    )
    .argument('<suite>', 'the mined suite (.yaml or .jsonl); its case order is the review order')
    .option('--events <file>', "the run's events.json (default: events.json beside the first log)")
    .option('--logs <paths...>', "decision logs the suite was mined from (default: the suite's generated.sources)", [])
    .option(
      '--band <x>',
      'score band around a boundary that counts as uncertain',
      numberOption('--band', { min: 0, max: 1 }),
      0.05,
    )
    .option('--format <format>', 'text or json', 'text')
    .option('--json <file>', 'also write the evaluation (nograd-traces-evaluation) to this file')
    .option(
      '--threads <n>',
      'DuckDB worker threads (default: all cores)',
      numberOption('--threads', { min: 1, integer: true }),
    )
    .option('--memory-limit <size>', "DuckDB memory limit before spilling to disk, e.g. '2GB'", '1GB')
    .addHelpText('after', '\nExit codes: 0 evaluated · 2 invalid suite, logs or events')
    .action(async (suite: string, opts: EvaluateCliOptions) => {
      const { evaluateCommand } = await import('./traces-evaluate.js');
      await evaluateCommand(suite, opts);
    });
  // The options come from the miner registry (each miner's parameter schema), which loads zod: only when `mine`
  // runs or shows its help, so every other command starts without it.
  traces.hook('preSubcommand', async (_traces, sub) => {
    if (sub !== mine) return;
    const { MINER_NAMES, MINERS, minerOptions } = await import('../../traces/miners/index.js');
    addMineOptions(mine, MINER_NAMES, minerOptions(Object.values(MINERS)));
  });
}

/** `traces mine`'s options, in help order; the miners' parameters come from their schemas. */
function addMineOptions(mine: Command, minerNames: readonly string[], params: readonly MinerOption[]): void {
  mine
    .option('-m, --mapping <file>', MAPPING_HELP)
    .option('-o, --out <file>', 'write the suite here (.yaml, or .jsonl for large suites); default: YAML on stdout')
    .option('--miners <list>', `comma-separated miners to run: ${minerNames.join(', ')} (default: all that have data)`)
    .option(
      '--campaign-results <file>',
      'campaign attempts export (JSONL {id, input, evaded, tactic, decision, score}) for the campaign-evasion miner; repeatable',
      collect,
      [],
    );
  for (const p of params) {
    const parse =
      p.type === 'string'
        ? (value: string) => {
            const r = p.schema.safeParse(value);
            if (!r.success) throw new UserError(`${p.flag} ${r.error.issues[0]?.message}, not '${value}'`);
            return r.data;
          }
        : numberOption(p.flag, {
            ...(p.minimum !== undefined ? { min: p.minimum } : {}),
            ...(p.maximum !== undefined ? { max: p.maximum } : {}),
            integer: p.type === 'integer',
          });
    const flags = `${p.flag} ${p.placeholder}`;
    if (p.default !== undefined) mine.option(flags, p.description, parse, p.default);
    else mine.option(flags, p.description, parse);
  }
  mine
    .option(
      '--max-per-miner <n>',
      'most cases per miner (most informative first)',
      numberOption('--max-per-miner', { min: 1, integer: true }),
      50,
    )
    .option(
      '--max-per-cluster <n>',
      'most cases per template / tactic cluster within a miner',
      numberOption('--max-per-cluster', { min: 1, integer: true }),
      3,
    )
    .option(
      '--redact-pattern <regex>',
      'also redact matches of this regular expression (its first group, if any); repeatable',
      collect,
      [],
    )
    .option('--no-redact-emails', 'keep e-mail addresses as they are')
    .option('--no-redact-phones', 'keep phone numbers as they are')
    .option('--no-redact', 'write inputs without any redaction')
    .option('--no-score-bounds', 'expect decisions only (for targets that expose no score)')
    .option('--tolerance <x>', 'slack on pinned scores', numberOption('--tolerance', { min: 0, max: 1 }), 0.05)
    .option('--name <name>', 'suite name')
    .option('--target <hint>', 'target the suite is meant for (recorded as a hint)')
    .option('--strict', 'fail (exit 2) when any log row is bad')
    .option(
      '--threads <n>',
      'DuckDB worker threads (default: all cores)',
      numberOption('--threads', { min: 1, integer: true }),
    )
    .option('--memory-limit <size>', "DuckDB memory limit before spilling to disk, e.g. '2GB'", '1GB');
}

export { color, printWarning };
