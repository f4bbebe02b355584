import type { Command } from 'commander';
import { emit, parseFormat } from '../output.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description(
      'Print the JSON Schema of the system-model language (for editors and other tools), or the Markdown reference.',
    )
    .option('--fragment', 'the schema of an included file (lists only) instead of a main model file')
    .option('--format <format>', 'json or markdown', 'json')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: { fragment?: boolean; format: string; out?: string }) => {
      const format = parseFormat(opts.format, ['json', 'markdown'] as const);
      const text =
        format === 'json'
          ? JSON.stringify(
              (await import('../../model/json-schema.js')).modelJsonSchema(opts.fragment ? 'fragment' : 'model'),
              null,
              2,
            )
          : (await import('../../model/reference-doc.js')).modelReferenceMarkdown();
      emit(text, opts.out);
    });
}
