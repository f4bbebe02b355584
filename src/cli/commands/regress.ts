/**
 * `nograd regress …`: run a regression suite (mined by `nograd traces mine`, or written by hand) against a target,
 * for CI: pass/fail per case, repeats for flaky targets, JUnit and JSON output, exit 1 when a case regresses.
 * A thin shell over src/regress.
 */

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, UserError } from '../../util/errors.js';
import { integerOption } from '../number-option.js';
import { color, out } from '../output.js';

const TARGET_HELP =
  'what to test: reference | reference:regressed | reference:nb,hardened | http://127.0.0.1:PORT | command:./my-filter | module:./filter.js | target.yaml';

const collect = (value: string, previous: string[]) => [...previous, value];

interface RunCliOptions {
  target: string;
  repeat: number;
  minPasses?: number;
  concurrency: number;
  junit?: string;
  json?: string;
  format: string;
  only: string[];
  verbose?: boolean;
}

export function register(program: Command): void {
  const regress = program
    .command('regress')
    .description(
      'Run regression suites (from `nograd traces mine`, or hand-written) against a target; JUnit for CI (see docs/traces.md).',
    );

  regress
    .command('run')
    .description(
      'Decide every case of a suite with the target and check it against its expectation. Exit 1 when a case regresses.',
    )
    .argument('<suite>', 'suite file (.yaml, or .jsonl for large suites)')
    .requiredOption('-t, --target <target>', TARGET_HELP)
    .option(
      '--repeat <n>',
      'runs per case, for targets that are not deterministic',
      integerOption('--repeat', 1, 100),
      1,
    )
    .option(
      '--min-passes <n>',
      'passing runs a case needs (default: a majority of --repeat)',
      integerOption('--min-passes', 1, 100),
    )
    .option(
      '--concurrency <n>',
      'cases in flight at once (default 1: stateful targets see a fixed order)',
      integerOption('--concurrency', 1, 256),
      1,
    )
    .option('--junit <file>', 'write JUnit XML here (for CI test reports)')
    .option('--json <file>', 'write the full result (nograd-suite-result JSON) here; `nograd report` renders it')
    .option('--format <format>', 'stdout: text or json', 'text')
    .option('--only <id>', 'run only cases whose id contains this; repeatable', collect, [])
    .option('-v, --verbose', 'list passing cases too')
    .addHelpText(
      'after',
      '\nStatuses: pass · fail (a regression) · error (the target gave no answer) · known-failure (marked knownFailure, still failing) · fixed (marked, passes now).\n' +
        '\nExamples:\n' +
        '  nograd regress run suite.yaml --target reference --junit junit.xml\n' +
        '  nograd regress run suite.yaml --target http://127.0.0.1:8080 --repeat 3 --json result.json\n' +
        '  nograd regress run suite.yaml --target command:./bin/score-mail\n' +
        '\nA command target reads one JSON object {id, content, context} on stdin and prints {"decision": "allow|review|block", "score": 0.42}.\n' +
        '\nExit codes: 0 no case failed or errored · 1 a case regressed or the target gave no answer · 2 invalid suite, target or usage',
    )
    .action(async (suiteFile: string, opts: RunCliOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new UserError(`unknown format '${opts.format}' (choose one of: text, json)`);
      if (opts.minPasses !== undefined && opts.minPasses > opts.repeat) {
        throw new UserError(`--min-passes ${opts.minPasses} is more than --repeat ${opts.repeat}`);
      }
      const [{ loadSuite }, { targetFromSpec }, { runSuite }, { render }, { terminalProgress }] = await Promise.all([
        import('../../regress/suite.js'),
        import('../../targets/from-spec.js'),
        import('../../regress/run.js'),
        import('../../report/formats.js'),
        import('../../traces/progress.js'),
      ]);
      const loaded = loadSuite(suiteFile);
      const target = await targetFromSpec(opts.target);
      const progress = terminalProgress();
      const abort = new AbortController();
      const onSigint = () => abort.abort(new UserError('interrupted', 130));
      process.once('SIGINT', onSigint);
      let result: Awaited<ReturnType<typeof runSuite>>;
      try {
        result = await runSuite(loaded.suite, target, {
          repeat: opts.repeat,
          ...(opts.minPasses ? { minPasses: opts.minPasses } : {}),
          concurrency: opts.concurrency,
          suiteFile: loaded.file,
          only: opts.only,
          signal: abort.signal,
          onCase: (r, done, total) => progress.update(`case ${done}/${total}: ${r.id} ${r.status}`),
        });
      } finally {
        progress.done();
        process.off('SIGINT', onSigint);
        await target.close();
      }
      if (opts.only.length && result.cases.length === 0)
        throw new UserError(`no case id contains ${opts.only.map((s) => `'${s}'`).join(' or ')}`);
      if (opts.junit) writeFileSync(opts.junit, render('nograd-suite-result', 'junit', result));
      if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
      out(render('nograd-suite-result', opts.format, result, { verbose: Boolean(opts.verbose), style: color }));
      if (!result.passed) process.exitCode = EXIT.gate;
    });

  regress
    .command('baseline')
    .description(
      'Run a suite and mark the cases that fail today as known failures (and clear the mark from those that pass), so the gate means "no new regressions".',
    )
    .argument('<suite>', 'suite file (.yaml or .jsonl)')
    .requiredOption('-t, --target <target>', TARGET_HELP)
    .option('-o, --out <file>', 'write the baselined suite here (default: rewrite the suite in place)')
    .option('--repeat <n>', 'runs per case', integerOption('--repeat', 1, 100), 1)
    .addHelpText(
      'after',
      '\nExample:  nograd traces mine logs/ -o suite.yaml && nograd regress baseline suite.yaml --target reference\n' +
        '\nExit codes: 0 written · 2 invalid suite, target or usage',
    )
    .action(async (suiteFile: string, opts: { target: string; out?: string; repeat: number }) => {
      const [{ loadSuite, writeSuite, suiteFormatOf }, { targetFromSpec }, { runSuite }, { applyBaseline }] =
        await Promise.all([
          import('../../regress/suite.js'),
          import('../../targets/from-spec.js'),
          import('../../regress/run.js'),
          import('../../regress/baseline.js'),
        ]);
      const loaded = loadSuite(suiteFile);
      const target = await targetFromSpec(opts.target);
      let result: Awaited<ReturnType<typeof runSuite>>;
      try {
        result = await runSuite(loaded.suite, target, { repeat: opts.repeat, suiteFile: loaded.file });
      } finally {
        await target.close();
      }
      const { suite, changes } = applyBaseline(loaded.suite, result);
      const dest = opts.out ?? suiteFile;
      writeSuite(dest, suite, opts.out ? suiteFormatOf(opts.out) : loaded.format);
      out(
        `baselined ${suite.cases.length} cases on ${target.info.fingerprint}: ${changes.marked.length} newly marked as known failures, ` +
          `${changes.cleared.length} cleared, ${changes.errors.length} target errors left as they were → ${dest}`,
      );
    });

  regress
    .command('check')
    .description('Validate a suite file (every problem with file:line) and summarise its cases.')
    .argument('<suite>', 'suite file (.yaml or .jsonl)')
    .addHelpText('after', '\nExit codes: 0 valid · 2 invalid')
    .action(async (suiteFile: string) => {
      const { loadSuite } = await import('../../regress/suite.js');
      const { suite } = loadSuite(suiteFile);
      const byMiner = new Map<string, number>();
      for (const c of suite.cases)
        byMiner.set(c.provenance?.miner ?? 'manual', (byMiner.get(c.provenance?.miner ?? 'manual') ?? 0) + 1);
      const known = suite.cases.filter((c) => c.knownFailure).length;
      out(
        `${suiteFile}: valid suite${suite.name ? ` '${suite.name}'` : ''} with ${suite.cases.length} cases (${known} known failures)` +
          (byMiner.size ? `\n  ${[...byMiner].map(([m, n]) => `${m} ${n}`).join(' · ')}` : ''),
      );
    });
}
