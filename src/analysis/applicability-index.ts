/**
 * The applicability analysis: which catalog tactics an attacker can use on which component, what counters them and
 * how likely one attempt gets through. One index per (resolved model, catalog) serves the findings (through
 * `analyzeAttacker`) and the economics, so a finding that says an attacker can do X somewhere implies the path
 * search sees X there: one derivation of capability (the resolved model's effective access) serves both.
 *
 * It is built for large models:
 * - which tactics target which component (kind / layer / modality) is computed once per component list;
 * - the controls "around" a component (on it, or anywhere up or down its live path) are computed once per model
 *   by walking from the control-bearing components only when the whole model is analysed, and per component on
 *   demand when only a part is (what-if re-analysis asks for a few routes);
 * - counters per (tactic, component) are cached across attackers; effective access is a bit mask per component;
 * - what counters a control is a map look-up, not a catalog search.
 *
 * `primary` (the component a tactic is anchored to in findings) is set by analysis/applicability.ts: here every
 * entry says false.
 */
import type { Tactic } from '../catalog/types.js';
import { compareText, type ResolvedModel, readBit, resolveModel, writeBit } from '../model/resolved.js';
import type { AttackerT, ComponentT, ControlT, SystemModel } from '../model/schema.js';
import { MODALITIES } from '../model/vocabulary.js';
import { attackerPrice } from './attacker-cost.js';
import type { AttackerAnalysis, CounterRef, TacticApplicability } from './result.js';
import {
  assumptionsBroken,
  type CatalogData,
  controlCounters,
  controlEffectiveness,
  controlEffectivenessAgainst,
  GOAL_FAMILIES,
  hasPerTacticEffectiveness,
} from './tactic-matching.js';

const KNOWLEDGE_RANK = { zero: 0, limited: 1, perfect: 2 } as const;

/**
 * (tactic index × component count + component index) of every counter look-up a computation made: what-if
 * re-analysis uses them to tell which attackers a changed control can affect.
 */
export type CounterReads = Set<number>;

/**
 * Caches shared by every index over the same catalog / the same component list: what-if re-analysis builds one
 * index per candidate control on a model whose components and flows are unchanged, so the tactic candidates per
 * component and the keyword matches per assumption text are computed once, not once per candidate.
 */
const textBreakerCache = new WeakMap<CatalogData, Map<string, Set<number>>>();
const componentCandidates = new WeakMap<
  readonly ComponentT[],
  WeakMap<SystemModel['flows'], WeakMap<CatalogData, number[][]>>
>();
const tacticIndexCache = new WeakMap<CatalogData, Map<string, number>>();
const indexCache = new WeakMap<ResolvedModel, WeakMap<CatalogData, ApplicabilityIndex>>();

/** The applicability index of a model (computed once per resolved model and catalog). */
export function applicabilityIndex(model: SystemModel | ResolvedModel, catalog: CatalogData): ApplicabilityIndex {
  const resolved = 'byId' in model ? model : resolveModel(model);
  let byCatalog = indexCache.get(resolved);
  if (!byCatalog) {
    byCatalog = new WeakMap();
    indexCache.set(resolved, byCatalog);
  }
  let hit = byCatalog.get(catalog);
  if (!hit) {
    hit = new ApplicabilityIndex(resolved, catalog);
    byCatalog.set(catalog, hit);
  }
  return hit;
}

/**
 * The index of `changed` — the base model with some controls added, removed or re-statused (same components and
 * flows) — derived from the base model's index: counters at components the change cannot reach (`touched` marks
 * the changed controls' components and everything up or down their live paths) are the base index's, and the
 * controls around a touched component are the base's with the changed controls re-placed, without a walk.
 * Registered as the changed model's index (applicabilityIndex(changed) returns it).
 */
export function deriveIndex(
  base: ApplicabilityIndex,
  changed: SystemModel | ResolvedModel,
  changedControls: readonly string[],
  touched: Uint8Array,
): ApplicabilityIndex {
  const resolved = 'byId' in changed ? changed : resolveModel(changed);
  const index = new ApplicabilityIndex(resolved, base.catalog, { base, changedControls, touched });
  let byCatalog = indexCache.get(resolved);
  if (!byCatalog) {
    byCatalog = new WeakMap();
    indexCache.set(resolved, byCatalog);
  }
  byCatalog.set(base.catalog, index);
  return index;
}

interface Derivation {
  base: ApplicabilityIndex;
  changedControls: readonly string[];
  touched: Uint8Array;
}

