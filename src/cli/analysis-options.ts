/**
 * The options shared by commands that run an analysis (analyze, explain, report): custom rule files, a triage side
 * file, and the evaluation date. One place, so the commands agree on what they mean. Only the option
 * declarations live here, so registering a command stays cheap; running the analysis is in run-analysis.ts,
 * which commands import inside their actions.
 */
import type { Command } from 'commander';
import { DEFAULT_SIMULATION_TRIALS } from '../analysis/economics/defaults.js';

export interface AnalysisCliOptions {
  rules?: string[];
  /** --include-root: the directory model includes must stay inside (default: the model file's directory). */
  includeRoot?: string;
  triage?: string;
  today?: string;
  /** --packs: the built-in domain packs to use (default: mail). */
  packs?: string;
}

/** `--include-root DIR` for every command that loads a model. */
export function addIncludeRootOption(cmd: Command): Command {
  return cmd.option(
    '--include-root <dir>',
    "the directory the model's includes must stay inside (default: the directory of the model file)",
  );
}

export function addAnalysisOptions(cmd: Command): Command {
  return addIncludeRootOption(cmd)
    .option(
      '--rules <file>',
      'a custom rule file (YAML, see docs/custom-rules.md); repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--triage <file>', 'a triage side file (default: <model>.triage.yaml next to the model, when it exists)')
    .option('--today <date>', 'evaluate expiry dates as of this day (YYYY-MM-DD); default today (UTC)')
    .option(
      '--packs <list>',
      'built-in domain packs to use, comma-separated: mail, web-phishing, fraud, content-moderation (default: mail)',
    );
}

/** The economics options of `analyze` (and `diff`): paths, simulation, weights, calibration, budget. */
export interface EconomicsCliOptions {
  /** false with --no-economics. */
  economics?: boolean;
  /** false with --no-recommendations. */
  recommendations?: boolean;
  /** --simulate [n]: true when given without a number. */
  simulate?: string | boolean;
  seed?: string;
  weights?: string;
  calibration?: string;
  budget?: string;
}

export function addEconomicsOptions(
  cmd: Command,
  what: { simulate?: boolean; calibration?: boolean; recommendations?: boolean } = {},
): Command {
  cmd
    .option(
      '--weights <spec>',
      'ranking weights for "cheapest", e.g. money=1,humanHours=80,detectionRisk=1000 (unnamed dimensions keep their default)',
    )
    .option('--budget <spec>', "override every attacker's budget, e.g. money=500,timeHours=48,accounts=10");
  if (what.recommendations !== false) {
    cmd.option('--no-recommendations', 'skip the what-if control recommendations (they re-analyse once per candidate)');
  }
  if (what.simulate !== false) {
    cmd
      .option(
        '--simulate [trials]',
        `Monte Carlo simulation of each attacker's cheapest path (default ${DEFAULT_SIMULATION_TRIALS} trials)`,
      )
      .option('--seed <n>', 'simulation seed (same seed, same numbers)', '1');
  }
  if (what.calibration !== false) {
    cmd.option(
      '--calibration <file>',
      'measured tactic success rates and costs from `nograd campaign run --calibration`: used in the paths, shown next to the predictions',
    );
  }
  return cmd;
}
