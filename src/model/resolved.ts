/**
 * The resolved model: the facts every consumer of a system model needs, computed once from the raw model instead
 * of being re-derived from YAML by each rule, the economics layer, custom rules and the diagram:
 *
 * - components, attackers and controls by id; flows by kind; neighbours by flow kind; reachability;
 * - the controls guarding each component (its `on:` list and the components that list it under `controls:`);
 * - each attacker's effective access per component: the access they are given, propagated along flows —
 *   writing live input means influencing everything downstream on the live path; writing feedback means
 *   influencing whatever the feedback flows reach (training data, reputation); owning accounts is a capability of
 *   the attacker, not of one component; observing a component's downstream outcome (the final decision, a delayed
 *   bounce) reveals whether an attempt got past that component (RG §II-A: INVISIBLE systems).
 *
 * What-if variants of a model (a control added, removed or implemented) keep the same component and flow arrays,
 * so the structural part (adjacency, depths, stages) is shared between them through a cache keyed by those arrays;
 * only the control part is rebuilt. `resolveModel(model)` returns the same object for the same model object.
 */
import type { AttackerT, ComponentT, ControlT, FlowT, SystemModel } from './schema.js';
import {
  type FlowKind,
  type KnowledgeLevel,
  LAYERS,
  type Layer,
  READ_ACCESS,
  type ReadAccess,
  WRITE_ACCESS,
  type WriteAccess,
} from './vocabulary.js';

export interface EffectiveAccess {
  read: Set<ReadAccess>;
  write: Set<WriteAccess>;
  knowledge: KnowledgeLevel;
  /** How the write access arises, for explanations ("live input written at inbound-mail"). */
  writeVia: Map<WriteAccess, string>;
}

/**
 * `a.localeCompare(b)` as a function, without building a collator per call (the language defines localeCompare as
 * `new Intl.Collator().compare`, so the order is the same): id tie-breaks sit in the inner sorts of large analyses.
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;

export const KNOWLEDGE_RANK: Record<KnowledgeLevel, number> = { zero: 0, limited: 1, perfect: 2 };
const KNOWLEDGE_BY_RANK: readonly KnowledgeLevel[] = ['zero', 'limited', 'perfect'];

export function knowledgeAtLeast(have: KnowledgeLevel, need: KnowledgeLevel | undefined): boolean {
  return !need || KNOWLEDGE_RANK[have] >= KNOWLEDGE_RANK[need];
}

/** Bit of a write access in an access mask. */
export const writeBit = (w: WriteAccess): number => 1 << WRITE_ACCESS.indexOf(w);
/** Bit of a read access in an access mask. */
export const readBit = (r: ReadAccess): number => 1 << READ_ACCESS.indexOf(r);
const W = WRITE_ACCESS.length;

/**
 * One attacker's effective access on every component, as bit masks by component index (the path search and the
 * applicability analysis test masks; `at(id)` gives the readable form).
 */
export class AttackerAccess {
  constructor(
    private readonly resolved: { indexOf: ReadonlyMap<string, number>; components: readonly ComponentT[] },
    readonly write: Uint8Array,
    readonly read: Uint8Array,
    readonly knowledge: Uint8Array,
    /** Per component × write access: index + 1 of the component whose access grants it (0: none). */
    private readonly via: Int32Array,
  ) {}

  /** The effective access on one component (undefined for an unknown id). */
  at(id: string): EffectiveAccess | undefined {
    const i = this.resolved.indexOf.get(id);
    if (i === undefined) return undefined;
    const write = new Set<WriteAccess>();
    const read = new Set<ReadAccess>();
    const writeVia = new Map<WriteAccess, string>();
    WRITE_ACCESS.forEach((w, b) => {
      if (!(this.write[i]! & (1 << b))) return;
      write.add(w);
      const v = this.via[i * W + b]!;
      if (v > 0) writeVia.set(w, this.resolved.components[v - 1]!.id);
    });
    READ_ACCESS.forEach((r, b) => {
      if (this.read[i]! & (1 << b)) read.add(r);
    });
    return { read, write, knowledge: KNOWLEDGE_BY_RANK[this.knowledge[i]!]!, writeVia };
  }

