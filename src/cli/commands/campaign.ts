/**
 * `nograd campaign run|show|list|export`: practical evasion campaigns against a running system (the reference filter
 * in-process, an HTTP endpoint, a child process or a JS module), with every attempt stored as it happens so a run
 * can be resumed after a crash or `kill -9`. A thin shell over src/campaign (runCampaignFile, loadRunResult);
 * DuckDB and the corpus load inside the actions so `--help` stays instant.
 */

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { FORMATS_OF } from '../../report/format-names.js';
import { EXIT, UserError } from '../../util/errors.js';
import { integerOption, numberOption } from '../number-option.js';
import { color, out, parseFormat, printWarning, table } from '../output.js';

const STORE_HELP = 'the campaign store: a DuckDB file, or postgres://user@host:port/db (shared by workers)';
const DEFAULT_STORE = '.nograd/campaigns.duckdb';
/** Exit code after Ctrl-C / SIGTERM: the conventional 128 + SIGINT, so scripts can tell "interrupted" apart. */
const EXIT_INTERRUPTED = 130;
/**
 * Exit code of a run that ended `incomplete` (some attempts got no answer: throttled past maxRetryAfterMs, or failed
 * after retries): EX_TEMPFAIL from sysexits.h, "temporary failure, retry later" — resume it.
 */
const EXIT_INCOMPLETE = 75;
/** Under --no-progress, a run still says it is alive this often (a long throttled run is never silent). */
const HEARTBEAT_MS = 30_000;

interface RunOpts {
  store: string;
  resume?: string | true;
  cache: boolean;
  seed?: number;
  concurrency?: number;
  out?: string;
  calibration?: string;
  format: string;
  progress: boolean;
  progressInterval?: number;
  dryRun?: boolean;
  queue?: string;
  wait?: boolean;
}

