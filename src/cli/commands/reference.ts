/**
 * `nograd reference …`: the reference mail filter that campaigns, regression suites and monitors run against.
 * train (cached, prints test quality), metrics (detailed test-split quality at a chosen threshold), classify (one
 * message through the funnel), serve (HTTP JSON API), traffic (simulated production logs with injected events).
 * Heavy modules load inside the actions, so `--help` stays instant.
 */

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../util/errors.js';
import { integerOption, numberOption } from '../number-option.js';
import { color, out, parseFormat, table } from '../output.js';

const HARDEN_HELP =
  'comma-separated hardening switches to turn on: normalizeConfusables, stripHiddenText, decodeNestedEncodings, ' +
  'crossSenderTemplateClustering, feedbackRateLimit, or "all" (default: none)';

/** Validate an option against its allowed values, naming the option in the error. */
function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`${flag} must be one of: ${allowed.join(', ')} (got '${value}')`);
}

function modelKind(value: string): 'lr' | 'nb' {
  return oneOf('--model', value, ['lr', 'nb'] as const);
}

function variantName(value: string): 'default' | 'regressed' {
  return oneOf('--variant', value, ['default', 'regressed'] as const);
}

/** Progress on stderr, one overwritten line, only when a human is watching. */
function progressLine(): ((text: string) => void) & { done(): void } {
  const live = Boolean(process.stderr.isTTY);
  const write = (text: string) => {
    if (live) process.stderr.write(`\r\x1b[K${text}`);
  };
  return Object.assign(write, {
    done: () => {
      if (live) process.stderr.write('\r\x1b[K');
    },
  });
}

interface ModelOpts {
  model: 'lr' | 'nb';
  harden?: string;
  variant: 'default' | 'regressed';
  seed: number;
  sample?: number;
}

const SAMPLE_HELP =
  'train on a seeded, stratified sample of N corpus messages instead of all 6,046 (fast; for tests and trials)';

function addModelOptions(cmd: Command): Command {
  return cmd
    .option('--model <kind>', 'spam model: lr (logistic regression) or nb (naive Bayes)', modelKind, 'lr')
    .option('--harden <switches>', HARDEN_HELP)
    .option(
      '--variant <name>',
      'default, or regressed (a deliberately worse model for regression-suite tests)',
      variantName,
      'default',
    )
    .option('--seed <n>', 'model seed (train/test split and SGD order)', integerOption('--seed', 0, 2 ** 31 - 1), 42)
    .option('--sample <n>', SAMPLE_HELP, integerOption('--sample', 20, 6046));
}

/** The library options a ModelOpts selects (hardening parsed, sample only when given). */
async function systemOptions(opts: ModelOpts) {
  const { parseHardeningList } = await import('../../reference/hardening.js');
  return {
    model: opts.model,
    variant: opts.variant,
    seed: opts.seed,
    hardening: parseHardeningList(opts.harden),
    ...(opts.sample !== undefined && { sample: opts.sample }),
  };
}