  canWrite(i: number, w: WriteAccess): boolean {
    return (this.write[i]! & writeBit(w)) !== 0;
  }

  canRead(i: number, r: ReadAccess): boolean {
    return (this.read[i]! & readBit(r)) !== 0;
  }

  /** Every component's effective access, by id (the shape analysis/capabilities.ts has always returned). */
  toMap(): Map<string, EffectiveAccess> {
    return new Map(this.resolved.components.map((c) => [c.id, this.at(c.id)!]));
  }
}

type Adjacency = number[][];

/** The part of a resolved model that depends only on the components and flows. */
class Structure {
  readonly n: number;
  readonly byId = new Map<string, ComponentT>();
  readonly indexOf = new Map<string, number>();
  readonly out: FlowT[][];
  readonly in: FlowT[][];
  /** Component-index adjacency per flow kind (out and in). */
  readonly outBy: Record<FlowKind, Adjacency>;
  readonly inBy: Record<FlowKind, Adjacency>;
  readonly flowsByKind: Record<FlowKind, FlowT[]>;
  depth: Map<string, number> | undefined;
  readonly stages = new Map<string, Layer>();
  /** Effective access per attacker object: it depends on the components and flows only, so what-if variants share it. */
  readonly access = new WeakMap<AttackerT, AttackerAccess>();
  /** Reused visit stamps for walks (one walk at a time: walks never nest). */
  readonly stamp: Int32Array;
  generation = 0;

  constructor(
    readonly components: readonly ComponentT[],
    readonly flows: readonly FlowT[],
  ) {
    const n = components.length;
    this.n = n;
    components.forEach((c, i) => {
      this.byId.set(c.id, c);
      this.indexOf.set(c.id, i);
    });
    const empty = (): Adjacency => Array.from({ length: n }, () => []);
    this.out = Array.from({ length: n }, () => []);
    this.in = Array.from({ length: n }, () => []);
    this.outBy = { live: empty(), training: empty(), feedback: empty() };
    this.inBy = { live: empty(), training: empty(), feedback: empty() };
    this.flowsByKind = { live: [], training: [], feedback: [] };
    for (const f of flows) {
      this.flowsByKind[f.kind]?.push(f);
      const a = this.indexOf.get(f.from);
      const b = this.indexOf.get(f.to);
      if (a !== undefined) this.out[a]!.push(f);
      if (b !== undefined) this.in[b]!.push(f);
      if (a === undefined || b === undefined) continue;
      this.outBy[f.kind]?.[a]?.push(b);
      this.inBy[f.kind]?.[b]?.push(a);
    }
    this.stamp = new Int32Array(n);
  }
}

const structures = new WeakMap<readonly ComponentT[], WeakMap<readonly FlowT[], Structure>>();

function structureOf(model: SystemModel): Structure {
  let byFlows = structures.get(model.components);
  if (!byFlows) {
    byFlows = new WeakMap();
    structures.set(model.components, byFlows);
  }
  let s = byFlows.get(model.flows);
  if (!s) {
    s = new Structure(model.components, model.flows);
    byFlows.set(model.flows, s);
  }
  return s;
}

const resolvedCache = new WeakMap<SystemModel, ResolvedModel>();
const NO_CONTROLS: ControlT[] = [];

/** The resolved model of a system model, computed once per model object. */
export function resolveModel(model: SystemModel): ResolvedModel {
  let r = resolvedCache.get(model);
  if (!r) {
    r = new ResolvedModel(model);
    resolvedCache.set(model, r);
  }
  return r;
}

export class ResolvedModel {
  readonly byId: Map<string, ComponentT>;
  readonly indexOf: Map<string, number>;
  readonly attackerById: Map<string, AttackerT>;
  readonly controlById: Map<string, ControlT>;
  private readonly s: Structure;
  /** Controls guarding each component, by component index. */
  private readonly controlsAt: ControlT[][];
  /** Components each control guards (its `on:` list and the components listing it), by control id. */
  private readonly guardedBy = new Map<string, string[]>();