const counterSets = new WeakMap<CatalogData, WeakMap<ControlT, Set<string>>>();

/** What a model control counters, as a set (cached per control object: what-if models share their controls). */
function counterSetOf(ctl: ControlT, catalog: CatalogData): Set<string> {
  let byControl = counterSets.get(catalog);
  if (!byControl) {
    byControl = new WeakMap();
    counterSets.set(catalog, byControl);
  }
  let hit = byControl.get(ctl);
  if (!hit) {
    hit = new Set(controlCounters(ctl, catalog));
    byControl.set(ctl, hit);
  }
  return hit;
}

/** Index of each catalog tactic by id. */
export function tacticIndexOf(catalog: CatalogData): Map<string, number> {
  let hit = tacticIndexCache.get(catalog);
  if (!hit) {
    hit = new Map(catalog.tactics.map((t, i) => [t.id, i]));
    tacticIndexCache.set(catalog, hit);
  }
  return hit;
}

export class ApplicabilityIndex {
  readonly resolved: ResolvedModel;
  readonly model: SystemModel;
  private readonly n: number;
  private readonly controls: readonly ControlT[];
  /** Control indices on each component, filled on first use (what-if indexes touch few components). */
  private readonly controlsOnCache: Array<number[] | undefined>;
  private readonly controlIdx: Map<ControlT, number>;
  private readonly counterSets: Set<string>[];
  private around: number[][] | undefined;
  private readonly aroundLazy = new Map<number, number[]>();
  private readonly candidates: number[][];
  private readonly byGoal = new Map<string, number[][]>();
  private readonly needWrite: Int32Array;
  private readonly needRead: Int32Array;
  private readonly needKnowledge: Uint8Array;
  private readonly counterCache = new Map<number, CounterRef[]>();
  private readonly breaksCache: Map<number, string[]>;
  private readonly textBreakers: Map<string, Set<number>>;
  private readonly effectiveness: number[];
  /** Per control: true when its effectiveness differs by tactic (asked per tactic then). */
  private readonly perTactic: boolean[];
  private readonly needAutomation: Uint8Array;
  readonly tacticIndex: Map<string, number>;
  /** Rank of each control in id order (localeCompare, computed once: sorting by rank gives the same order). */
  private idRank: Int32Array | undefined;
  private readonly derived:
    | (Derivation & { fromBase: Int32Array; changed: Array<{ k: number; touch: Uint8Array }>; ids: Set<string> })
    | undefined;

  /** Prefer `applicabilityIndex(model, catalog)`, which caches per model. */
  constructor(
    model: SystemModel | ResolvedModel,
    readonly catalog: CatalogData,
    derivation?: Derivation,
  ) {
    this.resolved = 'byId' in model ? model : resolveModel(model);
    this.model = this.resolved.model;
    const n = this.resolved.size;
    this.n = n;
    this.controls = this.model.controls;
    this.controlIdx = new Map(this.controls.map((c, i) => [c, i]));
    this.controlsOnCache = new Array(n);
    this.counterSets = this.controls.map((ctl) => counterSetOf(ctl, catalog));
    if (derivation) {
      const here = new Map(this.controls.map((c, k) => [c.id, k]));
      const ids = new Set(derivation.changedControls);
      const baseControls = derivation.base.controls;
      const fromBase = new Int32Array(baseControls.length).fill(-1);
      baseControls.forEach((c, k) => {
        if (!ids.has(c.id)) fromBase[k] = here.get(c.id) ?? -1;
      });
      const changed: Array<{ k: number; touch: Uint8Array }> = [];
      for (const id of ids) {
        const k = here.get(id);
        if (k === undefined) continue;
        const touch = new Uint8Array(n);
        const starts = this.resolved.guardedComponents(id).map((c) => this.resolved.indexOf.get(c)!);
        for (const i of starts) touch[i] = 1;
        this.resolved.walk(starts, this.resolved.downIndex('live'), (i) => (touch[i] = 1));
        this.resolved.walk(starts, this.resolved.upIndex('live'), (i) => (touch[i] = 1));
        changed.push({ k, touch });
      }
      this.derived = { ...derivation, fromBase, changed, ids };
    }
    this.effectiveness = this.controls.map((ctl) => controlEffectiveness(ctl, catalog));
    this.perTactic = this.controls.map((ctl) => hasPerTacticEffectiveness(ctl, catalog));
    this.tacticIndex = tacticIndexOf(catalog);
    // Assumptions broken depend on the components and the catalog only: a what-if index shares its base's.
    this.breaksCache = derivation ? derivation.base.breaksCache : new Map();
    let texts = textBreakerCache.get(catalog);
    if (!texts) {
      texts = new Map();
      textBreakerCache.set(catalog, texts);
    }
    this.textBreakers = texts;
    let byFlows = componentCandidates.get(this.model.components);
    if (!byFlows) {
      byFlows = new WeakMap();
      componentCandidates.set(this.model.components, byFlows);
    }
    let byCatalog = byFlows.get(this.model.flows);
    if (!byCatalog) {
      byCatalog = new WeakMap();
      byFlows.set(this.model.flows, byCatalog);
    }
    let candidates = byCatalog.get(catalog);
    if (!candidates) {
      candidates = this.computeCandidates();
      byCatalog.set(catalog, candidates);
    }
    this.candidates = candidates;
    const T = catalog.tactics.length;
    this.needWrite = new Int32Array(T);
    this.needRead = new Int32Array(T);
    this.needKnowledge = new Uint8Array(T);
    this.needAutomation = new Uint8Array(T);
    catalog.tactics.forEach((t, ti) => {
      if (t.requires.automation) this.needAutomation[ti] = 1;
      for (const w of t.requires.write) this.needWrite[ti]! |= writeBit(w);
      for (const r of t.requires.read ?? []) this.needRead[ti]! |= readBit(r);
      this.needKnowledge[ti] = t.requires.knowledge ? KNOWLEDGE_RANK[t.requires.knowledge] : 0;
    });
  }

