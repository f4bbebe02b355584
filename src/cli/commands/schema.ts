import type { Command } from 'commander';
import { modelJsonSchema } from '../../model/json-schema.js';
import { modelReferenceMarkdown } from '../../model/reference-doc.js';
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
    .action((opts: { fragment?: boolean; format: string; out?: string }) => {
      const format = parseFormat(opts.format, ['json', 'markdown'] as const);
      const text =
        format === 'json'
          ? JSON.stringify(modelJsonSchema(opts.fragment ? 'fragment' : 'model'), null, 2)
          : modelReferenceMarkdown();
      emit(text, opts.out);
    });
}
