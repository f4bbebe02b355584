/**
 * The analysis side of the workbench, computed by the library exactly as `nograd analyze` computes it
 * (`analyzeFile`: load → rules → triage side file → economics); the browser only displays. Results are cached per
 * model file until any YAML file in the served directory changes (the file watcher clears the cache).
 */
import { relative, sep } from 'node:path';
import { analyzeFile } from '../analysis/analyze-file.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import { analyzeEconomics } from '../analysis/economics/economics.js';
import type { AttackPath, EconomicsResult, PathSet } from '../analysis/economics/types.js';
import { withControl, withImplemented } from '../analysis/economics/what-if.js';
import { explainFinding } from '../analysis/explain.js';
import type { AnalysisResult, Finding } from '../analysis/result.js';
import { sideTriagePath } from '../analysis/triage.js';
import { type Diagnostic, ModelLoadError } from '../model/diagnostics.js';
import type { LoadedModel } from '../model/loader.js';
import type { SystemModel } from '../model/schema.js';
import { layoutDiagram } from '../report/html/diagram.js';
import { UserError } from '../util/errors.js';
import { PLAIN } from '../util/text-style.js';
import { confine } from './security.js';

/** Simulation trials for the uncertainty of each cheapest path (seeded: the same numbers on every reload). */
const TRIALS = 300;
const SEED = 1;

export interface ServedDiagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
}

type Analysed =
  | { ok: true; file: string; loaded: LoadedModel; result: AnalysisResult; diagnostics: ServedDiagnostic[] }
  | { ok: false; file: string; diagnostics: ServedDiagnostic[] };

/**
 * `light`: load, rules and triage (what the model and findings views need: fast even on large models);
 * `full`: plus economics with the simulation and recommendations (the paths and what-if views).
 */
export type Depth = 'light' | 'full';

export class ModelService {
  private cache = new Map<string, Analysed>();
  constructor(readonly root: string) {}

  rel(abs: string): string {
    const r = relative(this.root, abs);
    return r.startsWith('..') ? abs : r.split(sep).join('/');
  }

  private served(d: Diagnostic): ServedDiagnostic {
    return {
      file: this.rel(d.file),
      line: d.line,
      col: d.col,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    };
  }

  invalidate(): void {
    this.cache.clear();
  }

  analyse(file: string, depth: Depth = 'light'): Analysed {
    const abs = confine(this.root, file);
    const key = this.rel(abs);
    const hit = this.cache.get(`full:${key}`) ?? (depth === 'light' ? this.cache.get(`light:${key}`) : undefined);
    if (hit) return hit;
    let entry: Analysed;
    try {
      const { loaded, result } = analyzeFile(abs, {
        load: { includeRoot: this.root },
        ...(depth === 'full' ? { economics: { simulate: { trials: TRIALS, seed: SEED }, maxParetoReported: 12 } } : {}),
      });
      entry = { ok: true, file: key, loaded, result, diagnostics: loaded.warnings.map((d) => this.served(d)) };
    } catch (e) {
      if (e instanceof ModelLoadError)
        entry = { ok: false, file: key, diagnostics: e.diagnostics.map((d) => this.served(d)) };
      else if (e instanceof UserError)
        entry = {
          ok: false,
          file: key,
          diagnostics: [{ file: key, line: 1, col: 1, severity: 'error', code: 'load', message: e.message }],
        };
      else throw e;
    }
    this.cache.set(`${depth}:${key}`, entry);
    return entry;
  }