  /** Number of components (a counter read's key is tactic × size + component). */
  get size(): number {
    return this.n;
  }

  /** Per component, the catalog tactics that target it (kind, layer, modality — stated or seen upstream). */
  private computeCandidates(): number[][] {
    const { model, catalog } = this;
    const upstreamModalities = this.upstreamModalityMasks();
    const modalityMask = (list: readonly string[]) =>
      list.reduce((m, x) => m | (1 << MODALITIES.indexOf(x as (typeof MODALITIES)[number])), 0);
    // targetsComponent with the graph: a component without a modality sees what its live inputs carry.
    return model.components.map((c, i) =>
      catalog.tactics.flatMap((t, ti) => {
        if (!t.targets.kinds.includes(c.kind)) return [];
        if (t.targets.layers && c.layer && !t.targets.layers.includes(c.layer)) return [];
        const wanted = t.targets.modalities;
        if (!wanted) return [ti];
        if (c.modality) return wanted.includes(c.modality) ? [ti] : [];
        const up = upstreamModalities[i]!;
        return up === 0 || (up & modalityMask(wanted)) !== 0 ? [ti] : [];
      }),
    );
  }

  /**
   * Per component, a bit mask of the modalities stated anywhere upstream on the live path (excluding itself unless
   * on a cycle). Masks only grow and have few bits, so a work-list fixpoint is O(flows × modalities).
   */
  private upstreamModalityMasks(): Int32Array {
    const n = this.n;
    const outLive = this.resolved.downIndex('live');
    const own = new Int32Array(n);
    this.model.components.forEach((c, i) => {
      if (c.modality) own[i] = 1 << MODALITIES.indexOf(c.modality);
    });
    const mask = new Int32Array(n);
    const queue: number[] = [];
    const queued = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      queue.push(i);
      queued[i] = 1;
    }
    while (queue.length > 0) {
      const a = queue.pop()!;
      queued[a] = 0;
      const carry = own[a]! | mask[a]!;
      for (const b of outLive[a]!) {
        if ((mask[b]! | carry) === mask[b]) continue;
        mask[b]! |= carry;
        if (!queued[b]) {
          queued[b] = 1;
          queue.push(b);
        }
      }
    }
    return mask;
  }

  /** Per component, the candidate tactics whose family serves the goal. */
  private candidatesFor(goal: AttackerT['goal']): number[][] {
    const hit = this.byGoal.get(goal);
    if (hit) return hit;
    const families = GOAL_FAMILIES[goal];
    const tactics = this.catalog.tactics;
    const lists = this.candidates.map((list) => list.filter((ti) => families.includes(tactics[ti]!.family)));
    this.byGoal.set(goal, lists);
    return lists;
  }

  private breaks(ti: number, c: number): string[] {
    const key = ti * this.n + c;
    let hit = this.breaksCache.get(key);
    if (!hit) {
      // assumptionsBroken's semantics, with keyword matching memoised per distinct assumption text.
      const comp = this.model.components[c]!;
      hit = (comp.assumptions ?? [])
        .filter((a) => !a.excludedFromAnalysis && this.breakersOf(a.text).has(ti))
        .map((a) => a.id);
      this.breaksCache.set(key, hit);
    }
    return hit;
  }

  /** Indices of the tactics whose `breaks` keywords occur in an assumption text (computed once per text). */
  private breakersOf(text: string): Set<number> {
    let hit = this.textBreakers.get(text);
    if (!hit) {
      hit = new Set();
      const probe = { id: 'probe', text };
      this.catalog.tactics.forEach((t, ti) => {
        if (assumptionsBroken(t, { id: 'probe', kind: 'model', assumptions: [probe] }).length > 0) hit!.add(ti);
      });
      this.textBreakers.set(text, hit);
    }
    return hit;
  }

  private sortControls(set: Iterable<number>): number[] {
    const list = [...set];
    // A derived (what-if) index sorts a few touched components: compare ids directly rather than rank every control.
    if (this.derived) return list.sort((a, b) => compareText(this.controls[a]!.id, this.controls[b]!.id));
    if (!this.idRank) {
      const rank = new Int32Array(this.controls.length);
      this.controls
        .map((_, k) => k)
        .sort((a, b) => compareText(this.controls[a]!.id, this.controls[b]!.id))
        .forEach((k, r) => {
          rank[k] = r;
        });
      this.idRank = rank;
    }
    const rank = this.idRank;
    return list.sort((a, b) => rank[a]! - rank[b]!);
  }

  /** Control indices on a component. */
  private controlsOn(i: number): number[] {
    let hit = this.controlsOnCache[i];
    if (!hit) {
      hit = this.resolved.controlsOnIndex(i).map((ctl) => this.controlIdx.get(ctl)!);
      this.controlsOnCache[i] = hit;
    }
    return hit;
  }

  /** For every component, the controls on it or anywhere up or down its live path (countersFor's "around"). */
  private aroundAll(): number[][] {
    if (this.around) return this.around;
    const sets: Set<number>[] = Array.from({ length: this.n }, () => new Set());
    const down = this.resolved.downIndex('live');
    const up = this.resolved.upIndex('live');
    for (let g = 0; g < this.n; g++) {
      const ks = this.controlsOn(g);
      if (ks.length === 0) continue;
      const add = (c: number) => {
        for (const k of ks) sets[c]!.add(k);
      };
      add(g);
      this.resolved.walk([g], down, add);
      this.resolved.walk([g], up, add);
    }
    this.around = sets.map((s) => this.sortControls(s));
    return this.around;
  }

  /** The controls around one component, computed on demand (a walk up and down from it). */
  protected aroundOne(c: number): number[] {
    if (this.around) return this.around[c]!;
    let hit = this.aroundLazy.get(c);
    if (!hit && this.derived) {
      // The base's controls around c (minus the changed ones), plus each changed control whose reach covers c.
      const d = this.derived;
      const set = new Set<number>();
      for (const k of d.base.aroundOne(c)) if (d.fromBase[k]! >= 0) set.add(d.fromBase[k]!);
      for (const { k, touch } of d.changed) if (touch[c]) set.add(k);
      hit = this.sortControls(set);
      this.aroundLazy.set(c, hit);
    }
    if (!hit) {
      const set = new Set<number>(this.controlsOn(c));
      const add = (i: number) => {
        for (const k of this.controlsOn(i)) set.add(k);
      };
      this.resolved.walk([c], this.resolved.downIndex('live'), add);
      this.resolved.walk([c], this.resolved.upIndex('live'), add);
      hit = this.sortControls(set);
      this.aroundLazy.set(c, hit);
    }
    return hit;
  }

  private counterRef(k: number, tacticId: string): CounterRef {
    const ctl = this.controls[k]!;
    return {
      control: ctl.id,
      ...(ctl.catalog ? { catalog: ctl.catalog } : {}),
      effectiveness: this.perTactic[k]
        ? controlEffectivenessAgainst(ctl, this.catalog, tacticId)
        : this.effectiveness[k]!,
      status: ctl.status,
    };
  }

  /**
   * Controls that can stop a tactic aimed at a component: those on it and on the live path through it (a
   * normalizer upstream, a review downstream) that counter the tactic, sorted by id. The array is shared: do not
   * mutate it.
   */
  countersAt(tacticIndex: number, component: number, reads?: CounterReads): CounterRef[] {
    const key = tacticIndex * this.n + component;
    reads?.add(key);
    const hit = this.counterCache.get(key);
    if (hit) return hit;
    // Out of the change's reach, the counters (and their statuses) are the base model's.
    if (this.derived && !this.derived.touched[component]) return this.derived.base.countersAt(tacticIndex, component);
    const id = this.catalog.tactics[tacticIndex]!.id;
    const out: CounterRef[] = [];
    for (const k of this.aroundOne(component)) if (this.counterSets[k]!.has(id)) out.push(this.counterRef(k, id));
    this.counterCache.set(key, out);
    return out;
  }

  /** countersAt by ids (an unknown tactic or component has no counters). */
  countersFor(tactic: Tactic, componentId: string, reads?: CounterReads): CounterRef[] {
    const ti = this.tacticIndex.get(tactic.id);
    const c = this.resolved.indexOf.get(componentId);
    return ti === undefined || c === undefined ? [] : this.countersAt(ti, c, reads);
  }

  /**
   * Controls on the given components themselves (not around them) that counter the tactic, first occurrence of
   * each, in the order met. Recorded as reads of those components.
   */
  countersOn(tactic: Tactic, componentIds: readonly string[], reads?: CounterReads): CounterRef[] {
    const ti = this.tacticIndex.get(tactic.id);
    const out: CounterRef[] = [];
    const seen = new Set<number>();
    for (const id of componentIds) {
      const c = this.resolved.indexOf.get(id);
      if (c === undefined) continue;
      if (ti !== undefined) reads?.add(ti * this.n + c);
      for (const k of this.controlsOn(c)) {
        if (seen.has(k) || !this.counterSets[k]!.has(tactic.id)) continue;
        seen.add(k);
        out.push(this.counterRef(k, tactic.id));
      }
    }
    return out;
  }

  /**
   * The attacker's applicable tactics. With `only`, just on those components (the economics layer asks for its
   * route and side-door sources: on a large model the rest is most of the work and none of the answer).
   */
  analyze(attacker: AttackerT, only?: Iterable<string>, reads?: CounterReads): AttackerAnalysis {
    const n = this.n;
    const comps = this.model.components;
    const access = this.resolved.accessOf(attacker);
    const write = access.write;
    const read = access.read;
    const knowledge = access.knowledge;

    const candidates = this.candidatesFor(attacker.goal);
    const allowed = attacker.tactics ? new Set(attacker.tactics) : undefined;
    const byHand = attacker.automation === false;
    const priced = attacker.costs !== undefined;
    const applicable: TacticApplicability[] = [];
    let notApplicableCount = 0;
    const tactics = this.catalog.tactics;
    if (!only) this.aroundAll();
    const scope: Iterable<number> = only
      ? [
          ...new Set([...only].map((id) => this.resolved.indexOf.get(id)).filter((i): i is number => i !== undefined)),
        ].sort((a, b) => a - b)
      : Array.from({ length: n }, (_, i) => i);
    for (const c of scope) {
      const comp = comps[c]!;
      const w = write[c]!;
      const r = read[c]!;
      const k = knowledge[c]!;
      for (const ti of candidates[c]!) {
        const t = tactics[ti]!;
        if (allowed && !allowed.has(t.id)) continue;
        const needW = this.needWrite[ti]!;
        const needR = this.needRead[ti]!;
        if (
          (w & needW) !== needW ||
          (needR !== 0 && (r & needR) === 0) ||
          k < this.needKnowledge[ti]! ||
          (byHand && this.needAutomation[ti] === 1)
        ) {
          notApplicableCount++;
          continue;
        }
        const counters = this.countersAt(ti, c, reads);
        let today = t.baseSuccess;
        let planned = t.baseSuccess;
        for (const k of counters) {
          planned *= 1 - k.effectiveness;
          if (k.status === 'implemented') today *= 1 - k.effectiveness;
        }
        applicable.push({
          tactic: t.id,
          tacticName: t.name,
          family: t.family,
          component: comp.id,
          applicable: true,
          missing: [],
          counteredBy: counters,
          successProbability: today,
          plannedSuccessProbability: planned,
          breaksAssumptions: this.breaks(ti, c),
          primary: false,
          // What one attempt costs this attacker here (attackers[].costs), as the path search prices it.
          cost: priced ? attackerPrice(t.cost, t.id, t.requires.accounts ?? 0, attacker, this.catalog).cost : t.cost,
          atlas: t.atlas,
        });
      }
    }
    return {
      attacker: attacker.id,
      goal: attacker.goal,
      target: attacker.target,
      applicable,
      uncountered: applicable.filter((a) => !a.counteredBy.some((k) => k.status === 'implemented')),
      notApplicableCount,
    };
  }
}
