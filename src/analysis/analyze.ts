/**
 * `analyze`: run the applicability analysis and every rule over a loaded model, and produce the result document.
 * Pure: the same model, catalog and date give the same result, in the same order.
 */

import { ModelLoadError } from '../model/diagnostics.js';
import type { LoadedModel } from '../model/loader.js';
import { compareText, resolveModel } from '../model/resolved.js';
import { summarizeModel } from '../model/summary.js';
import { SEVERITIES, type Severity } from '../model/vocabulary.js';
import { VERSION } from '../util/version.js';
import { analyzeAttacker, type CatalogData } from './applicability.js';
import {
  ANALYSIS_KIND,
  ANALYSIS_SCHEMA_VERSION,
  type AnalysisResult,
  type AttackerAnalysis,
  type CounterRef,
  type Finding,
  type TacticApplicability,
} from './result.js';
import type { Rule, RuleContext } from './rule.js';
import { BUILTIN_RULES } from './rules/index.js';
import { applyTriage, type LocatedTriageEntry } from './triage.js';

export interface AnalyzeOptions {
  catalog: CatalogData & { atlasVersion: string; aidefendVersion: string };
  /** YYYY-MM-DD; defaults to today (UTC). */
  today?: string;
  /** Extra rules (declarative custom rules compiled to Rule objects). */
  extraRules?: Array<Rule & { source?: 'custom' }>;
  /** Triage entries from a side file (the model's own `triage:` entries are always applied). */
  triage?: LocatedTriageEntry[];
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The applicability of the planned posture, from today's: with every control implemented the same controls counter
 * the same tactics, so each entry keeps its tactic, component, assumptions and primary mark; its counters become
 * implemented and its odds today are the planned odds (the same product, in the same order). Saves re-deriving
 * every (tactic, component) pair of a large model a second time.
 */
export function plannedApplicability(today: readonly AttackerAnalysis[]): AttackerAnalysis[] {
  const implemented = new Map<readonly CounterRef[], CounterRef[]>();
  const asImplemented = (list: CounterRef[]) => {
    let hit = implemented.get(list);
    if (!hit) {
      hit = list.map((k) => ({ ...k, status: 'implemented' as const }));
      implemented.set(list, hit);
    }
    return hit;
  };
  return today.map((a) => {
    const applicable: TacticApplicability[] = a.applicable.map((t) => ({
      ...t,
      counteredBy: asImplemented(t.counteredBy),
      successProbability: t.plannedSuccessProbability,
    }));
    return {
      ...a,
      applicable,
      uncountered: applicable.filter((t) => t.counteredBy.length === 0),
    };
  });
}

export function buildContext(
  loaded: LoadedModel,
  catalog: CatalogData,
  today: string,
  attackers?: AttackerAnalysis[],
): RuleContext {
  const { model } = loaded;
  // The loader resolved this model already (same object, same resolved model); a planned variant resolves here.
  const graph = resolveModel(model);
  const attackerIndex = new Map(model.attackers.map((a, i) => [a.id, i]));
  return {
    model,
    graph,
    catalog,
    attackers: attackers ?? model.attackers.map((a) => analyzeAttacker(a, graph, catalog)),
    positionOf: loaded.positionOf,
    componentPath: (id) => ['components', graph.indexOf.get(id) ?? 0],
    attackerPath: (id) => ['attackers', attackerIndex.get(id) ?? 0],
    today,
  };
}

export function findingId(rule: string, component?: string, attacker?: string): string {
  return [rule, component ?? 'system', ...(attacker ? [attacker] : [])].join('@');
}

export function runRules(ctx: RuleContext, rules: ReadonlyArray<Rule & { source?: 'custom' }>): Finding[] {
  const byId = new Map<string, Finding>();
  for (const rule of rules) {
    for (const hit of rule.check(ctx)) {
      const id = findingId(rule.id, hit.component, hit.attacker);
      const remediationIds = hit.remediation ?? rule.remediation;
      const remediation = remediationIds.map((cid) => {
        const c = ctx.catalog.controls.find((x) => x.id === cid);
        return { control: cid, name: c?.name ?? cid };
      });
      const aidefend = new Set<string>();
      for (const cid of remediationIds)
        for (const r of ctx.catalog.controls.find((x) => x.id === cid)?.aidefend ?? []) aidefend.add(r.id);
      const finding: Finding = {
        id,
        rule: rule.id,
        title: rule.title,
        severity: hit.severity ?? rule.severity,
        severityReason: hit.severityReason ?? rule.severityReason,
        message: hit.message,
        ...(hit.component ? { component: hit.component } : {}),
        ...(hit.attacker ? { attacker: hit.attacker } : {}),
        location: ctx.positionOf(hit.path),
        remediation,
        frameworks: {
          atlas: [...new Set([...rule.atlas, ...(hit.atlas ?? [])])].sort(),
          aidefend: [...aidefend].sort(),
        },
        evidence: hit.evidence,
        source: rule.source ?? 'builtin',
        suppressed: false,
      };
      const prev = byId.get(id);
      if (prev) {
        // One finding per rule, component and attacker: a second hit adds its facts to the first.
        prev.message = `${prev.message}; ${finding.message}`;
        prev.evidence.push(...finding.evidence);
        if (SEVERITIES.indexOf(finding.severity) > SEVERITIES.indexOf(prev.severity)) {
          prev.severity = finding.severity;
          prev.severityReason = finding.severityReason;
        }
      } else byId.set(id, finding);
    }
  }
  return sortFindings([...byId.values()]);
}

export function sortFindings(fs: Finding[]): Finding[] {
  return fs.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || compareText(a.id, b.id));
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (!f.suppressed) counts[f.severity]++;
  return counts;
}

