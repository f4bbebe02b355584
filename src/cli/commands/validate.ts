import type { Command } from 'commander';
import { color, out, printWarning } from '../output.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'Check a system model: YAML syntax, schema, ids, references, flows and attacker access. Reports every problem as file:line:col.',
    )
    .argument('<model>', 'the system model YAML file')
    .option('--format <format>', 'text or json', 'text')
    .option('-q, --quiet', 'print nothing when the model is valid')
    .addHelpText(
      'after',
      '\nExit codes: 0 valid · 2 invalid (every problem printed as file:line:col: message, with a hint)',
    )
    .action(async (file: string, opts: { format: string; quiet?: boolean }) => {
      const { loadModel } = await import('../../model/loader.js');
      const { formatDiagnostic } = await import('../../model/diagnostics.js');
      const { summarizeModel } = await import('../../model/summary.js');
      const loaded = loadModel(file);
      for (const w of loaded.warnings.filter((d) => d.severity === 'warning')) printWarning(formatDiagnostic(w));
      if (opts.format === 'json') {
        out(JSON.stringify({ valid: true, files: loaded.files, summary: summarizeModel(loaded.model) }, null, 2));
        return;
      }
      if (opts.quiet) return;
      const s = summarizeModel(loaded.model);
      out(`${color.green('✔')} ${file} is valid (${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'})`);
      out(s.text);
    });
}