export function register(program: Command): void {
  const campaign = program
    .command('campaign')
    .description(
      'Attack the running system the way real attackers do: cheap practical tactics (confusables, hidden words, MIME and ' +
        'URL tricks, account rotation, pacing, feedback abuse) against a target, every query, hour and dollar counted, ' +
        'every attempt stored and resumable.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  nograd campaign run examples/mail-filter/campaign.yaml\n' +
        '  nograd campaign run campaign.yaml --out result.json --calibration calibration.json\n' +
        '  nograd campaign run campaign.yaml --resume          # continue the newest unfinished run of this campaign\n' +
        '  nograd campaign list\n' +
        '  nograd campaign show latest --format json\n' +
        '\nThe campaign file format is described in docs/campaigns.md.',
    );

  campaign
    .command('run')
    .description('Run a campaign file (or resume an interrupted run) and print what got through, at what cost.')
    .argument('<file>', 'the campaign file (campaign.yaml)')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .option('--resume [run-id]', 'resume an interrupted run (default: the newest unfinished run of this campaign)')
    .option('--no-cache', 'neither use nor fill the answer cache (errors are never cached)')
    .option(
      '--seed <n>',
      'override the campaign seed (a different seed is a different run)',
      integerOption('--seed', 0, 2 ** 31 - 1),
    )
    .option(
      '--concurrency <n>',
      'override the requests in flight (does not change results)',
      integerOption('--concurrency', 1, 1024),
    )
    .option('-o, --out <file>', 'write the JSON result document (what `nograd report` renders) to this file')
    .option(
      '--calibration <file>',
      'write the calibration file (measured per-tactic success and cost) for `nograd analyze --calibration`',
    )
    .option('--format <format>', 'stdout: text (a summary) or json (the result document)', 'text')
    .option('--no-progress', 'no progress bar / progress lines on stderr (a line every 30 s and one at the end remain)')
    .option(
      '--progress-interval <seconds>',
      'seconds between progress lines when stderr is not a terminal (default 5)',
      numberOption('--progress-interval', { above: 0, max: 86_400 }),
    )
    .option('--dry-run', 'check the file, resolve the samples and tactics, print the plan, send nothing')
    .option(
      '--queue <url>',
      'distribute the run: queue it on this Redis (redis://host:port) for `nograd worker`s; needs --store postgres://…',
    )
    .option('--wait', 'with --queue: wait for the run to end, showing its progress, then print the result')
    .addHelpText(
      'after',
      '\nProgress (rate and ETA) goes to stderr: a bar on a terminal, a line every few seconds otherwise.\n' +
        'Ctrl-C stops cleanly: finished attempts are kept and `--resume` continues from there. Even after kill -9 a resume\n' +
        'loses and duplicates nothing: attempts are keyed deterministically and committed as they complete.\n' +
        '\nExit codes: 0 the campaign ran (completed, or stopped at a budget) · 2 invalid campaign file or usage, or the target\n' +
        'stopped answering · 75 incomplete: some attempts got no answer (throttled past maxRetryAfterMs, or failed), resume\n' +
        'it · 130 interrupted (resume it) · 70 internal error.',
    )
    .action(async (file: string, opts: RunOpts) => {
      const format = parseFormat(opts.format, FORMATS_OF['nograd-campaign-result']);
      if (opts.dryRun) {
        await dryRun(file, opts);
        return;
      }
      if (opts.wait && !opts.queue) throw new UserError('--wait goes with --queue (a local run always waits)');
      if (opts.queue) {
        await queued(file, opts, format);
        return;
      }
      const { runCampaignFile, buildCalibration, ProgressTracker, renderBar, renderLine } = await import(
        '../../campaign/index.js'
      );
      const controller = new AbortController();
      let interrupts = 0;
      const onSignal = () => {
        interrupts++;
        if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
        process.stderr.write('\nstopping: finishing the attempts in flight (Ctrl-C again to quit at once)…\n');
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const live = opts.progress && Boolean(process.stderr.isTTY);
      const tracker = new ProgressTracker(performance.now());
      let label = '';
      let lastDraw = 0;
      let runId = '';
      const lineEvery = (opts.progressInterval ?? 5) * 1000;
      const draw = (force = false) => {
        if (!opts.progress) return;
        const now = performance.now();
        if (!force && now - lastDraw < (live ? 100 : lineEvery)) return;
        lastDraw = now;
        const snap = tracker.snapshot(now);
        if (live) process.stderr.write(`\r\x1b[K${renderBar(snap, label, process.stderr.columns || 80)}`);
        else process.stderr.write(`${renderLine(snap, label)}\n`);
      };
      // --no-progress is quiet, not silent: a line every 30 s however long the run waits (throttling, a slow target).
      const heartbeat = opts.progress
        ? undefined
        : setInterval(() => {
            process.stderr.write(`still running: ${renderLine(tracker.snapshot(performance.now()), label)}\n`);
          }, HEARTBEAT_MS);
      heartbeat?.unref();
      // A line that is overdue while no attempt completes (every attempt waiting on a throttling target).
      const idle = opts.progress && !live ? setInterval(() => draw(), lineEvery) : undefined;
      idle?.unref();
      try {
        let result: import('../../campaign/index.js').CampaignResult | undefined;
        for await (const e of runCampaignFile(file, {
          store: opts.store,
          ...(opts.resume !== undefined ? { resume: opts.resume } : {}),
          cache: opts.cache,
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
          signal: controller.signal,
        })) {
          switch (e.type) {
            case 'start':
              runId = e.runId;
              tracker.setTotal(e.estimatedAttempts);
              if (opts.progress) {
                process.stderr.write(
                  `${e.resumed ? 'resuming' : 'started'} run ${e.runId} against ${e.target.kind} target (~${e.estimatedAttempts} attempts planned)\n`,
                );
              }
              break;
            case 'phase':
              label = `${e.phase}${e.variant === 'base' ? '' : ` [${e.variant}]`}`;
              draw(true);
              break;
            case 'attempt':
              tracker.advance(performance.now());
              draw();
              break;
            case 'warning':
              if (live) process.stderr.write('\r\x1b[K');
              printWarning(e.message);
              break;
            case 'stopped':
              if (live) process.stderr.write('\r\x1b[K');
              process.stderr.write(`run ${runId} ${e.status}: ${e.reason}\n`);
              break;
            case 'done':
              result = e.result;
              break;
          }
        }
        if (live) process.stderr.write('\r\x1b[K');
        if (!result) throw new Error('the campaign ended without a result');
        if (opts.out) writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
        if (opts.calibration) writeFileSync(opts.calibration, `${JSON.stringify(buildCalibration(result), null, 2)}\n`);
        if (format === 'json') out(JSON.stringify(result, null, 2));
        else {
          const { render } = await import('../../report/formats.js');
          out(render('nograd-campaign-result', 'text', result, { table: (h, r) => table(h, r) }));
          if (opts.out) out(color.dim(`result written to ${opts.out}`));
          if (opts.calibration)
            out(
              color.dim(
                `calibration written to ${opts.calibration} (use: nograd analyze system.yaml --calibration ${opts.calibration})`,
              ),
            );
        }
        if (!opts.progress) {
          process.stderr.write(
            `run ${result.runId} ${result.status}: ${tracker.snapshot(performance.now()).done} attempts\n`,
          );
        }
        const resumeHint = `resume with: nograd campaign run ${file} --resume ${result.runId}${opts.store !== DEFAULT_STORE ? ` --store ${opts.store}` : ''}\n`;
        if (result.status === 'interrupted') {
          process.stderr.write(resumeHint);
          process.exitCode = controller.signal.aborted ? EXIT_INTERRUPTED : EXIT.invalid;
        } else if (result.status === 'incomplete') {
          process.stderr.write(resumeHint);
          process.exitCode = EXIT_INCOMPLETE;
        } else if (result.status === 'failed') process.exitCode = EXIT.invalid;
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        if (idle) clearInterval(idle);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  campaign
    .command('show')
    .description('Show a stored run: its result (or, for a run that did not finish, what its stored attempts measure).')
    .argument('[run-id]', 'the run id, or "latest"', 'latest')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .option('--format <format>', 'text or json (the result document)', 'text')
    .option('-o, --out <file>', 'write the JSON result document to this file')
    .option('--calibration <file>', "write the run's calibration file")
    .option('--follow', 'while the run is going (e.g. on workers elsewhere), show its progress; then its result')
    .addHelpText(
      'after',
      '\nExample:  nograd campaign show latest --format json > result.json\n\nExit codes: 0 ok · 2 unknown run or store · 70 internal error.',
    )
    .action(
      async (
        runId: string,
        opts: { store: string; format: string; out?: string; calibration?: string; follow?: boolean },
      ) => {
        const format = parseFormat(opts.format, FORMATS_OF['nograd-campaign-result']);
        const { loadRunResult, buildCalibration } = await import('../../campaign/index.js');
        const store = await openExisting(opts.store);
        try {
          let id = runId;
          if (id === 'latest') {
            const newest = (await store.listRuns())[0];
            if (!newest)
              throw new UserError(`no runs in ${opts.store} yet (start one with \`nograd campaign run <file>\`)`);
            id = newest.runId;
          }
          const result = opts.follow ? await follow(store, id) : await loadRunResult(store, id);
          if (opts.out) writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
          if (opts.calibration)
            writeFileSync(opts.calibration, `${JSON.stringify(buildCalibration(result), null, 2)}\n`);
          if (format === 'json') out(JSON.stringify(result, null, 2));
          else {
            const { render } = await import('../../report/formats.js');
            out(render('nograd-campaign-result', 'text', result, { table: (h, r) => table(h, r) }));
          }
        } finally {
          await store.close();
        }
      },
    );

  campaign
    .command('list')
    .description('List the runs in the campaign store, newest first.')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .option('--format <format>', 'text or json', 'text')
    .addHelpText('after', '\nExit codes: 0 ok · 2 unknown store · 70 internal error.')
    .action(async (opts: { store: string; format: string }) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const store = await openExisting(opts.store);
      try {
        const runs = await store.listRuns();
        if (format === 'json') {
          out(
            JSON.stringify(
              runs.map(({ config: _c, ...r }) => r),
              null,
              2,
            ),
          );
          return;
        }
        if (!runs.length) {
          out(`no runs in ${opts.store}`);
          return;
        }
        out(
          table(
            ['run', 'campaign', 'status', 'attempts', 'started', 'file'],
            runs.map((r) => [
              r.runId,
              r.name,
              r.status + (r.stopReason ? ` (${r.stopReason})` : ''),
              String(r.attempts),
              new Date(r.createdMs).toISOString().replace('T', ' ').slice(0, 19),
              r.campaignFile,
            ]),
          ),
        );
      } finally {
        await store.close();
      }
    });

  campaign
    .command('export')
    .description(
      "Export a run's evasive variants (or all its answered attempts) as a dataset: mbox (exact bytes) or JSONL (provenance, base64 bytes).",
    )
    .argument('[store-or-dir]', 'a campaign store file, or a folder holding .nograd/campaigns.duckdb', DEFAULT_STORE)
    .option('--run <id>', 'the run to export (default: the newest)')
    .requiredOption('--format <format>', 'mbox or jsonl')
    .requiredOption('-o, --out <file>', 'the file to write')
    .option('--all', 'every answered attempt (untouched seeds and blocked variants too), not only the evasive variants')
    .option(
      '--headers',
      'mbox: add X-Nograd-* provenance headers to each message (its bytes then differ by those lines)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  nograd campaign export --format mbox -o evasive.mbox\n  nograd campaign export .nograd/campaigns.duckdb --run run-1 --format jsonl -o all.jsonl --all\n\nExit codes: 0 ok · 2 unknown store, run or format · 70 internal error.',
    )
    .action(
      async (where: string, opts: { run?: string; format: string; out: string; all?: boolean; headers?: boolean }) => {
        const { exportRun, EXPORT_FORMATS } = await import('../../campaign/index.js');
        const format = parseFormat(opts.format, EXPORT_FORMATS);
        if (opts.headers && format !== 'mbox') throw new UserError('--headers applies to --format mbox');
        const store = await openExisting(await storeIn(where));
        const { closeSync, openSync, renameSync, writeSync } = await import('node:fs');
        const partial = `${opts.out}.partial`;
        let fd: number;
        try {
          fd = openSync(partial, 'w');
        } catch (e) {
          await store.close();
          throw new UserError(`cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        try {
          const s = await exportRun(
            store,
            {
              ...(opts.run ? { runId: opts.run } : {}),
              format,
              all: opts.all === true,
              headers: opts.headers === true,
            },
            (chunk) => {
              writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
            },
          );
          closeSync(fd);
          renameSync(partial, opts.out);
          const what = s.selection === 'all' ? 'answered attempts' : 'evasive variants';
          printWarning(
            `exported ${s.written} ${what} of run ${s.runId} to ${opts.out} (${format}${s.rederived ? `; ${s.rederived} re-derived from the seeds and verified against the input hash` : ''})`,
          );
          if (s.notReproduced) {
            printWarning(
              `left out ${s.notReproduced} attempts whose bytes the store did not keep and that could not be reproduced: ${s.notReproducedReason}`,
            );
          }
          if (s.lineEndsAdded) {
            printWarning(
              `${s.lineEndsAdded} messages had no final line end; mbox gave them one (the JSONL export keeps the exact bytes)`,
            );
          }
          if (opts.headers) printWarning('each message starts with added X-Nograd-* provenance headers (--headers)');
        } catch (e) {
          try {
            closeSync(fd);
          } catch {}
          const { rmSync } = await import('node:fs');
          rmSync(partial, { force: true });
          throw e;
        } finally {
          await store.close();
        }
      },
    );
}

/** A store file as given, or the default store inside a folder (a project folder or its .nograd/). */
async function storeIn(where: string): Promise<string> {
  const { existsSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  if (!existsSync(where) || !statSync(where).isDirectory()) return where;
  for (const candidate of [join(where, DEFAULT_STORE), join(where, 'campaigns.duckdb')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UserError(`no campaign store in ${where} (looked for ${DEFAULT_STORE} and campaigns.duckdb)`);
}

async function openExisting(path: string): Promise<import('../../campaign/index.js').CampaignStore> {
  const { existsSync } = await import('node:fs');
  const { isPostgresUrl, openStore } = await import('../../campaign/index.js');
  if (isPostgresUrl(path)) return openStore(path);
  if (!existsSync(path))
    throw new UserError(
      `no campaign store at ${path} (runs are stored there by \`nograd campaign run\`; or pass --store)`,
    );
  return openStore(path);
}

/** Progress of a run in the store (any store, any machine) until it ends; then its result. */
async function follow(
  store: import('../../campaign/index.js').CampaignStore,
  runId: string,
): Promise<import('../../campaign/index.js').CampaignResult> {
  const { followRun } = await import('../../campaign/queue/enqueue.js');
  let last = '';
  return followRun(store, runId, ({ run }) => {
    const line = `progress: ${run.attempts} attempts stored · ${run.status}`;
    if (line !== last) process.stderr.write(`${line}\n`);
    last = line;
  });
}

/** `campaign run --queue`: enqueue for the workers; with --wait, follow the run to its end like a local run. */
async function queued(file: string, opts: RunOpts, format: string): Promise<void> {
  const { enqueueCampaign } = await import('../../campaign/queue/enqueue.js');
  const { runId, resumed } = await enqueueCampaign(file, {
    queue: opts.queue!,
    store: opts.store,
    cache: opts.cache,
    ...(opts.resume !== undefined ? { resume: opts.resume } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  });
  process.stderr.write(
    `${resumed ? 'resumed' : 'queued'} run ${runId} on ${opts.queue} (workers: nograd worker --queue …)\n`,
  );
  if (!opts.wait) {
    out(runId);
    return;
  }
  const { openStore } = await import('../../campaign/index.js');
  const store = await openStore(opts.store);
  try {
    const result = await follow(store, runId);
    if (opts.out) writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
    if (format === 'json') out(JSON.stringify(result, null, 2));
    else {
      const { render } = await import('../../report/formats.js');
      out(render('nograd-campaign-result', 'text', result, { table: (h, r) => table(h, r) }));
    }
    process.stderr.write(`run ${result.runId} ${result.status}: ${result.totals.attempts} attempts\n`);
    if (result.status === 'incomplete') process.exitCode = EXIT_INCOMPLETE;
    else if (result.status === 'interrupted' || result.status === 'failed') process.exitCode = EXIT.invalid;
  } finally {
    await store.close();
  }
}

async function dryRun(file: string, opts: RunOpts): Promise<void> {
  const { prepareCampaign, compositionChains } = await import('../../campaign/index.js');
  const p = await prepareCampaign(file, {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  });
  const c = p.loaded.config;
  const target = Object.keys(c.target).find((k) => (c.target as Record<string, unknown>)[k] !== undefined) ?? '?';
  out(`campaign ${c.name} (${p.loaded.file}) is valid`);
  out(`target: ${target} · seeds: ${p.seeds.source}${p.benign ? ` · benign: ${p.benign.source}` : ''}`);
  out(`tactics (${p.tactics.tactics.length}):`);
  out(
    table(
      ['name', 'catalog id', 'kind', 'params', 'simple defence'],
      p.tactics.tactics.map((t) => [
        t.name,
        t.id + (t.catalog ? '' : ' (not in catalog)'),
        t.kind,
        briefParams(t.params),
        // The heuristics the tactic's definition says defuse it (src/campaign/oracles/heuristics).
        t.executable.defusedBy.join(', '),
      ]),
    ),
  );
  const combos = c.search.compositions
    ? compositionChains(p.tactics, c.search.compositions.depth, c.search.compositions.max).length
    : 0;
  out(
    `search: ${c.search.single ? 'each tactic alone' : 'no single tactics'}${combos ? `, ${combos} compositions` : ''}` +
      `${c.search.beam ? `, beam width ${c.search.beam.width} depth ${c.search.beam.depth} budget ${c.search.beam.budget} queries` : ''}` +
      ` · repeats ${c.repeats} · seed ${c.seed} · concurrency ${c.concurrency}` +
      `${c.hardening.length ? ` · hardening comparison: ${c.hardening.join(', ')}` : ''}`,
  );
}

/** Parameters in one short line: lists shown by their length (the word lists are long). */
function briefParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length} items]` : JSON.stringify(v)}`)
    .join(' ');
}
