import type { Command } from 'commander';
import { renderAnalysisText } from '../../analysis/render-text.js';
import { SEVERITIES, type Severity } from '../../model/vocabulary.js';
import { EXIT, UserError } from '../../util/errors.js';
import { type AnalysisCliOptions, addAnalysisOptions, runAnalysis } from '../analysis-options.js';
import { color, emit, parseFormat } from '../output.js';

const FORMATS = ['text', 'json'] as const;

interface Opts extends AnalysisCliOptions {
  format: string;
  out?: string;
  failOn?: string;
  verbose?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('analyze')
    .description(
      'Analyze a system model: which practical tactics each attacker can use on each component, what counters them, and rule-based findings with file:line:col, remediation and ATLAS/AIDEFEND ids.',
    )
    .argument('<model>', 'the system model YAML file')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding at or above this severity is not suppressed (${SEVERITIES.join(', ')})`,
    )
    .option('-v, --verbose', 'list every component in the terminal summary');
  addAnalysisOptions(cmd)
    .addHelpText(
      'after',
      '\nExit codes: 0 ok · 1 findings at or above --fail-on · 2 invalid model, rule file, triage entry or option',
    )
    .action((file: string, opts: Opts) => {
      const format = parseFormat(opts.format, FORMATS);
      if (opts.failOn && !(SEVERITIES as readonly string[]).includes(opts.failOn)) {
        throw new UserError(
          `unknown severity '${opts.failOn}' for --fail-on (choose one of: ${SEVERITIES.join(', ')})`,
        );
      }
      const { result } = runAnalysis(file, opts);
      const text =
        format === 'json'
          ? JSON.stringify(result, null, 2)
          : renderAnalysisText(result, color, { verbose: Boolean(opts.verbose) });
      emit(text, opts.out);
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
