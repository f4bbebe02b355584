#!/usr/bin/env node
/**
 * The nograd command line: a thin shell over the library. Each command lives in its own module under
 * commands/ and imports heavy parts (DuckDB, the corpus, Chromium) only when it runs.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, UserError } from '../util/errors.js';
import { VERSION } from '../util/version.js';
import { COMMANDS } from './commands/index.js';
import { printError } from './output.js';
import { guardTerminalOutput } from './terminal-guard.js';

async function main(argv: string[]): Promise<number> {
  guardTerminalOutput();
  const program = new Command('nograd')
    .description(
      'Operational threat modeling for ML systems: model the whole system (not only the model) as code,\n' +
        'find the cheap practical paths attackers take, attack the running system, and keep it expensive to evade.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok · 1 a gate failed (findings, regressions, alerts, cost fell) · 2 invalid input or usage · 70 internal error\n' +
        'Start with:  nograd demo   ·   nograd init && nograd validate system.yaml && nograd analyze system.yaml',
    );
  for (const load of COMMANDS) (await load()).register(program);
  // The command list shows one line each: the first sentence of a long description (full text in `<cmd> --help`).
  for (const cmd of program.commands) {
    const d = cmd.description();
    if (!cmd.summary() && d.length > 80) cmd.summary(d.split(/(?<=\.)\s/)[0]!.replace(/\.$/, ''));
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.ok;
      return EXIT.invalid;
    }
    if (e instanceof UserError) {
      if (e.preformatted) process.stderr.write(`${e.message}\n`);
      else printError(e.message);
      return e.exitCode;
    }
    process.stderr.write(`nograd: internal error (please report it):\n${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`nograd: internal error: ${String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
