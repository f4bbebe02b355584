import type { Command } from 'commander';
import { closest } from '../../util/did-you-mean.js';
import { UserError } from '../../util/errors.js';
import { type AnalysisCliOptions, addAnalysisOptions } from '../analysis-options.js';
import { color, out } from '../output.js';

export function register(program: Command): void {
  const cmd = program
    .command('explain')
    .description(
      'Explain one finding: why the rule fired (the model facts it matched, with positions), why it has its severity, and how to fix it.',
    )
    .argument('<finding-id>', 'a finding id, rule@component[@attacker] (see `nograd analyze`)')
    .requiredOption('-m, --model <file>', 'the system model YAML file');
  addAnalysisOptions(cmd).action(async (id: string, opts: AnalysisCliOptions & { model: string }) => {
    const { runAnalysis } = await import('../run-analysis.js');
    const { explainFinding } = await import('../../analysis/explain.js');
    const { result } = runAnalysis(opts.model, opts);
    const finding = result.findings.find((f) => f.id === id);
    if (!finding) {
      const near = closest(
        id,
        result.findings.map((f) => f.id),
      );
      throw new UserError(
        `no finding '${id}' in ${opts.model}${near ? ` (did you mean '${near}'?)` : ''}; list them with \`nograd analyze ${opts.model}\``,
      );
    }
    out(explainFinding(finding, result, color));
  });
}
