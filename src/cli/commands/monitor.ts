import type { Command } from 'commander';
import { EXIT, UserError } from '../../util/errors.js';
import { integerOption, numberOption } from '../number-option.js';
import { color, emit, out, parseFormat, printWarning, table } from '../output.js';

const FORMATS = ['text', 'json'] as const;
const SEVERITY_LIST = 'info, low, medium, high, critical, none';

/** Progress lines on stderr, only when a person is watching. */
function progress(): ((m: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (m) => process.stderr.write(`\r\x1b[K${color.dim(`… ${m}`)}`);
}
function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;

export function register(program: Command): void {
  const monitor = program
    .command('monitor')
    .description(
      'Monitor a deployed ML system from its decision logs: a posture baseline, drift statistics with effect-size thresholds, security signals (probing, template surges, feedback spikes, silent layers, score drift, review overload) and de-duplicated alerts.',
    )
    .addHelpText(
      'after',
      '\nTypical cron job:\n  nograd monitor baseline logs/2024-04-*.parquet --out baseline.json --capacity 400\n  nograd monitor check logs/ --baseline baseline.json --window 1d --state monitor-state.json --sink webhook:$HOOK --fail-on high\n\nDocs: docs/monitor.md',
    );

  monitor
    .command('baseline')
    .description(
      'Build a posture baseline from clean decision logs (JSONL/Parquet files, globs or directories) and write it as JSON.',
    )
    .argument(
      '<logs...>',
      'decision logs: .jsonl/.parquet files, globs, or directories (DIR/decisions.parquet or DIR/decisions.jsonl)',
    )
    .requiredOption('-o, --out <file>', 'where to write the baseline JSON')
    .option('--since <iso>', 'ignore records before this time (ISO-8601; a date means 00:00 UTC)')
    .option('--until <iso>', 'ignore records at or after this time (e.g. the first day you do not trust)')
    .option(
      '--capacity <n>',
      'human review capacity in items per day (enables absolute review-overload alerts)',
      numberOption('--capacity', { above: 0 }),
    )
    .option(
      '--window <duration>',
      'window size for the per-window series and threshold calibration (use the same for check)',
      '1d',
    )
    .option('--bins <n>', 'score quantile bins for PSI / Jensen–Shannon', integerOption('--bins', 2, 100), 10)
    .option(
      '--near-band <x>',
      'a score within ±x of its threshold counts as near-threshold (probing)',
      numberOption('--near-band', { above: 0 }),
      0.05,
    )
    .option(
      '--young-days <n>',
      'accounts younger than n days are "young" (feedback-spike)',
      numberOption('--young-days', { above: 0 }),
      7,
    )
    .option('-f, --format <format>', `summary format on stdout: ${FORMATS.join(', ')}`, 'text')
    .addHelpText(
      'after',
      '\nExit codes: 0 written · 2 invalid input (unreadable logs, no records in range, bad option)',
    )
    .action(
      async (
        logs: string[],
        opts: {
          out: string;
          since?: string;
          until?: string;
          capacity?: number;
          window: string;
          bins: number;
          nearBand: number;
          youngDays: number;
          format: string;
        },
      ) => {
        const format = parseFormat(opts.format, FORMATS);
        const { createBaseline, writeBaseline, resolveLogInputs, parseDuration, parseInstant } = await import(
          '../../monitor/index.js'
        );
        const windowMs = parseDuration(opts.window);
        if (windowMs === null) throw new UserError('--window for a baseline must be a duration such as 1d or 6h');
        const baseline = await createBaseline(resolveLogInputs(logs), {
          windowMs,
          scoreBins: opts.bins,
          capacityPerDay: opts.capacity ?? null,
          range: { since: parseInstant(opts.since, '--since'), until: parseInstant(opts.until, '--until') },
          aggregation: { nearBand: opts.nearBand, youngAccountDays: opts.youngDays },
          progress: progress(),
        }).finally(endProgress);
        writeBaseline(opts.out, baseline);
        if (format === 'json') {
          out(JSON.stringify(baseline.posture, null, 2));
          return;
        }
        const p = baseline.posture;
        out(
          `${color.green('✔')} baseline written to ${opts.out}: ${p.rows} decisions over ${p.days.toFixed(1)} days (${baseline.source.firstTs} → ${baseline.source.lastTs})`,
        );
        const rows: string[][] = [
          ['decisions / day', p.rowsPerDay.toFixed(0)],
          [
            'allow · review · block',
            `${pct(p.decisionRates.allow)} · ${pct(p.decisionRates.review)} · ${pct(p.decisionRates.block)}`,
          ],
          [
            'blocks by layer',
            Object.entries(p.blockRateByLayer)
              .map(([k, v]) => `${k} ${pct(v)}`)
              .join(', ') || '—',
          ],
          [
            'blocks by component',
            Object.entries(p.blockRateByDecider)
              .map(([k, v]) => `${k} ${pct(v)}`)
              .join(', ') || '—',
          ],
          [
            'score mean ± sd',
            `${p.score.mean.toFixed(3)} ± ${p.score.std.toFixed(3)} (${p.score.scored} scored, ${p.score.quantileEdges.length + 1} quantile bins)`,
          ],
          [
            'review load',
            `${p.reviewLoad.perDay.mean.toFixed(1)}/day (max ${p.reviewLoad.perDay.max.toFixed(0)})${p.reviewLoad.capacityPerDay ? `, ${pct(p.reviewLoad.utilization ?? 0)} of capacity ${p.reviewLoad.capacityPerDay}/day, ${p.reviewLoad.windowsOverCapacity} window(s) over` : ', no capacity set (--capacity)'}`,
          ],
          [
            'user reports',
            `spam ${pct(p.reports.spamRate)}, not-spam ${pct(p.reports.notSpamRate)} (${pct(p.reports.notSpamYoungShare)} on young accounts' messages)`,
          ],
          ['overturned blocks', pct(p.overturnRate)],
          [
            'templates',
            `${p.input.templates.distinct} distinct, top ${pct(p.input.templates.topShare)}, HHI ${p.input.templates.hhi.toFixed(4)}`,
          ],
          [
            'calibration (max of windows)',
            `PSI ${baseline.calibration['score.psi'].max.toFixed(3)}, KS ${baseline.calibration['score.ks'].max.toFixed(3)}, JS ${baseline.calibration['score.js'].max.toFixed(3)} over ${baseline.calibration['score.psi'].n} windows`,
          ],
        ];
        out(table(['posture', 'value'], rows));
        if (baseline.windows < 3)
          printWarning(
            `only ${baseline.windows} window(s): thresholds fall back to their fixed floors (calibration needs ≥ 3)`,
          );
      },
    );

  monitor
    .command('check')
    .description(
      'Check decision logs against a baseline, window by window: drift statistics, operational metrics and security signals, evaluated by alert rules and sent to sinks.',
    )
    .argument('<logs...>', 'decision logs: .jsonl/.parquet files, globs, or directories')
    .requiredOption('-b, --baseline <file>', 'the baseline JSON from `nograd monitor baseline`')
    .option('-r, --rules <file>', 'alert rules YAML (default: the built-in rules; see `nograd monitor rules --print`)')
    .option(
      '-w, --window <duration>',
      "window size (1d, 6h, 30m) or 'all' for one window over the input (default: the baseline's window)",
    )
    .option('--since <iso>', 'only check records from this time')
    .option('--until <iso>', 'only check records before this time')
    .option(
      '-s, --sink <spec>',
      'where alerts go, repeatable: terminal, jsonl:FILE, webhook:URL, sarif:FILE, or a sink named in the rules file (default: terminal)',
      collect,
    )
    .option(
      '--state <file>',
      'state file: alerts already sent are not re-sent, persistence spans runs (created if missing)',
    )
    .option('--fail-on <severity>', `exit 1 when an alert at or above this severity fires (${SEVERITY_LIST})`, 'low')
    .option(
      '-f, --format <format>',
      `stdout: text (the terminal sink) or json (the full result; no terminal sink unless --sink terminal)`,
      'text',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 no alert at/above --fail-on · 1 alerts at/above --fail-on (with --state: only alerts not sent before) · 2 invalid input (logs, baseline, rules, state, options)',
    )
    .action(
      async (
        logs: string[],
        opts: {
          baseline: string;
          rules?: string;
          window?: string;
          since?: string;
          until?: string;
          sink?: string[];
          state?: string;
          failOn: string;
          format: string;
        },
      ) => {
        const format = parseFormat(opts.format, FORMATS);
        const { monitorCheck, parseInstant, FAIL_ON } = await import('../../monitor/index.js');
        if (!(FAIL_ON as readonly string[]).includes(opts.failOn))
          throw new UserError(`unknown severity '${opts.failOn}' for --fail-on (choose one of: ${SEVERITY_LIST})`);
        const sinks = opts.sink ?? (format === 'json' ? [] : ['terminal']);
        const r = await monitorCheck({
          logs,
          baseline: opts.baseline,
          ...(opts.rules ? { rules: opts.rules } : {}),
          ...(opts.window ? { window: opts.window } : {}),
          range: { since: parseInstant(opts.since, '--since'), until: parseInstant(opts.until, '--until') },
          sinks,
          ...(opts.state ? { state: opts.state } : {}),
          failOn: opts.failOn as never,
          progress: progress(),
          sinkOptions: {
            webhook: {
              onRetry: ({ attempt, delayMs, reason }) =>
                printWarning(
                  `webhook delivery failed (${reason}); retry ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s`,
                ),
            },
          },
        }).finally(endProgress);
        for (const w of r.result.warnings) printWarning(w);
        for (const s of r.delivery.sinks)
          for (const f of s.failed) printWarning(`${s.sink}: alert ${f.key} not delivered: ${f.error}`);
        if (format === 'json')
          out(
            JSON.stringify(
              { ...r.result, delivery: r.delivery.sinks, fresh: r.delivery.fresh.length, exitCode: r.exitCode },
              null,
              2,
            ),
          );
        const n = r.result.alerts.length;
        const summary =
          n === 0
            ? `${color.green('✔')} no alerts in ${r.result.windows.length} window(s) of ${r.result.window}`
            : `${n} alert${n === 1 ? '' : 's'} in ${r.result.windows.length} window(s) of ${r.result.window}${opts.state ? `, ${r.delivery.fresh.length} new` : ''}; ${r.failing} at or above ${opts.failOn}`;
        process.stderr.write(`${summary}\n`);
        process.exitCode = r.exitCode;
      },
    );

  monitor
    .command('evaluate')
    .description(
      'Evaluate the monitor on simulated traffic with injected events (DIR/decisions.* and DIR/events.json, from `nograd reference traffic --inject …`): baseline on the clean days before the first event (or on the first days of an event-free run given with --clean), check the rest, report per-event detection, time-to-detect and the false-alarm rate over clean windows.',
    )
    .argument('<dir>', 'a traffic directory with decisions.parquet or decisions.jsonl, and events.json')
    .option(
      '--clean <dir>',
      'an event-free traffic directory (e.g. the same --traffic-seed with no --inject): the baseline comes from its first days and all its later windows count as clean',
    )
    .option('-r, --rules <file>', 'alert rules YAML (default: the built-in rules)')
    .option('-w, --window <duration>', 'window size', '1d')
    .option(
      '--baseline-days <n>',
      'at most this many clean days before the first event form the baseline',
      numberOption('--baseline-days', { above: 0 }),
      7,
    )
    .option('--capacity <n>', 'review capacity per day for the baseline', numberOption('--capacity', { above: 0 }))
    .option(
      '--max-false-alarm-rate <x>',
      'exit 1 when the false-alarm rate over clean windows exceeds x (0–1)',
      numberOption('--max-false-alarm-rate', { above: 0 }),
    )
    .option('--require-all', 'exit 1 when an injected event is not detected')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  nograd reference traffic --out clean --days 14 --per-day 1000\n  nograd reference traffic --out attacked --days 14 --per-day 1000 --inject all\n  nograd monitor evaluate attacked --clean clean --max-false-alarm-rate 0.2\n\nExit codes: 0 evaluated (gates met) · 1 a gate failed (--require-all, --max-false-alarm-rate) · 2 invalid input',
    )
    .action(
      async (
        dir: string,
        opts: {
          clean?: string;
          rules?: string;
          window: string;
          baselineDays: number;
          capacity?: number;
          maxFalseAlarmRate?: number;
          requireAll?: boolean;
          format: string;
          out?: string;
        },
      ) => {
        const format = parseFormat(opts.format, FORMATS);
        const {
          evaluateTraffic,
          readEvents,
          loadRules,
          resolveLogInputs,
          parseDuration,
          detectionRows,
          falseAlarmRows,
          falseAlarmLine,
        } = await import('../../monitor/index.js');
        const { existsSync } = await import('node:fs');
        const { join } = await import('node:path');
        const eventsFile = join(dir, 'events.json');
        if (!existsSync(eventsFile))
          throw new UserError(
            `no events.json in '${dir}' (evaluate needs the injected events that \`nograd reference traffic --inject …\` writes)`,
          );
        const windowMs = parseDuration(opts.window);
        if (windowMs === null) throw new UserError('--window for evaluate must be a duration such as 1d or 6h');
        let clean: ReturnType<typeof resolveLogInputs> | undefined;
        if (opts.clean !== undefined) {
          const cleanEvents = join(opts.clean, 'events.json');
          if (existsSync(cleanEvents) && readEvents(cleanEvents).length > 0)
            throw new UserError(
              `--clean ${opts.clean} has injected events (its events.json lists some): pass a run made without --inject`,
            );
          clean = resolveLogInputs([opts.clean]);
        }
        const r = await evaluateTraffic(resolveLogInputs([dir]), {
          events: readEvents(eventsFile),
          ...(clean ? { clean } : {}),
          windowMs,
          baselineDays: opts.baselineDays,
          ...(opts.rules ? { rules: loadRules(opts.rules) } : {}),
          capacityPerDay: opts.capacity ?? null,
          progress: progress(),
        }).finally(endProgress);
        if (format === 'json') emit(JSON.stringify(r, null, 2), opts.out);
        else {
          const detection = detectionRows(r);
          const rows = detection.rows.map(([kind, start, result, ttd, rules]) => [
            kind as string,
            start as string,
            result === 'detected' ? color.green(result) : color.red(result as string),
            ttd as string,
            rules as string,
          ]);
          const fa = falseAlarmRows(r);
          const lines = [
            `baseline ${r.baseline.since} → ${r.baseline.until} from the ${r.baseline.from === 'clean' ? 'clean' : 'injected'} run (${r.baseline.windows} windows, ${r.baseline.rows} decisions); checked ${r.checked.windows} windows of ${r.window}${r.clean ? ` of the injected run and ${r.clean.windows} of the clean run` : ''}`,
            table(detection.headers, rows),
            `detected ${r.detected}/${r.events.length} injected events`,
            ...(fa ? [table(fa.headers, fa.rows)] : []),
            falseAlarmLine(r),
            ...r.falseAlarms.map((a) =>
              color.dim(`  false alarm ${a.window.start.slice(0, 16)} ${a.ruleId} ${a.subject}: ${a.message}`),
            ),
          ];
          emit(lines.join('\n'), opts.out);
        }
        const missed = r.events.length - r.detected;
        if (
          (opts.requireAll && missed > 0) ||
          (opts.maxFalseAlarmRate !== undefined &&
            (r.falseAlarmRate === null || r.falseAlarmRate > opts.maxFalseAlarmRate))
        )
          process.exitCode = EXIT.gate;
      },
    );

  monitor
    .command('rules')
    .description(
      'Validate an alert rules file and list its rules, or print the built-in rules, the metrics and the signals rules can use.',
    )
    .argument('[file]', 'a rules YAML file to validate (default: the built-in rules)')
    .option('--print', 'print the built-in rules YAML (a starting point for your own file)')
    .option('--metrics', 'list the metrics and signals a rule can reference')
    .addHelpText('after', '\nExit codes: 0 valid · 2 invalid (every problem as file:line:col)')
    .action(async (file: string | undefined, opts: { print?: boolean; metrics?: boolean }) => {
      const m = await import('../../monitor/index.js');
      if (opts.print) {
        out(m.DEFAULT_RULES_YAML);
        return;
      }
      if (opts.metrics) {
        out(
          table(
            ['signal', 'fires when'],
            m.SIGNALS.map((s) => [s.id, s.description]),
          ),
        );
        out('');
        out(
          table(
            ['metric', 'meaning'],
            [
              ...m.METRICS.map((x) => [x.name, x.description]),
              [
                'layer.<component>.block_rate|block_ratio',
                'blocks by one deciding component ÷ records (ratio: ÷ its baseline rate)',
              ],
            ],
          ),
        );
        return;
      }
      const set = file ? m.loadRules(file) : m.defaultRules();
      out(
        `${color.green('✔')} ${file ?? 'built-in rules'}: ${set.rules.length} rule${set.rules.length === 1 ? '' : 's'}${Object.keys(set.sinks).length ? `, sinks: ${Object.keys(set.sinks).join(', ')}` : ''}`,
      );
      for (const r of set.rules) out(`  ${m.describeRule(r)}`);
    });
}