  /**
   * The model view: diagnostics, the diagram layout and what each box shows (all as data, rendered as text). Each
   * attacker's cheapest path is drawn once the paths have been computed (the paths view computes them; the model
   * view stays fast on large models).
   */
  modelView(file: string) {
    const a = this.analyse(file);
    if (!a.ok) return { file: a.file, ok: false as const, diagnostics: a.diagnostics };
    const model = a.loaded.model;
    const econ = a.result.economics as EconomicsResult | undefined;
    const highlights = (econ?.attackers ?? [])
      .filter((x) => x.today.cheapest)
      .map((x) => ({
        attacker: x.attacker,
        label: x.name ?? x.attacker,
        components: pathComponents(x.today.cheapest!),
      }));
    const layout = layoutDiagram(model, { highlights });
    return {
      file: a.file,
      ok: true as const,
      system: model.system,
      files: a.loaded.files.map((f) => this.rel(f)),
      diagnostics: a.diagnostics,
      counts: a.result.model.summary.counts,
      diagram: {
        width: layout.width,
        height: layout.height,
        bands: layout.bands,
        nodes: [...layout.nodes.values()],
        edges: layout.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, d: e.d })),
        boundaries: layout.boundaries,
        highlights,
      },
      components: model.components.map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        layer: c.layer ?? null,
        location: this.pos(a.loaded, ['components', model.components.indexOf(c)]),
        controls: model.controls
          .filter((k) => (k.on ?? []).includes(c.id) || (c.controls ?? []).includes(k.id))
          .map((k) => ({ id: k.id, status: k.status })),
      })),
      trustBoundaries: (model.trustBoundaries ?? []).length,
    };
  }

  private pos(loaded: LoadedModel, path: (string | number)[]) {
    const p = loaded.positionOf(path);
    return { file: this.rel(p.file), line: p.line, col: p.col };
  }

  findings(file: string) {
    const a = this.analyse(file);
    if (!a.ok) return { file: a.file, ok: false as const, diagnostics: a.diagnostics, findings: [] };
    return {
      file: a.file,
      ok: true as const,
      diagnostics: a.diagnostics,
      triageFile: this.rel(sideTriagePath(a.loaded.files[0]!)),
      counts: a.result.counts,
      findings: a.result.findings.map((f) => findingRow(f, this)),
    };
  }

  explain(file: string, id: string): string {
    const a = this.analyse(file);
    if (!a.ok) throw new UserError('the model does not load; fix its diagnostics first');
    const f = a.result.findings.find((x) => x.id === id);
    if (!f) throw new UserError(`no finding '${id}'`);
    return explainFinding(f, a.result, PLAIN, this.root);
  }

  /** Attack paths per attacker: today's Pareto set, the cheapest path, its cost vector and simulated spread. */
  paths(file: string) {
    const a = this.analyse(file, 'full');
    if (!a.ok) return { file: a.file, ok: false as const, diagnostics: a.diagnostics };
    const econ = a.result.economics as EconomicsResult;
    const sims = econ.simulation?.results ?? [];
    return {
      file: a.file,
      ok: true as const,
      weights: econ.weights,
      defender: econ.defender,
      attackers: econ.attackers.map((x) => ({
        attacker: x.attacker,
        name: x.name ?? x.attacker,
        goal: x.goal,
        target: x.target,
        today: pathSetView(x.today),
        planned: pathSetView(x.planned),
        uncertainty: sims.find((s) => s.attacker === x.attacker && s.scenario === 'today') ?? null,
      })),
      toggles: this.toggles(a.loaded.model, econ),
      notes: econ.notes,
    };
  }

  /** What the what-if view can switch: planned model controls, and the recommended catalog controls. */
  private toggles(model: SystemModel, econ: EconomicsResult) {
    return {
      planned: model.controls.filter((c) => c.status === 'planned').map((c) => ({ id: c.id, name: c.name ?? c.id })),
      recommended: (econ.recommendations?.add ?? [])
        .filter((c) => c.action === 'add')
        .slice(0, 12)
        .map((c) => ({ id: c.control, name: c.name, on: c.on, defenderCost: c.defenderCost })),
    };
  }

  /**
   * What-if: implement the given planned controls and add the given recommended catalog controls (on the
   * components the recommendation names), then re-run the library's economics on the changed model.
   */
  whatIf(file: string, change: { implement: string[]; add: string[] }) {
    const a = this.analyse(file, 'full');
    if (!a.ok) throw new UserError('the model does not load; fix its diagnostics first');
    const econ = a.result.economics as EconomicsResult;
    let model = a.loaded.model;
    for (const id of change.implement) {
      if (!model.controls.some((c) => c.id === id && c.status === 'planned'))
        throw new UserError(`'${id}' is not a planned control of this model`);
      model = withImplemented(model, id);
    }
    for (const id of change.add) {
      const rec = econ.recommendations?.add.find((c) => c.control === id && c.action === 'add');
      if (!rec) throw new UserError(`'${id}' is not a recommended control for this model`);
      model = withControl(model, { id: `what-if-${id}`, catalog: id, on: rec.on, status: 'implemented' });
    }
    const after = analyzeEconomics(model, builtinCatalog(), {
      recommendations: false,
      simulate: { trials: TRIALS, seed: SEED },
      maxParetoReported: 12,
    });
    return {
      change,
      defender: { before: econ.defender.today, after: after.defender.today },
      attackers: after.attackers.map((x) => {
        const before = econ.attackers.find((b) => b.attacker === x.attacker)?.today.cheapest ?? null;
        const now = x.today.cheapest;
        return {
          attacker: x.attacker,
          name: x.name ?? x.attacker,
          before: before ? pathView(before) : null,
          after: now ? pathView(now) : null,
          blocked: x.today.blocked ?? null,
          changed: (before?.key ?? null) !== (now?.key ?? null) || before?.weightedCost !== now?.weightedCost,
          uncertainty:
            after.simulation?.results.find((s) => s.attacker === x.attacker && s.scenario === 'today') ?? null,
        };
      }),
    };
  }

  /** The analysis document as `nograd analyze --format json` writes it (for the static export). */
  analysisDocument(file: string): AnalysisResult | undefined {
    const a = this.analyse(file);
    return a.ok ? a.result : undefined;
  }
}

