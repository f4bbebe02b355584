/**
 * The applicability analysis of analysis/applicability.ts, indexed for large models. Same semantics and the same
 * numbers (a test compares them on the examples and on generated models); what changes is the work:
 *
 * - `countersFor` walks the whole live path up and down from the component for every (tactic, component) pair:
 *   O(components) per pair, O(components² × tactics) per attacker. Here the controls "around" each component are
 *   computed once per model by walking up and down from each control-bearing component only (O(control-bearing
 *   components × flows)), and counters per (tactic, component) are cached across attackers.
 * - which tactics target which component (kind / layer / modality) is computed once per model, not per attacker;
 * - effective access uses typed arrays and bit masks instead of a Set per component.
 *
 * `primary` (the component a tactic is anchored to in findings) is not computed: every entry says false.
 */
import type { AttackerT, ComponentT, ControlT, FlowT, SystemModel } from '../../model/schema.js';
import { MODALITIES, READ_ACCESS, type ReadAccess, WRITE_ACCESS, type WriteAccess } from '../../model/vocabulary.js';
import {
  assumptionsBroken,
  type CatalogData,
  controlCounters,
  controlEffectiveness,
  GOAL_FAMILIES,
} from '../applicability.js';
import type { AttackerAnalysis, CounterRef, TacticApplicability } from '../result.js';

const KNOWLEDGE_RANK = { zero: 0, limited: 1, perfect: 2 } as const;
const writeBit = (w: WriteAccess) => 1 << WRITE_ACCESS.indexOf(w);
const readBit = (r: ReadAccess) => 1 << READ_ACCESS.indexOf(r);

type Adjacency = number[][];

/**
 * Caches shared by every index over the same catalog / the same component list: what-if re-analysis builds one
 * index per candidate control on a model whose components and flows are unchanged, so the tactic candidates per
 * component and the keyword matches per assumption text are computed once, not once per candidate.
 */
const textBreakerCache = new WeakMap<CatalogData, Map<string, Set<number>>>();
const candidateCache = new WeakMap<
  readonly ComponentT[],
  WeakMap<CatalogData, { flows: readonly FlowT[]; candidates: number[][] }>
>();

