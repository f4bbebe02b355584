/**
 * The analysis as one call: load a model file, add custom rule files and the triage side file, run the rules and,
 * when asked, the economics. `nograd analyze`, `report`, `explain`, the demo and library users all go through
 * here, so the pipeline (load → rules → triage → economics) is composed once.
 */
import { existsSync } from 'node:fs';
import type { DomainPack } from '../catalog/packs.js';
import { type LoadedModel, type LoadOptions, loadModel } from '../model/loader.js';
import { UserError } from '../util/errors.js';
import { type AnalyzeOptions, analyze } from './analyze.js';
import { loadCustomRules } from './custom-rules.js';
import { analyzeEconomics, type EconomicsOptions } from './economics/economics.js';
import { modelCatalog, withCatalogChecks } from './model-catalog.js';
import type { AnalysisResult } from './result.js';
import { BUILTIN_RULES } from './rules/index.js';
import { loadTriageFile, sideTriagePath } from './triage.js';

export interface AnalyzeFileOptions extends Partial<AnalyzeOptions> {
  /** How the model file is read (e.g. `includeRoot`: where includes may come from). */
  load?: LoadOptions;
  /** Custom rule files (YAML) to run beside the built-in rules. */
  ruleFiles?: readonly string[];
  /** The triage file; default: the side file beside the model (`system.triage.yaml`), when it exists. */
  triageFile?: string;
  /**
   * Attack paths, costs and recommendations; omitted: findings only. A function gets the loaded model first (to
   * choose options by its size, e.g. progress reports for large models).
   */
  economics?: EconomicsOptions | ((loaded: LoadedModel) => EconomicsOptions);
  /** Built-in domain packs for this run, replacing the model's `catalog.packs` (`--packs`); its own entries stay. */
  packs?: readonly DomainPack[];
}

export interface AnalyzedFile {
  loaded: LoadedModel;
  result: AnalysisResult;
}

export function analyzeFile(file: string, options: AnalyzeFileOptions = {}): AnalyzedFile {
  const { load = {}, ruleFiles = [], triageFile, economics, packs, ...analyzeOptions } = options;
  if (analyzeOptions.today && !/^\d{4}-\d{2}-\d{2}$/.test(analyzeOptions.today))
    throw new UserError(`--today takes a date as YYYY-MM-DD, got '${analyzeOptions.today}'`);
  const loaded = loadModel(file, withCatalogChecks(load));
  // The packs the model switches on and its own tactics and controls (mail only for a model that names none).
  const catalog =
    analyzeOptions.catalog ??
    modelCatalog(
      packs ? { catalog: { tactics: [], controls: [], ...loaded.model.catalog, packs: [...packs] } } : loaded.model,
    );
  const extraRules = ruleFiles.flatMap((r) => {
    if (!existsSync(r)) throw new UserError(`cannot read rule file '${r}': no such file`);
    return loadCustomRules(r, {
      builtinIds: BUILTIN_RULES.map((b) => b.id),
      catalogControlIds: catalog.controls.map((c) => c.id),
    });
  });
  if (triageFile !== undefined && !existsSync(triageFile))
    throw new UserError(`cannot read triage file '${triageFile}': no such file`);
  const triage = loadTriageFile(triageFile ?? sideTriagePath(loaded.files[0]!));
  const result = analyze(loaded, {
    triage,
    ...analyzeOptions,
    catalog,
    extraRules: [...extraRules, ...(analyzeOptions.extraRules ?? [])],
  });
  if (economics) {
    const options = typeof economics === 'function' ? economics(loaded) : economics;
    result.economics = analyzeEconomics(loaded.model, catalog, options);
  }
  return { loaded, result };
}