export function register(program: Command): void {
  const reference = program
    .command('reference')
    .description(
      'The reference mail filter: a spam funnel (signup, accounts, rate limit, bulk detection, MIME/HTML parsing, model, ' +
        'threshold with review band) trained on the SpamAssassin corpus. Train it, measure it, classify, serve, simulate traffic.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  nograd reference train                      # train lr and nb (cached on disk), print recall / FPR / AUC\n' +
        '  nograd reference metrics --threshold 0.7    # detailed test-split quality at another threshold\n' +
        '  nograd reference classify message.eml       # one message through the funnel\n' +
        '  nograd reference serve --port 8025          # POST /score on 127.0.0.1:8025\n' +
        '  nograd reference traffic --out logs --inject all\n' +
        '\nExit codes: 0 ok, 2 invalid input or usage, 70 internal error.',
    );

  reference
    .command('train')
    .description(
      'Train the spam model(s) on the SpamAssassin corpus (cached on disk) and print test-split quality: spam recall, ham FPR, ROC AUC.',
    )
    .option('--model <kind>', 'lr, nb or all', 'all')
    .option('--harden <switches>', HARDEN_HELP)
    .option('--split <kind>', 'stratified (seeded 80/20) or temporal (train *-1, test *-2 + hard-ham)', 'stratified')
    .option('--variant <name>', 'default or regressed', variantName, 'default')
    .option('--seed <n>', 'split and SGD seed', integerOption('--seed', 0, 2 ** 31 - 1), 42)
    .option('--sample <n>', SAMPLE_HELP, integerOption('--sample', 20, 6046))
    .option(
      '--matrix',
      'evaluate every model × {no hardening, all hardening} × {default, regressed} plus the temporal split',
    )
    .option('--no-cache', 'retrain even when a cached model exists (and do not write the cache)')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nModels are cached under $NOGRAD_CACHE_DIR (default ~/.cache/nograd); the same options give bit-identical weights.\n' +
        'Examples:\n  nograd reference train\n  nograd reference train --model lr --split temporal\n  nograd reference train --matrix --format json',
    )
    .action(
      async (opts: {
        model: string;
        harden?: string;
        split: string;
        variant: 'default' | 'regressed';
        seed: number;
        sample?: number;
        matrix?: boolean;
        cache: boolean;
        format: string;
      }) => {
        const format = parseFormat(opts.format, ['text', 'json'] as const);
        const kinds = oneOf('--model', opts.model, ['lr', 'nb', 'all'] as const);
        const split = oneOf('--split', opts.split, ['stratified', 'temporal'] as const);
        const { trainReferenceModel, evaluateReferenceModel } = await import('../../reference/training.js');
        const { parseHardeningList, FULL_HARDENING, NO_HARDENING } = await import('../../reference/hardening.js');
        const models: Array<'lr' | 'nb'> = kinds === 'all' ? ['lr', 'nb'] : [kinds];
        type Run = {
          model: 'lr' | 'nb';
          hardening: ReturnType<typeof parseHardeningList>;
          variant: 'default' | 'regressed';
          split: typeof split;
        };
        const runs: Run[] = [];
        if (opts.matrix) {
          for (const model of models) {
            runs.push({ model, hardening: { ...NO_HARDENING }, variant: 'default', split: 'stratified' });
            runs.push({ model, hardening: { ...FULL_HARDENING }, variant: 'default', split: 'stratified' });
            runs.push({ model, hardening: { ...NO_HARDENING }, variant: 'regressed', split: 'stratified' });
            runs.push({ model, hardening: { ...NO_HARDENING }, variant: 'default', split: 'temporal' });
          }
        } else {
          for (const model of models)
            runs.push({ model, hardening: parseHardeningList(opts.harden), variant: opts.variant, split });
        }
        const progress = progressLine();
        const results = [];
        for (const run of runs) {
          const trained = await trainReferenceModel({
            model: run.model,
            hardening: run.hardening,
            variant: run.variant,
            split: run.split,
            seed: opts.seed,
            cache: opts.cache,
            ...(opts.sample !== undefined && { sample: opts.sample }),
            onProgress: (stage, done, total) => progress(`${run.model}: ${stage} ${done}/${total}`),
          });
          const evaluation = await evaluateReferenceModel(trained, { cache: opts.cache });
          results.push({ ...evaluation, fromCache: trained.fromCache, elapsedMs: Math.round(trained.elapsedMs) });
        }
        progress.done();
        if (format === 'json') {
          out(JSON.stringify(results, null, 2));
          return;
        }
        out(
          table(
            [
              'model',
              'split',
              'variant',
              'extraction hardening',
              'spam recall',
              'ham FPR',
              'ROC AUC',
              'train',
              'version',
            ],
            results.map((r) => [
              r.model,
              r.split.kind,
              r.variant,
              r.hardening,
              pct(r.metrics.spamRecall),
              pct(r.metrics.hamFalsePositiveRate),
              r.metrics.rocAuc.toFixed(4),
              r.fromCache ? 'cached' : `${(r.elapsedMs / 1000).toFixed(1)} s`,
              r.modelVersion,
            ]),
          ),
        );
        const first = results[0];
        if (first) {
          const sample = first.sample !== undefined ? ` (sample of ${first.sample} messages)` : '';
          out(
            `test split: ${first.metrics.spam} spam, ${first.metrics.ham} ham${sample} · block threshold ${first.metrics.threshold}`,
          );
        }
      },
    );

  addModelOptions(
    reference
      .command('metrics')
      .description(
        'Quality of one trained model on the held-out test split: spam recall, ham false-positive rate, precision, ' +
          'accuracy, ROC AUC, confusion counts and review-band rates (trains first if no cached model exists).',
      )
      .option('--split <kind>', 'stratified (seeded 80/20) or temporal (train *-1, test *-2 + hard-ham)', 'stratified')
      .option(
        '--threshold <p>',
        'block threshold on the spam score',
        numberOption('--threshold', { min: 0, max: 1 }),
        0.5,
      )
      .option(
        '--review-low <p>',
        'lower edge of the review band',
        numberOption('--review-low', { min: 0, max: 1 }),
        0.3,
      )
      .option('--format <format>', 'text or json', 'text'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  nograd reference metrics\n  nograd reference metrics --model nb --threshold 0.9 --format json',
    )
    .action(async (opts: ModelOpts & { split: string; threshold: number; reviewLow: number; format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const split = oneOf('--split', opts.split, ['stratified', 'temporal'] as const);
      if (opts.reviewLow > opts.threshold)
        throw new UserError(`--review-low (${opts.reviewLow}) must not exceed --threshold (${opts.threshold})`);
      if (opts.threshold <= 0 || opts.threshold >= 1)
        throw new UserError(`--threshold must be strictly between 0 and 1, got ${opts.threshold}`);
      const { trainReferenceModel, evaluateReferenceModel } = await import('../../reference/training.js');
      const progress = progressLine();
      const trained = await trainReferenceModel({
        ...(await systemOptions(opts)),
        split,
        onProgress: (stage, done, total) => progress(`${opts.model}: ${stage} ${done}/${total}`),
      });
      const e = await evaluateReferenceModel(trained, { threshold: opts.threshold, reviewLow: opts.reviewLow });
      progress.done();
      if (format === 'json') {
        out(JSON.stringify({ ...e, fromCache: trained.fromCache }, null, 2));
        return;
      }
      const m = e.metrics;
      const sample = e.sample !== undefined ? `, sample of ${e.sample}` : '';
      out(`model ${e.modelVersion} (${e.model}, ${e.variant}, extraction hardening: ${e.hardening})`);
      out(
        `test split: ${e.split.kind}, seed ${e.seed}${sample} · ${m.n} messages (${m.spam} spam, ${m.ham} ham) · trained on ${e.trainSize}`,
      );
      out(
        table(
          ['metric', 'value'],
          [
            ['spam recall', pct(m.spamRecall)],
            ['ham false-positive rate', pct(m.hamFalsePositiveRate)],
            ['precision', pct(m.precision)],
            ['accuracy', pct(m.accuracy)],
            ['ROC AUC', m.rocAuc.toFixed(4)],
            ['block threshold', String(m.threshold)],
            [
              'confusion (TP FP TN FN)',
              `${m.truePositives} ${m.falsePositives} ${m.trueNegatives} ${m.falseNegatives}`,
            ],
            [`ham in review band [${opts.reviewLow}, ${opts.threshold})`, pct(e.hamReviewRate)],
            [`spam in review band [${opts.reviewLow}, ${opts.threshold})`, pct(e.spamReviewRate)],
          ],
        ),
      );
    });

  addModelOptions(
    reference
      .command('classify')
      .alias('score')
      .description(
        'Run one message (an .eml file, raw RFC 822) through the funnel and print the decision, score and deciding component.',
      )
      .argument('<file>', 'the message file (RFC 822 / .eml); "-" reads stdin')
      .option('--account <id>', 'sending account id', 'cli-user')
      .option(
        '--age <days>',
        'sending account age in days (under 7 is a young account: stricter threshold)',
        integerOption('--age', 0, 100_000),
        365,
      )
      .option('--format <format>', 'text or json', 'text'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  nograd reference classify message.eml\n  cat message.eml | nograd reference classify - --age 1 --format json',
    )
    .action(async (file: string, opts: ModelOpts & { account: string; age: number; format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      let raw: string;
      try {
        raw = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (e) {
        throw new UserError(
          `cannot read message '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      if (!raw.trim()) throw new UserError(`message '${file}' is empty`);
      const { createReferenceSystem } = await import('../../reference/system.js');
      const progress = progressLine();
      const system = await createReferenceSystem({
        ...(await systemOptions(opts)),
        onProgress: (stage, done, total) => progress(`training: ${stage} ${done}/${total}`),
      });
      progress.done();
      const outcome = await system.process({ raw, context: { accountId: opts.account, accountAgeDays: opts.age } });
      const content = await system.scoreContent(raw);
      const top = [...content.knownTokens].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 10);
      if (format === 'json') {
        out(JSON.stringify({ ...outcome, contentScore: content.score, topTokens: top }, null, 2));
        return;
      }
      const paint =
        outcome.decision === 'block' ? color.red : outcome.decision === 'review' ? color.yellow : color.green;
      out(`${paint(outcome.decision)}  decided by ${outcome.decidedBy} (${outcome.layer} layer)`);
      out(
        `score ${content.score.toFixed(4)} · threshold ${outcome.threshold} · review band from ${outcome.reviewLow} · model ${outcome.modelVersion}`,
      );
      out(
        `template ${content.templateHash} · ${content.tokens.length} tokens, ${content.knownTokens.length} known to the model`,
      );
      out(
        `strongest tokens: ${top.map((t) => `${t.token} ${t.weight >= 0 ? '+' : ''}${t.weight.toFixed(2)}`).join(', ')}`,
      );
    });

  addModelOptions(
    reference
      .command('serve')
      .description('Serve the reference system as a JSON API: POST /score, POST /feedback, GET /health.')
      .option('--port <n>', 'TCP port; 0 picks a free one', integerOption('--port', 0, 65535), 0)
      .option(
        '--host <address>',
        'address to bind (loopback by default; anything else exposes the service)',
        '127.0.0.1',
      ),
  )
    .addHelpText(
      'after',
      '\nThe first line on stdout is "listening on http://HOST:PORT". Stop with Ctrl-C (SIGINT) or SIGTERM.\n' +
        'POST /score {"message": "<raw RFC 822>", "context": {"accountId", "accountAgeDays", "timestamp", "sourceIp"}}\n' +
        '  → {"score", "decision": "allow|review|block", "decidedBy", "layer", "threshold", "reviewLow", "templateHash", "modelVersion"}\n' +
        'Example:  curl -s localhost:PORT/score -d \'{"message":"Subject: hi\\n\\nhello","context":{"accountId":"a1","accountAgeDays":3}}\'',
    )
    .action(async (opts: ModelOpts & { port: number; host: string }) => {
      const { startReferenceServer } = await import('../../reference/server.js');
      const progress = progressLine();
      const server = await startReferenceServer({
        ...(await systemOptions(opts)),
        port: opts.port,
        host: opts.host,
        onProgress: (stage, done, total) => progress(`training: ${stage} ${done}/${total}`),
      });
      progress.done();
      out(`listening on ${server.url}`);
      process.stderr.write(`model ${server.system.model.version} (${opts.model}, ${opts.variant}); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  addModelOptions(
    reference
      .command('traffic')
      .description(
        'Simulate production mail through the funnel and write decision logs with ground truth: DIR/decisions.jsonl, ' +
          'DIR/decisions.parquet and DIR/events.json (the injected events, for scoring monitors).',
      )
      .requiredOption('--out <dir>', 'output directory (created if missing)')
      .option('--days <n>', 'simulated days', integerOption('--days', 1, 366), 14)
      .option('--per-day <n>', 'decisions per day (exact)', integerOption('--per-day', 20, 1_000_000), 2000)
      .option(
        '--traffic-seed <n>',
        'simulation seed (same seed ⇒ identical files)',
        integerOption('--traffic-seed', 0, 2 ** 31 - 1),
        7,
      )
      .option('--format <list>', 'log formats to write: jsonl, parquet or both', 'jsonl,parquet')
      .option(
        '--inject <list>',
        'events to inject: probing, template-surge, feedback-spike, layer-outage, drift, evasive-campaigns (planted evasive campaigns, for traces evaluate), or "all" (every kind but evasive-campaigns; combine: all,evasive-campaigns)',
        '',
      )
      .option('--start <date>', 'first simulated day (UTC, ISO-8601)', '2025-01-06')
      .option('--no-input', 'leave the raw message out of the logs (much smaller files)')
      .option(
        '--workers <n>',
        'worker threads for message parsing (default: cores, at most 4)',
        integerOption('--workers', 1, 64),
      ),
  )
    .addHelpText(
      'after',
      '\nNote: --seed seeds the model; --traffic-seed seeds the simulation (--seed on this command is the model seed).\n' +
        'Example:  nograd reference traffic --out logs --days 14 --per-day 2000 --inject all',
    )
    .action(
      async (
        opts: ModelOpts & {
          out: string;
          days: number;
          perDay: number;
          trafficSeed: number;
          format: string;
          inject: string;
          start: string;
          input: boolean;
          workers?: number;
        },
      ) => {
        const { simulateTraffic } = await import('../../reference/traffic/simulate.js');
        const { parseFormats, parseInjections } = await import('../../reference/traffic/options.js');
        const { parseHardeningList } = await import('../../reference/hardening.js');
        const start = Date.parse(opts.start.length === 10 ? `${opts.start}T00:00:00Z` : opts.start);
        if (Number.isNaN(start)) throw new UserError(`--start must be an ISO-8601 date, got '${opts.start}'`);
        const progress = progressLine();
        const result = await simulateTraffic({
          outDir: opts.out,
          days: opts.days,
          perDay: opts.perDay,
          seed: opts.trafficSeed,
          start,
          formats: parseFormats(opts.format),
          inject: parseInjections(opts.inject),
          model: opts.model,
          modelSeed: opts.seed,
          ...(opts.sample !== undefined && { modelSample: opts.sample }),
          variant: opts.variant,
          hardening: parseHardeningList(opts.harden),
          includeInput: opts.input,
          workers: opts.workers,
          onProgress: (p) =>
            progress(
              p.phase === 'model'
                ? 'loading model…'
                : p.phase === 'parquet'
                  ? 'writing parquet…'
                  : `day ${p.day}/${p.days} · ${p.rows}/${p.totalRows} decisions`,
            ),
        });
        progress.done();
        const files = [result.files.jsonl, result.files.parquet, result.files.events].filter(Boolean).join(', ');
        out(`${color.green('✔')} ${result.rows} decisions over ${result.days} days → ${files}`);
        out(
          `decisions: ${Object.entries(result.decisions)
            .map(([k, v]) => `${k} ${v}`)
            .join(' · ')}   truth: spam ${result.truth.spam} · ham ${result.truth.ham}`,
        );
        out(
          `decided by: ${Object.entries(result.decidedBy)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(' · ')}`,
        );
        if (result.events.length)
          out(`events: ${result.events.map((e) => `${e.kind} ${e.start.slice(0, 16)}Z`).join(' · ')}`);
        if (result.retraining.length)
          out(`retraining: ${result.retraining.map((r) => `${r.modelVersion} (${r.reports} reports)`).join(' · ')}`);
        out(`time: ${(result.elapsedMs / 1000).toFixed(1)} s`);
      },
    );
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}