export class ApplicabilityIndex {
  private readonly n: number;
  private readonly idx = new Map<string, number>();
  private readonly outLive: Adjacency;
  private readonly inLive: Adjacency;
  private readonly outFeedbackTraining: Adjacency;
  private readonly outTraining: Adjacency;
  private readonly controls: ControlT[];
  private readonly controlsOn: number[][];
  private readonly counterSets: Set<string>[];
  private around: number[][] | undefined;
  private readonly candidates: number[][];
  private readonly byGoal = new Map<string, number[][]>();
  private readonly needWrite: Int32Array;
  private readonly needRead: Int32Array;
  private readonly needKnowledge: Uint8Array;
  private readonly counterCache = new Map<number, CounterRef[]>();
  private readonly breaksCache = new Map<number, string[]>();
  private readonly textBreakers: Map<string, Set<number>>;
  private readonly effectiveness: number[];
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(
    readonly model: SystemModel,
    readonly catalog: CatalogData,
  ) {
    const n = model.components.length;
    this.n = n;
    model.components.forEach((c, i) => {
      this.idx.set(c.id, i);
    });
    const empty = (): Adjacency => Array.from({ length: n }, () => []);
    this.outLive = empty();
    this.inLive = empty();
    this.outFeedbackTraining = empty();
    this.outTraining = empty();
    for (const f of model.flows) {
      const a = this.idx.get(f.from);
      const b = this.idx.get(f.to);
      if (a === undefined || b === undefined) continue;
      if (f.kind === 'live') {
        this.outLive[a]!.push(b);
        this.inLive[b]!.push(a);
      } else {
        this.outFeedbackTraining[a]!.push(b);
        if (f.kind === 'training') this.outTraining[a]!.push(b);
      }
    }
    this.controls = [...model.controls];
    const controlIdx = new Map(this.controls.map((c, i) => [c.id, i]));
    this.controlsOn = empty();
    const attach = (comp: number | undefined, k: number | undefined) => {
      if (comp === undefined || k === undefined) return;
      const list = this.controlsOn[comp]!;
      if (!list.includes(k)) list.push(k);
    };
    this.controls.forEach((ctl, k) => {
      for (const id of ctl.on) attach(this.idx.get(id), k);
    });
    model.components.forEach((c, i) => {
      for (const id of c.controls ?? []) attach(i, controlIdx.get(id));
    });
    this.counterSets = this.controls.map((ctl) => new Set(controlCounters(ctl, catalog)));
    this.effectiveness = this.controls.map((ctl) => controlEffectiveness(ctl, catalog));
    let texts = textBreakerCache.get(catalog);
    if (!texts) {
      texts = new Map();
      textBreakerCache.set(catalog, texts);
    }
    this.textBreakers = texts;
    let byCatalog = candidateCache.get(model.components);
    if (!byCatalog) {
      byCatalog = new WeakMap();
      candidateCache.set(model.components, byCatalog);
    }
    const cached = byCatalog.get(catalog);
    if (cached && cached.flows === model.flows) this.candidates = cached.candidates;
    else {
      this.candidates = this.computeCandidates();
      byCatalog.set(catalog, { flows: model.flows, candidates: this.candidates });
    }
    this.stamp = new Int32Array(n);
    const T = catalog.tactics.length;
    this.needWrite = new Int32Array(T);
    this.needRead = new Int32Array(T);
    this.needKnowledge = new Uint8Array(T);
    catalog.tactics.forEach((t, ti) => {
      for (const w of t.requires.write) this.needWrite[ti]! |= writeBit(w);
      for (const r of t.requires.read ?? []) this.needRead[ti]! |= readBit(r);
      this.needKnowledge[ti] = t.requires.knowledge ? KNOWLEDGE_RANK[t.requires.knowledge] : 0;
    });
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
    const own = new Int32Array(this.n);
    this.model.components.forEach((c, i) => {
      if (c.modality) own[i] = 1 << MODALITIES.indexOf(c.modality);
    });
    const mask = new Int32Array(this.n);
    const queue: number[] = [];
    const queued = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) {
      queue.push(i);
      queued[i] = 1;
    }
    while (queue.length > 0) {
      const a = queue.pop()!;
      queued[a] = 0;
      const carry = own[a]! | mask[a]!;
      for (const b of this.outLive[a]!) {
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

  /** Visit every node reachable from `start` (excluding start unless on a cycle), as ModelGraph.reachable does. */
  private walk(start: number, adj: Adjacency, visit: (i: number) => void): void {
    const g = ++this.generation;
    const stack = [start];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      for (const nb of adj[cur]!) {
        if (this.stamp[nb] === g) continue;
        this.stamp[nb] = g;
        visit(nb);
        stack.push(nb);
      }
    }
  }

  /** For each component, the controls on it or anywhere up or down its live path (countersFor's "around"). */
  private aroundControls(): number[][] {
    if (this.around) return this.around;
    const sets: Set<number>[] = Array.from({ length: this.n }, () => new Set());
    for (let g = 0; g < this.n; g++) {
      const ks = this.controlsOn[g]!;
      if (ks.length === 0) continue;
      const add = (c: number) => {
        for (const k of ks) sets[c]!.add(k);
      };
      add(g);
      this.walk(g, this.outLive, add);
      this.walk(g, this.inLive, add);
    }
    this.around = sets.map((s) => [...s].sort((a, b) => this.controls[a]!.id.localeCompare(this.controls[b]!.id)));
    return this.around;
  }

  countersAt(tacticIndex: number, component: number): CounterRef[] {
    const key = tacticIndex * this.n + component;
    const hit = this.counterCache.get(key);
    if (hit) return hit;
    const t = this.catalog.tactics[tacticIndex]!;
    const out: CounterRef[] = [];
    for (const k of this.aroundControls()[component]!) {
      if (!this.counterSets[k]!.has(t.id)) continue;
      const ctl = this.controls[k]!;
      out.push({
        control: ctl.id,
        ...(ctl.catalog ? { catalog: ctl.catalog } : {}),
        effectiveness: this.effectiveness[k]!,
        status: ctl.status,
      });
    }
    this.counterCache.set(key, out);
    return out;
  }

  /**
   * The attacker's applicable tactics. With `only`, just on those components (the economics layer asks for its
   * route and side-door sources: on a large model the rest is most of the work and none of the answer).
   */
  analyze(attacker: AttackerT, only?: Iterable<string>): AttackerAnalysis {
    const n = this.n;
    const comps = this.model.components;
    const write = new Uint8Array(n);
    const read = new Uint8Array(n);
    const knowledge = new Uint8Array(n);
    const entries = (attacker.access ?? []).filter((e) => this.idx.has(e.component));
    for (const e of entries) {
      const i = this.idx.get(e.component)!;
      knowledge[i] = KNOWLEDGE_RANK[e.knowledge];
      for (const r of e.read) if (r !== 'none') read[i]! |= readBit(r);
      for (const w of e.write) if (w !== 'none') write[i]! |= writeBit(w);
    }
    const LIVE = writeBit('live-input');
    const TRAIN = writeBit('training-data');
    const FEEDBACK = writeBit('feedback');
    for (const e of entries) {
      const i = this.idx.get(e.component)!;
      if (e.write.includes('live-input')) this.walk(i, this.outLive, (j) => (write[j]! |= LIVE));
      if (e.write.includes('feedback')) {
        this.walk(i, this.outFeedbackTraining, (j) => {
          const kind = comps[j]!.kind;
          if (kind === 'training-data' || kind === 'model') write[j]! |= TRAIN;
          if (kind === 'account-identity') write[j]! |= FEEDBACK;
        });
      }
      if (e.write.includes('training-data')) this.walk(i, this.outTraining, (j) => (write[j]! |= TRAIN));
    }
    if ((attacker.access ?? []).some((e) => e.write.includes('account'))) {
      const ACCOUNT = writeBit('account');
      for (let j = 0; j < n; j++) write[j]! |= ACCOUNT;
    }
    for (const e of entries) {
      let mask = 0;
      for (const r of e.read) {
        if (r === 'none') continue;
        mask |= readBit(r === 'score' || r === 'label' ? 'decision' : r);
      }
      if (mask === 0) continue;
      this.walk(this.idx.get(e.component)!, this.inLive, (j) => (read[j]! |= mask));
    }

    const candidates = this.candidatesFor(attacker.goal);
    const allowed = attacker.tactics ? new Set(attacker.tactics) : undefined;
    const applicable: TacticApplicability[] = [];
    let notApplicableCount = 0;
    const tactics = this.catalog.tactics;
    const scope: Iterable<number> = only
      ? [...new Set([...only].map((id) => this.idx.get(id)).filter((i): i is number => i !== undefined))].sort(
          (a, b) => a - b,
        )
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
        if ((w & needW) !== needW || (needR !== 0 && (r & needR) === 0) || k < this.needKnowledge[ti]!) {
          notApplicableCount++;
          continue;
        }
        const counters = this.countersAt(ti, c);
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
          cost: t.cost,
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
