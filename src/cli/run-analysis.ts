/**
 * Running an analysis from CLI options: custom rules, triage file, economics options. Heavy (the schema, the
 * catalog, the rules, economics): commands import it inside their actions, never at registration.
 */

import { existsSync } from 'node:fs';
import type { AnalyzeOptions } from '../analysis/analyze.js';
import { type AnalyzedFile, analyzeFile } from '../analysis/analyze-file.js';
import { parsePacks } from '../analysis/catalog-data.js';
import { parseBudget } from '../analysis/economics/budget.js';
import { DEFAULT_SIMULATION_TRIALS } from '../analysis/economics/defaults.js';
import type { EconomicsOptions } from '../analysis/economics/economics.js';
import { parseWeights } from '../analysis/economics/weights.js';
import { withCatalogChecks } from '../analysis/model-catalog.js';
import { readCalibration } from '../contracts/calibration.js';
import type { LoadedModel, LoadOptions } from '../model/loader.js';
import { UserError } from '../util/errors.js';
import type { AnalysisCliOptions, EconomicsCliOptions } from './analysis-options.js';
import { parseNumberOption } from './number-option.js';

const MAX_TRIALS = 10_000_000;

/** Loader options from CLI options (--include-root), with the checks of the model's own catalog entries. */
export function modelLoadOptions(opts: { includeRoot?: string }): LoadOptions {
  if (opts.includeRoot === undefined) return withCatalogChecks();
  if (!existsSync(opts.includeRoot)) throw new UserError(`--include-root '${opts.includeRoot}' does not exist`);
  return withCatalogChecks({ includeRoot: opts.includeRoot });
}
/** From this size on, the what-if re-analyses print progress to stderr. */
const LARGE_MODEL_COMPONENTS = 500;

/** Validate the economics options; undefined when --no-economics. */
export function economicsOptions(opts: EconomicsCliOptions): EconomicsOptions | undefined {
  if (opts.economics === false) return undefined;
  const out: EconomicsOptions = { weights: parseWeights(opts.weights) };
  if (opts.recommendations === false) out.recommendations = false;
  if (opts.budget !== undefined) out.budget = parseBudget(opts.budget);
  if (opts.simulate !== undefined && opts.simulate !== false) {
    const trials =
      opts.simulate === true
        ? DEFAULT_SIMULATION_TRIALS
        : parseNumberOption('--simulate', opts.simulate, { integer: true, min: 1, max: MAX_TRIALS });
    const seedRaw = opts.seed ?? '1';
    out.simulate = { trials, seed: parseNumberOption('--seed', seedRaw, { integer: true }) | 0 };
  }
  if (opts.calibration !== undefined) {
    if (!existsSync(opts.calibration))
      throw new UserError(`cannot read calibration file '${opts.calibration}': no such file`);
    out.calibration = { file: readCalibration(opts.calibration), path: opts.calibration };
  }
  return out;
}

export function runAnalysis(
  file: string,
  opts: AnalysisCliOptions,
  extra: Partial<AnalyzeOptions> = {},
  economics?: EconomicsOptions,
): AnalyzedFile {
  if (economics?.simulate) {
    process.stderr.write(
      `simulating ${economics.simulate.trials} trials per attacker and scenario (seed ${economics.simulate.seed})…\n`,
    );
  }
  // What-if recommendations re-analyse the model once per candidate: report progress when that is long work.
  let last = 0;
  const onProgress = (done: number, total: number) => {
    if (done === total || done - last >= 10) {
      last = done;
      process.stderr.write(`what-if re-analysis ${done}/${total}\n`);
    }
  };
  return analyzeFile(file, {
    ruleFiles: opts.rules ?? [],
    load: modelLoadOptions(opts),
    ...(opts.triage ? { triageFile: opts.triage } : {}),
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.packs !== undefined ? { packs: parsePacks(opts.packs) } : {}),
    ...extra,
    ...(economics
      ? {
          economics: (loaded: LoadedModel) =>
            loaded.model.components.length >= LARGE_MODEL_COMPONENTS ? { ...economics, onProgress } : economics,
        }
      : {}),
  });
}
