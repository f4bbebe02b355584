/**
 * The options shared by commands that run an analysis (analyze, explain, report): custom rule files, a triage side
 * file, and the evaluation date. One place, so the commands agree on what they mean.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { type AnalyzeOptions, analyze } from '../analysis/analyze.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import { loadCustomRules } from '../analysis/custom-rules.js';
import type { AnalysisResult } from '../analysis/result.js';
import { BUILTIN_RULES } from '../analysis/rules/index.js';
import { loadTriageFile, sideTriagePath } from '../analysis/triage.js';
import { type LoadedModel, loadModel } from '../model/loader.js';
import { UserError } from '../util/errors.js';

export interface AnalysisCliOptions {
  rules?: string[];
  triage?: string;
  today?: string;
}

export function addAnalysisOptions(cmd: Command): Command {
  return cmd
    .option(
      '--rules <file>',
      'a custom rule file (YAML, see docs/custom-rules.md); repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--triage <file>', 'a triage side file (default: <model>.triage.yaml next to the model, when it exists)')
    .option('--today <date>', 'evaluate expiry dates as of this day (YYYY-MM-DD); default today (UTC)');
}

export function runAnalysis(
  file: string,
  opts: AnalysisCliOptions,
  extra: Partial<AnalyzeOptions> = {},
): { loaded: LoadedModel; result: AnalysisResult } {
  if (opts.today && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
    throw new UserError(`--today takes a date as YYYY-MM-DD, got '${opts.today}'`);
  const loaded = loadModel(file);
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
  return { loaded, result };
}