  /** Prefer `resolveModel(model)`, which caches; a fresh object still shares the structural part. */
  constructor(readonly model: SystemModel) {
    this.s = structureOf(model);
    this.byId = this.s.byId;
    this.indexOf = this.s.indexOf;
    this.attackerById = new Map(model.attackers.map((a) => [a.id, a]));
    this.controlById = new Map(model.controls.map((c) => [c.id, c]));
    // Components without controls share one empty list (what-if variants build this once per candidate).
    this.controlsAt = new Array(this.s.n).fill(NO_CONTROLS);
    // A control guards the components in its `on:` list and those that list it under `controls:`.
    for (const ctl of model.controls) for (const id of ctl.on) this.attach(id, ctl);
    for (const c of model.components) {
      for (const id of c.controls ?? []) {
        const ctl = this.controlById.get(id);
        if (ctl) this.attach(c.id, ctl);
      }
    }
  }

  private attach(componentId: string, ctl: ControlT): void {
    const i = this.indexOf.get(componentId);
    if (i === undefined) return;
    let list = this.controlsAt[i]!;
    if (list.includes(ctl)) return;
    if (list === NO_CONTROLS) {
      list = [];
      this.controlsAt[i] = list;
    }
    list.push(ctl);
    const on = this.guardedBy.get(ctl.id);
    if (on) on.push(componentId);
    else this.guardedBy.set(ctl.id, [componentId]);
  }

  get size(): number {
    return this.s.n;
  }

  /** Flows of one kind, in model order. */
  flowsOf(kind: FlowKind): readonly FlowT[] {
    return this.s.flowsByKind[kind];
  }

  outgoing(id: string, kinds?: readonly FlowKind[]): FlowT[] {
    const i = this.indexOf.get(id);
    const list = i === undefined ? [] : this.s.out[i]!;
    return list.filter((f) => !kinds || kinds.includes(f.kind));
  }

  incoming(id: string, kinds?: readonly FlowKind[]): FlowT[] {
    const i = this.indexOf.get(id);
    const list = i === undefined ? [] : this.s.in[i]!;
    return list.filter((f) => !kinds || kinds.includes(f.kind));
  }

  /** Component-index neighbours along flows of one kind (downstream). */
  downIndex(kind: FlowKind): readonly (readonly number[])[] {
    return this.s.outBy[kind];
  }

  /** Component-index neighbours along flows of one kind (upstream). */
  upIndex(kind: FlowKind): readonly (readonly number[])[] {
    return this.s.inBy[kind];
  }

  /** Controls guarding a component; `status` filters implemented or planned. */
  controls(id: string, status?: 'implemented' | 'planned'): ControlT[] {
    const i = this.indexOf.get(id);
    if (i === undefined) return [];
    const list = this.controlsAt[i]!;
    return status ? list.filter((c) => c.status === status) : [...list];
  }

  /** Controls guarding a component by index (do not mutate). */
  controlsOnIndex(i: number): readonly ControlT[] {
    return this.controlsAt[i]!;
  }

  /** The component ids a control guards (its `on:` list first, then the components that list it). */
  guardedComponents(controlId: string): readonly string[] {
    return this.guardedBy.get(controlId) ?? [];
  }

