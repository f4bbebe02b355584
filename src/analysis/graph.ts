/**
 * Read-only views of a system model that rules and the path search need: neighbours by flow kind, reachability,
 * and which controls guard which component. Built once per analysis.
 */
import type { ComponentT, ControlT, FlowT, SystemModel } from '../model/schema.js';
import type { FlowKind } from '../model/vocabulary.js';

export class ModelGraph {
  readonly byId = new Map<string, ComponentT>();
  readonly indexOf = new Map<string, number>();
  private readonly out = new Map<string, FlowT[]>();
  private readonly in = new Map<string, FlowT[]>();
  private readonly controlsOn = new Map<string, ControlT[]>();

  constructor(readonly model: SystemModel) {
    model.components.forEach((c, i) => {
      this.byId.set(c.id, c);
      this.indexOf.set(c.id, i);
      this.out.set(c.id, []);
      this.in.set(c.id, []);
      this.controlsOn.set(c.id, []);
    });
    for (const f of model.flows) {
      this.out.get(f.from)?.push(f);
      this.in.get(f.to)?.push(f);
    }
    const controlById = new Map(model.controls.map((c) => [c.id, c]));
    // A control guards the components in its `on:` list and those that list it under `controls:`.
    for (const ctl of model.controls) for (const id of ctl.on) this.attach(id, ctl);
    for (const c of model.components) {
      for (const id of c.controls ?? []) {
        const ctl = controlById.get(id);
        if (ctl) this.attach(c.id, ctl);
      }
    }
  }

  private attach(componentId: string, ctl: ControlT): void {
    const list = this.controlsOn.get(componentId);
    if (list && !list.includes(ctl)) list.push(ctl);
  }

  outgoing(id: string, kinds?: readonly FlowKind[]): FlowT[] {
    return (this.out.get(id) ?? []).filter((f) => !kinds || kinds.includes(f.kind));
  }

  incoming(id: string, kinds?: readonly FlowKind[]): FlowT[] {
    return (this.in.get(id) ?? []).filter((f) => !kinds || kinds.includes(f.kind));
  }

  /** Controls guarding a component; `status` filters implemented or planned. */
  controls(id: string, status?: 'implemented' | 'planned'): ControlT[] {
    return (this.controlsOn.get(id) ?? []).filter((c) => !status || c.status === status);
  }

  /** Components reachable from `start` along flows of the given kinds (excluding start unless on a cycle). */
  reachable(start: string, kinds: readonly FlowKind[]): Set<string> {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const f of this.outgoing(cur, kinds)) {
        if (!seen.has(f.to)) {
          seen.add(f.to);
          stack.push(f.to);
        }
      }
    }
    return seen;
  }

  /** Components from which `end` is reachable along flows of the given kinds. */
  upstream(end: string, kinds: readonly FlowKind[]): Set<string> {
    const seen = new Set<string>();
    const stack = [end];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const f of this.incoming(cur, kinds)) {
        if (!seen.has(f.from)) {
          seen.add(f.from);
          stack.push(f.from);
        }
      }
    }
    return seen;
  }

  /**
   * Position of each component along the live path (longest distance from a live source), so "downstream" has a
   * meaning even with branches. Components off the live path get -1.
   */
  liveDepth(): Map<string, number> {
    if (this.depthCache) return this.depthCache;
    const depth = new Map<string, number>(this.model.components.map((c) => [c.id, -1]));
    const sources = this.model.components.filter(
      (c) => this.incoming(c.id, ['live']).length === 0 && this.outgoing(c.id, ['live']).length > 0,
    );
    // Bellman-Ford style relaxation bounded by the component count: cycles cannot loop forever.
    for (const s of sources) depth.set(s.id, 0);
    for (let round = 0; round < this.model.components.length; round++) {
      let changed = false;
      for (const f of this.model.flows) {
        if (f.kind !== 'live') continue;
        const d = depth.get(f.from) ?? -1;
        if (d >= 0 && d + 1 > (depth.get(f.to) ?? -1) && d + 1 <= this.model.components.length) {
          depth.set(f.to, d + 1);
          changed = true;
        }
      }
      if (!changed) break;
    }
    this.depthCache = depth;
    return depth;
  }
  private depthCache: Map<string, number> | undefined;

  ofKind(...kinds: ComponentT['kind'][]): ComponentT[] {
    return this.model.components.filter((c) => kinds.includes(c.kind));
  }
}
