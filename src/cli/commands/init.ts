import { existsSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { SCHEMA_FILE, TEMPLATES, templateText } from '../../model/templates.js';
import { UserError } from '../../util/errors.js';
import { color, out } from '../output.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('Scaffold a system model from a template, with a $schema header so editors autocomplete and check it.')
    .option('-t, --template <name>', `one of: ${TEMPLATES.join(', ')}`, 'mail-filter')
    .option('-o, --out <file>', 'where to write the model', 'system.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action((opts: { template: string; out: string; force?: boolean }) => {
      if (!(TEMPLATES as readonly string[]).includes(opts.template)) {
        throw new UserError(`unknown template '${opts.template}' (choose one of: ${TEMPLATES.join(', ')})`);
      }
      const target = resolve(opts.out);
      if (existsSync(target) && !opts.force)
        throw new UserError(`${opts.out} already exists (use --force to overwrite)`);
      let ref = relative(dirname(target), SCHEMA_FILE);
      if (!ref.startsWith('.')) ref = `./${ref}`;
      writeFileSync(target, templateText(opts.template as (typeof TEMPLATES)[number], ref));
      out(`${color.green('✔')} wrote ${opts.out} from the '${opts.template}' template`);
      out(`next: nograd validate ${opts.out} && nograd analyze ${opts.out}`);
    });
}
