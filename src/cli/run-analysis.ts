/**
 * Running an analysis from CLI options: custom rules, triage file, economics options. Heavy (the schema, the
 * catalog, the rules, economics): commands import it inside their actions, never at registration.
 */
import { existsSync } from 'node:fs';
import { type AnalyzeOptions, analyze } from '../analysis/analyze.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import { loadCustomRules } from '../analysis/custom-rules.js';
import { parseBudget } from '../analysis/economics/budget.js';
import { DEFAULT_SIMULATION_TRIALS } from '../analysis/economics/defaults.js';
import { analyzeEconomics, type EconomicsOptions } from '../analysis/economics/economics.js';
import { parseWeights } from '../analysis/economics/weights.js';
import type { AnalysisResult } from '../analysis/result.js';
import { BUILTIN_RULES } from '../analysis/rules/index.js';
import { loadTriageFile, sideTriagePath } from '../analysis/triage.js';
import { readCalibration } from '../campaign/calibration.js';
import { type LoadedModel, type LoadOptions, loadModel } from '../model/loader.js';
import { UserError } from '../util/errors.js';
import type { AnalysisCliOptions, EconomicsCliOptions } from './analysis-options.js';

const MAX_TRIALS = 10_000_000;

/** Loader options from CLI options (--include-root). */
export function modelLoadOptions(opts: { includeRoot?: string }): LoadOptions {
  if (opts.includeRoot === undefined) return {};
  if (!existsSync(opts.includeRoot)) throw new UserError(`--include-root '${opts.includeRoot}' does not exist`);
  return { includeRoot: opts.includeRoot };
}
/** From this size on, the what-if re-analyses print progress to stderr. */
const LARGE_MODEL_COMPONENTS = 500;

function positiveInt(value: string, option: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UserError(`${option} takes a whole number from 1 to ${max}, got '${value}'`);
  }
  return n;
}

/** Validate the economics options; undefined when --no-economics. */
export function economicsOptions(opts: EconomicsCliOptions): EconomicsOptions | undefined {
  if (opts.economics === false) return undefined;
  const out: EconomicsOptions = { weights: parseWeights(opts.weights) };
  if (opts.recommendations === false) out.recommendations = false;
  if (opts.budget !== undefined) out.budget = parseBudget(opts.budget);
  if (opts.simulate !== undefined && opts.simulate !== false) {
    const trials =
      opts.simulate === true ? DEFAULT_SIMULATION_TRIALS : positiveInt(opts.simulate, '--simulate', MAX_TRIALS);
    const seedRaw = opts.seed ?? '1';
    if (!/^-?\d+$/.test(seedRaw.trim()) || !Number.isSafeInteger(Number(seedRaw)))
      throw new UserError(`--seed takes a whole number, got '${seedRaw}'`);
    out.simulate = { trials, seed: Number(seedRaw) | 0 };
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
): { loaded: LoadedModel; result: AnalysisResult } {
  if (opts.today && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
    throw new UserError(`--today takes a date as YYYY-MM-DD, got '${opts.today}'`);
  const loaded = loadModel(file, modelLoadOptions(opts));
  const catalog = builtinCatalog();
  const extraRules = (opts.rules ?? []).flatMap((r) => {
    if (!existsSync(r)) throw new UserError(`cannot read rule file '${r}': no such file`);
    return loadCustomRules(r, {
      builtinIds: BUILTIN_RULES.map((b) => b.id),
      catalogControlIds: catalog.controls.map((c) => c.id),
    });
  });
  const triagePath = opts.triage ?? sideTriagePath(loaded.files[0]!);
  if (opts.triage && !existsSync(opts.triage))
    throw new UserError(`cannot read triage file '${opts.triage}': no such file`);
  const triage = loadTriageFile(triagePath);
  const result = analyze(loaded, {
    catalog,
    extraRules,
    triage,
    ...(opts.today ? { today: opts.today } : {}),
    ...extra,
  });
  if (economics) {
    if (economics.simulate) {
      process.stderr.write(
        `simulating ${economics.simulate.trials} trials per attacker and scenario (seed ${economics.simulate.seed})…\n`,
      );
    }
    // What-if recommendations re-analyse the model once per candidate: report progress when that is long work.
    const large = loaded.model.components.length >= LARGE_MODEL_COMPONENTS;
    let last = 0;
    const onProgress = (done: number, total: number) => {
      if (done === total || done - last >= 10) {
        last = done;
        process.stderr.write(`what-if re-analysis ${done}/${total}\n`);
      }
    };
    result.economics = analyzeEconomics(loaded.model, catalog, { ...economics, ...(large ? { onProgress } : {}) });
  }
  return { loaded, result };
}
