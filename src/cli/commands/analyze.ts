import type { Command } from 'commander';
import { SEVERITIES, type Severity } from '../../model/vocabulary.js';
import { FORMATS_OF } from '../../report/format-names.js';
import { EXIT, UserError } from '../../util/errors.js';
import {
  type AnalysisCliOptions,
  addAnalysisOptions,
  addEconomicsOptions,
  type EconomicsCliOptions,
} from '../analysis-options.js';
import { color, emit } from '../output.js';

const FORMATS = FORMATS_OF['nograd-analysis'];

interface Opts extends AnalysisCliOptions, EconomicsCliOptions {
  format: string;
  out?: string;
  failOn?: string;
  verbose?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('analyze')
    .summary('Findings, attack paths and costs, and recommended controls for a system model')
    .description(
      'Analyze a system model: which practical tactics each attacker can use on each component, what counters them, rule-based findings with file:line:col, remediation and ATLAS/AIDEFEND ids — and the economics: cheapest attack path per attacker with its full cost vector, Pareto front, defender cost, control recommendations and (with --simulate) a seeded Monte Carlo campaign.',
    )
    .argument('<model>', 'the system model YAML file')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding at or above this severity is not suppressed (${SEVERITIES.join(', ')})`,
    )
    .option('-v, --verbose', 'list every component in the terminal summary')
    .option('--no-economics', 'skip attack paths, costs and recommendations (findings only)');
  addEconomicsOptions(addAnalysisOptions(cmd))
    .addHelpText(
      'after',
      `
Examples:
  nograd analyze examples/mail-filter/system.yaml
  nograd analyze system.yaml --simulate 10000 --seed 7 --format json -o analysis.json
  nograd analyze system.yaml --weights money=1,humanHours=100 --budget money=200,timeHours=72
  nograd analyze examples/payment-fraud/system.yaml --packs fraud   (a domain pack instead of mail)
  nograd analyze system.yaml --calibration calibration.json    (predicted vs measured)
  nograd analyze system.yaml --format sarif -o nograd.sarif --fail-on high   (code scanning + CI gate)
  nograd analyze system.yaml --format md > threat-model.md                   (pull-request comment)

Exit codes: 0 ok · 1 findings at or above --fail-on · 2 invalid model, rule file, triage entry, calibration file or option`,
    )
    .action(async (file: string, opts: Opts) => {
      const { rendererFor } = await import('../../report/formats.js');
      const renderer = rendererFor('nograd-analysis', opts.format);
      if (opts.failOn && !(SEVERITIES as readonly string[]).includes(opts.failOn)) {
        throw new UserError(
          `unknown severity '${opts.failOn}' for --fail-on (choose one of: ${SEVERITIES.join(', ')})`,
        );
      }
      const { economicsOptions, runAnalysis } = await import('../run-analysis.js');
      const economics = economicsOptions(opts);
      const { result } = runAnalysis(file, opts, {}, economics);
      emit(renderer.render(result, { baseDir: process.cwd(), style: color, verbose: Boolean(opts.verbose) }), opts.out);
      if (opts.failOn) {
        const min = SEVERITIES.indexOf(opts.failOn as Severity);
        const gated = result.findings.filter((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) >= min);
        if (gated.length > 0) {
          process.stderr.write(`${gated.length} finding${gated.length === 1 ? '' : 's'} at or above ${opts.failOn}\n`);
          process.exitCode = EXIT.gate;
        }
      }
    });
}