export function pathComponents(p: AttackPath): string[] {
  return p.steps.flatMap((s) => (s.component ? [s.component] : s.landsOn ? [s.landsOn] : []));
}

function pathView(p: AttackPath) {
  return {
    key: p.key,
    cost: p.cost,
    weightedCost: p.weightedCost,
    successProbability: p.successProbability,
    expectedAttempts: p.expectedAttempts,
    sideDoors: p.sideDoors,
    budget: p.budget,
    steps: p.steps.map((s) => ({
      stage: s.stage,
      kind: s.kind,
      tactic: s.tactic ?? null,
      tacticName: s.tacticName ?? null,
      component: s.component ?? s.landsOn ?? null,
      successProbability: s.successProbability,
      counters: s.counters.map((c) => c.control),
      note: s.note,
    })),
  };
}

function pathSetView(s: PathSet) {
  return {
    blocked: s.blocked ?? null,
    cheapest: s.cheapest ? pathView(s.cheapest) : null,
    pareto: s.pareto.map(pathView),
    paretoSize: s.paretoSize,
    truncated: s.search.truncated,
  };
}

function findingRow(f: Finding, svc: ModelService) {
  return {
    id: f.id,
    rule: f.rule,
    title: f.title,
    severity: f.severity,
    component: f.component ?? null,
    attacker: f.attacker ?? null,
    message: f.message,
    location: { file: svc.rel(f.location.file), line: f.location.line, col: f.location.col },
    status: f.triage && !f.triage.expired ? f.triage.status : 'open',
    suppressed: f.suppressed ?? false,
    triage: f.triage
      ? {
          status: f.triage.status,
          justification: f.triage.justification ?? null,
          expires: f.triage.expires ?? null,
          expired: f.triage.expired ?? false,
          pattern: f.triage.pattern,
        }
      : null,
  };
}