  /**
   * Visit every component index reachable from the start indices along the adjacency, excluding the starts unless
   * reached again (as `reachable` does). Walks never nest, so one stamp array serves them all.
   */
  walk(starts: readonly number[], adj: readonly (readonly number[])[], visit: (i: number) => void): void {
    const s = this.s;
    if (s.generation >= 0x7fffffff) {
      s.stamp.fill(0);
      s.generation = 0;
    }
    const g = ++s.generation;
    const stack = [...starts];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      for (const nb of adj[cur]!) {
        if (s.stamp[nb] === g) continue;
        s.stamp[nb] = g;
        visit(nb);
        stack.push(nb);
      }
    }
  }

  private walkKinds(start: string, kinds: readonly FlowKind[], up: boolean): Set<string> {
    const seen = new Set<string>();
    const i = this.indexOf.get(start);
    if (i === undefined) return seen;
    const comps = this.model.components;
    const adj =
      kinds.length === 1 && kinds[0]! in this.s.outBy
        ? (up ? this.s.inBy : this.s.outBy)[kinds[0]!]
        : mergeAdjacency(this.s, kinds, up);
    this.walk([i], adj, (j) => seen.add(comps[j]!.id));
    return seen;
  }

  /** Components reachable from `start` along flows of the given kinds (excluding start unless on a cycle). */
  reachable(start: string, kinds: readonly FlowKind[]): Set<string> {
    return this.walkKinds(start, kinds, false);
  }

  /** Components from which `end` is reachable along flows of the given kinds. */
  upstream(end: string, kinds: readonly FlowKind[]): Set<string> {
    return this.walkKinds(end, kinds, true);
  }

  /**
   * Position of each component along the live path (longest distance from a live source), so "downstream" has a
   * meaning even with branches. Components off the live path get -1.
   */
  liveDepth(): Map<string, number> {
    const s = this.s;
    if (s.depth) return s.depth;
    const comps = this.model.components;
    const n = s.n;
    const depth = new Int32Array(n).fill(-1);
    const live = s.outBy.live;
    const sources: number[] = [];
    for (let i = 0; i < n; i++) if (s.inBy.live[i]!.length === 0 && live[i]!.length > 0) sources.push(i);
    for (const i of sources) depth[i] = 0;
    // Longest distance by relaxation in topological order (Kahn); components on a cycle fall back to the bounded
    // Bellman-Ford rounds, so cycles cannot loop forever. Same numbers as relaxing every flow until nothing changes.
    const indeg = new Int32Array(n);
    for (let i = 0; i < n; i++) for (const b of live[i]!) indeg[b]!++;
    const queue: number[] = [];
    for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
    let head = 0;
    while (head < queue.length) {
      const a = queue[head++]!;
      for (const b of live[a]!) {
        if (depth[a]! >= 0 && depth[a]! + 1 > depth[b]! && depth[a]! + 1 <= n) depth[b] = depth[a]! + 1;
        if (--indeg[b]! === 0) queue.push(b);
      }
    }
    if (head < n) {
      // A cycle: the bounded relaxation over live flows, from the start, as it has always been computed (its
      // numbers on a cycle depend on the rounds, so no shortcut).
      depth.fill(-1);
      for (const i of sources) depth[i] = 0;
      const flows = s.flowsByKind.live;
      for (let round = 0; round < n; round++) {
        let changed = false;
        for (const f of flows) {
          const a = s.indexOf.get(f.from);
          const b = s.indexOf.get(f.to);
          if (a === undefined || b === undefined) continue;
          const d = depth[a]!;
          if (d >= 0 && d + 1 > depth[b]! && d + 1 <= n) {
            depth[b] = d + 1;
            changed = true;
          }
        }
        if (!changed) break;
      }
    }
    s.depth = new Map(comps.map((c, i) => [c.id, depth[i]!]));
    return s.depth;
  }

  /** The funnel stage of a component: its layer, else the latest layer among its nearest upstream layered ones. */
  stageOf(id: string): Layer {
    const s = this.s;
    const hit = s.stages.get(id);
    if (hit) return hit;
    const own = this.byId.get(id)?.layer;
    let stage: Layer = own ?? 'application';
    if (!own) {
      // Breadth-first upstream along live flows: the nearest layered component decides.
      const seen = new Set([id]);
      let frontier = [id];
      let found: Layer | undefined;
      while (frontier.length > 0 && !found) {
        const next: string[] = [];
        for (const cur of frontier) {
          for (const f of this.incoming(cur, ['live'])) {
            if (seen.has(f.from)) continue;
            seen.add(f.from);
            const layer = this.byId.get(f.from)?.layer;
            if (layer && (!found || LAYERS.indexOf(layer) > LAYERS.indexOf(found))) found = layer;
            next.push(f.from);
          }
        }
        frontier = next;
      }
      if (found) stage = found;
    }
    s.stages.set(id, stage);
    return stage;
  }

  ofKind(...kinds: ComponentT['kind'][]): ComponentT[] {
    return this.model.components.filter((c) => kinds.includes(c.kind));
  }

  /** An attacker's effective access on every component (computed once per attacker object). */
  accessOf(attacker: AttackerT): AttackerAccess {
    let hit = this.s.access.get(attacker);
    if (!hit) {
      hit = this.computeAccess(attacker);
      this.s.access.set(attacker, hit);
    }
    return hit;
  }

  private computeAccess(attacker: AttackerT): AttackerAccess {
    const n = this.s.n;
    const comps = this.model.components;
    const write = new Uint8Array(n);
    const read = new Uint8Array(n);
    const knowledge = new Uint8Array(n);
    const via = new Int32Array(n * W);
    const all = attacker.access ?? [];
    const entries = all.filter((e) => this.indexOf.has(e.component));
    for (const e of entries) {
      const i = this.indexOf.get(e.component)!;
      knowledge[i] = KNOWLEDGE_RANK[e.knowledge];
      for (const r of e.read) if (r !== 'none') read[i]! |= readBit(r);
      for (const w of e.write) {
        if (w === 'none') continue;
        const b = WRITE_ACCESS.indexOf(w);
        write[i]! |= 1 << b;
        via[i * W + b] = i + 1;
      }
    }
    const add = (j: number, w: WriteAccess, from: number) => {
      const b = WRITE_ACCESS.indexOf(w);
      write[j]! |= 1 << b;
      if (via[j * W + b] === 0) via[j * W + b] = from + 1;
    };
    const feedbackAndTraining = mergeAdjacency(this.s, ['feedback', 'training'], false);
    // Live input propagates downstream along live flows; feedback reaches what feedback/training flows reach.
    for (const e of entries) {
      const i = this.indexOf.get(e.component)!;
      if (e.write.includes('live-input')) this.walk([i], this.s.outBy.live, (j) => add(j, 'live-input', i));
      if (e.write.includes('feedback')) {
        this.walk([i], feedbackAndTraining, (j) => {
          const kind = comps[j]!.kind;
          if (kind === 'training-data' || kind === 'model') add(j, 'training-data', i);
          if (kind === 'account-identity') add(j, 'feedback', i);
        });
      }
      if (e.write.includes('training-data')) this.walk([i], this.s.outBy.training, (j) => add(j, 'training-data', i));
    }
    const owner = all.find((e) => e.write.includes('account'));
    if (owner) {
      // Owning accounts is a capability of the attacker; "via" names the first entry that grants it.
      const from = this.indexOf.get(owner.component) ?? -1;
      const b = WRITE_ACCESS.indexOf('account');
      for (let j = 0; j < n; j++) {
        write[j]! |= 1 << b;
        if (via[j * W + b] === 0) via[j * W + b] = from + 1;
      }
    }
    // Observing an outcome downstream tells the attacker whether an attempt got past an upstream component; a score
    // or label seen downstream is the system's output, not this component's, but it still tells pass/fail.
    for (const e of entries) {
      let mask = 0;
      for (const r of e.read) {
        if (r === 'none') continue;
        mask |= readBit(r === 'score' || r === 'label' ? 'decision' : r);
      }
      if (mask === 0) continue;
      this.walk([this.indexOf.get(e.component)!], this.s.inBy.live, (j) => (read[j]! |= mask));
    }
    return new AttackerAccess(this.s, write, read, knowledge, via);
  }
}

const merged = new WeakMap<Structure, Map<string, Adjacency>>();

/** Adjacency over several flow kinds at once, neighbours in model flow order (cached per structure). */
function mergeAdjacency(s: Structure, kinds: readonly FlowKind[], up: boolean): Adjacency {
  const key = `${up ? 'up' : 'down'}:${[...kinds].sort().join(',')}`;
  let byKey = merged.get(s);
  if (!byKey) {
    byKey = new Map();
    merged.set(s, byKey);
  }
  let adj = byKey.get(key);
  if (!adj) {
    const lists = up ? s.in : s.out;
    adj = lists.map((flows) => {
      const out: number[] = [];
      for (const f of flows) {
        if (!kinds.includes(f.kind)) continue;
        const j = s.indexOf.get(up ? f.from : f.to);
        if (j !== undefined) out.push(j);
      }
      return out;
    });
    byKey.set(key, adj);
  }
  return adj;
}
