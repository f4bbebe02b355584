import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../../util/errors.js';
import { emit } from '../output.js';

export function register(program: Command): void {
  const imp = program.command('import').description('Import facts from other formats into a system model.');
  imp
    .command('cyclonedx')
    .description(
      'Turn a CycloneDX SBOM / ML-BOM (JSON) into a `dependencies:` list. Write it to a file and list that file under `includes:` in your model.',
    )
    .argument('<bom>', 'CycloneDX JSON file')
    .option('-o, --out <file>', 'write the YAML fragment to a file instead of stdout')
    .action(async (bomFile: string, opts: { out?: string }) => {
      let text: string;
      try {
        text = readFileSync(bomFile, 'utf8');
      } catch (e) {
        throw new UserError(
          `cannot read '${bomFile}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
        );
      }
      const { stringify } = await import('yaml');
      const { dependenciesFromCycloneDx } = await import('../../model/cyclonedx.js');
      const deps = dependenciesFromCycloneDx(text, bomFile);
      const header = `# Imported by \`nograd import cyclonedx ${bomFile}\`: ${deps.length} dependencies.\n# Add this file to your model's includes: and set usedBy: to the components that use each one.\n`;
      emit(header + stringify({ dependencies: deps }), opts.out);
    });
}
