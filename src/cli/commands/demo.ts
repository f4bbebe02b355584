import type { Command } from 'commander';
import { out } from '../output.js';

interface Opts {
  out: string;
  seed: string;
  sample?: string;
  campaign: boolean;
  today?: string;
}

export function register(program: Command): void {
  program
    .command('demo')
    .summary('Run every job once on the embedded reference mail filter and write the reports')
    .description(
      'Run every nograd job once on the embedded reference mail filter (trained on the SpamAssassin corpus): validate its model, measure the model, analyze findings and attacker/defender economics, run a practical evasion campaign and feed the measured costs back, mine near misses from simulated traffic into a regression suite that catches a regressed model, check the attacked logs against a clean posture baseline, and write the HTML, Markdown, JSON, SARIF and JUnit reports.',
    )
    .option('-o, --out <dir>', 'where the reports and documents go', 'nograd-demo')
    .option('--seed <n>', 'seed for the simulation, the campaign and the traffic', '7')
    .option(
      '--sample <n>',
      'train the reference model on a corpus sample of this size (faster; default: the whole corpus)',
    )
    .option('--no-campaign', 'skip the campaign step')
    .option('--today <date>', 'evaluate expiry dates as of this day (YYYY-MM-DD)')
    .addHelpText(
      'after',
      '\nThe first run trains the reference model (about 20 s of CPU) and caches it; later runs take seconds.\n' +
        'Open <out>/report.html in a browser. Exit codes: 0 ok · 2 invalid option · 70 internal error',
    )
    .action(async (opts: Opts) => {
      const { UserError } = await import('../../util/errors.js');
      const { parseNumberOption } = await import('../number-option.js');
      const int = (name: string, v: string | undefined, min: number) =>
        v === undefined ? undefined : parseNumberOption(name, v, { integer: true, min });
      if (opts.today && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
        throw new UserError(`--today takes a date as YYYY-MM-DD, got '${opts.today}'`);
      const seed = int('--seed', opts.seed, 0)!;
      const sample = int('--sample', opts.sample, 20);
      const { runDemo } = await import('../../demo/run-demo.js');
      out(`nograd demo — every job on the embedded reference mail filter (outputs in ${opts.out}/)`);
      await runDemo({
        outDir: opts.out,
        log: out,
        seed,
        ...(sample ? { sample } : {}),
        skipCampaign: !opts.campaign,
        ...(opts.today ? { today: opts.today } : {}),
      });
    });
}
