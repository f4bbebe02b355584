/**
 * `nograd diff <before> <after>`: what a change to the system or its controls does to each attacker's cheapest
 * path and cost, the defender's cost and the findings — as a pull-request comment, and a CI gate when cost falls.
 */

import type { Command } from 'commander';
import type { EconomicsDiff } from '../../analysis/economics/types.js';
import { EXIT } from '../../util/errors.js';
import {
  type AnalysisCliOptions,
  addAnalysisOptions,
  addEconomicsOptions,
  type EconomicsCliOptions,
} from '../analysis-options.js';
import { parseNumberOption } from '../number-option.js';
import { emit, parseFormat } from '../output.js';

const FORMATS = ['md', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface Opts extends AnalysisCliOptions, EconomicsCliOptions {
  format: string;
  out?: string;
  failOnCostDrop?: boolean;
  tolerance: string;
}

async function render(format: Format, d: EconomicsDiff): Promise<string> {
  const { renderDiffMarkdown, renderDiffText } = await import('../../analysis/economics/diff-render.js');
  switch (format) {
    case 'md':
      return renderDiffMarkdown(d);
    case 'text':
      return renderDiffText(d);
    case 'json':
      return JSON.stringify(d, null, 2);
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('diff')
    .description(
      "Compare two versions of a system model: each attacker's cheapest attack path and its cost vector before and after, controls added or removed, defender cost and findings. Markdown by default, ready to paste into a pull-request comment.",
    )
    .argument('<before>', 'the system model before the change (e.g. from `git show main:system.yaml > before.yaml`)')
    .argument('<after>', 'the system model after the change')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'md')
    .option('-o, --out <file>', 'write the output to a file instead of stdout')
    .option(
      '--fail-on-cost-drop',
      "exit 1 when some attacker's cheapest path gets cheaper or a blocked attacker gets a path",
    )
    .option('--tolerance <percent>', 'with --fail-on-cost-drop: ignore falls smaller than this percentage', '0');
  addEconomicsOptions(addAnalysisOptions(cmd), { simulate: false, calibration: false, recommendations: false })
    .addHelpText(
      'after',
      `
Examples:
  nograd diff before.yaml system.yaml > comment.md
  git show origin/main:system.yaml > /tmp/before.yaml && nograd diff /tmp/before.yaml system.yaml --fail-on-cost-drop --tolerance 5
  nograd diff old.yaml new.yaml --format json --weights money=1,humanHours=100

Exit codes: 0 ok · 1 attacker cost fell (with --fail-on-cost-drop) · 2 invalid model or option`,
    )
    .action(async (before: string, after: string, opts: Opts) => {
      const format = parseFormat(opts.format, FORMATS);
      const tolerance = parseNumberOption('--tolerance', opts.tolerance, { min: 0, max: 100, belowMax: true }) / 100;
      const { economicsOptions, runAnalysis } = await import('../run-analysis.js');
      const { diffEconomics } = await import('../../analysis/economics/diff.js');
      const econ = economicsOptions({ ...opts, economics: true, recommendations: false });
      const side = (file: string) => {
        const { loaded, result } = runAnalysis(file, opts, {}, econ);
        return { file, model: loaded.model, analysis: result, economics: result.economics! };
      };
      const d = diffEconomics({ before: side(before), after: side(after), tolerance });
      emit(await render(format, d), opts.out);
      if (opts.failOnCostDrop && d.costFell) {
        const fell = d.attackers.filter((x) => x.status === 'cheaper' || x.status === 'opened').map((x) => x.attacker);
        process.stderr.write(`attacker cost fell for ${fell.join(', ')}\n`);
        process.exitCode = EXIT.gate;
      }
    });
}
