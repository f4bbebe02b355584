import type { Command } from 'commander';
import { addIncludeRootOption } from '../analysis-options.js';
import { color, out, printWarning } from '../output.js';

export function register(program: Command): void {
  addIncludeRootOption(
    program
      .command('validate')
      .description(
        'Check a system model: YAML syntax, schema, ids, references, flows and attacker access. Reports every problem as file:line:col.',
      )
      .argument('<model>', 'the system model YAML file')
      .option('--format <format>', 'text or json', 'text')
      .option('-q, --quiet', 'print nothing when the model is valid'),
  )
    .addHelpText(
      'after',
      '\nExit codes: 0 valid · 2 invalid (every problem printed as file:line:col: message, with a hint; with --format json, the diagnostics as JSON on stdout)',
    )
    .action(async (file: string, opts: { format: string; quiet?: boolean; includeRoot?: string }) => {
      const { loadModel } = await import('../../model/loader.js');
      const { formatDiagnostic, ModelLoadError, sortDiagnostics } = await import('../../model/diagnostics.js');
      const { summarizeModel } = await import('../../model/summary.js');
      const { modelLoadOptions } = await import('../run-analysis.js');
      const { EXIT } = await import('../../util/errors.js');
      const { parseFormat } = await import('../output.js');
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      let loaded: ReturnType<typeof loadModel>;
      try {
        loaded = loadModel(file, modelLoadOptions(opts));
      } catch (e) {
        // A machine reading --format json gets the diagnostics as a document on stdout, not only text on stderr.
        if (format !== 'json' || !(e instanceof ModelLoadError)) throw e;
        const diagnostics = sortDiagnostics(e.diagnostics);
        const errors = diagnostics.filter((d) => d.severity === 'error').length + e.omitted;
        out(JSON.stringify({ valid: false, errors, omitted: e.omitted, diagnostics }, null, 2));
        process.exitCode = EXIT.invalid;
        return;
      }
      for (const w of loaded.warnings.filter((d) => d.severity === 'warning')) printWarning(formatDiagnostic(w));
      if (format === 'json') {
        out(
          JSON.stringify(
            { valid: true, files: loaded.files, warnings: loaded.warnings, summary: summarizeModel(loaded.model) },
            null,
            2,
          ),
        );
        return;
      }
      if (opts.quiet) return;
      const s = summarizeModel(loaded.model);
      out(`${color.green('✔')} ${file} is valid (${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'})`);
      out(s.text);
    });
}