/** The same model with every planned control treated as implemented: the posture the plan promises. */
export function withPlannedControls(loaded: LoadedModel): LoadedModel {
  const model = {
    ...loaded.model,
    controls: loaded.model.controls.map((c) => ({ ...c, status: 'implemented' as const })),
  };
  return { ...loaded, model, resolved: resolveModel(model) };
}

function openUses(ctx: RuleContext): number {
  return ctx.attackers.reduce((n, a) => n + a.uncountered.length, 0);
}

export function analyze(loaded: LoadedModel, opts: AnalyzeOptions): AnalysisResult {
  const today = opts.today ?? todayUtc();
  const rules = [...BUILTIN_RULES, ...(opts.extraRules ?? [])];
  const ctx = buildContext(loaded, opts.catalog, today);
  const findings = runRules(ctx, rules);

  const triage: LocatedTriageEntry[] = [
    ...loaded.model.triage.map((entry, i) => ({ entry, location: loaded.positionOf(['triage', i]) })),
    ...(opts.triage ?? []),
  ];
  const orphans = applyTriage(findings, triage, today);
  if (orphans.length) throw new ModelLoadError(orphans);

  const plannedCtx = buildContext(
    withPlannedControls(loaded),
    opts.catalog,
    today,
    plannedApplicability(ctx.attackers),
  );
  const plannedFindings = runRules(plannedCtx, rules);
  const plannedIds = new Set(plannedFindings.map((f) => f.id));
  const { text: _text, ...summary } = summarizeModel(loaded.model);
  return {
    kind: ANALYSIS_KIND,
    version: ANALYSIS_SCHEMA_VERSION,
    tool: { name: 'nograd', version: VERSION },
    model: {
      system: {
        id: loaded.model.system.id,
        name: loaded.model.system.name,
        ...(loaded.model.system.description ? { description: loaded.model.system.description } : {}),
      },
      files: loaded.files,
      summary,
    },
    catalog: {
      tactics: opts.catalog.tactics.length,
      controls: opts.catalog.controls.length,
      atlasVersion: opts.catalog.atlasVersion,
      aidefendVersion: opts.catalog.aidefendVersion,
    },
    findings,
    attackers: ctx.attackers,
    counts: countBySeverity(findings),
    posture: {
      today: { open: openUses(ctx), counts: countBySeverity(findings) },
      planned: {
        open: openUses(plannedCtx),
        counts: countBySeverity(plannedFindings),
        resolved: findings.filter((f) => !plannedIds.has(f.id)).map((f) => f.id),
        plannedControls: loaded.model.controls.filter((c) => c.status === 'planned').map((c) => c.id),
      },
    },
  };
}
