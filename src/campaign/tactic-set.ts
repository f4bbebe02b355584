/**
 * The campaign's tactics, resolved: each configured entry joined with its executable implementation (what the
 * runner calls) and its catalog entry (what it is predicted to cost and to achieve). Chains apply tactics in one
 * canonical order: content tactics in the order the campaign file lists them, then stream tactics likewise — so a
 * combination is a set, searched once, not once per permutation.
 */
import type { Tactic } from '../catalog/types.js';
import { type CostVector, costOf } from '../model/cost.js';
import type { TacticEntry } from './file.js';
import { tacticName } from './file.js';
import type { ExecutableTactic, TacticParams } from './tactics/types.js';

export interface ConfiguredTactic {
  /** The configured name (`as:`, else the id): the unit chains are made of. */
  name: string;
  /** Executable (and catalog) tactic id. */
  id: string;
  kind: 'content' | 'stream';
  /** The tactic's defaults overridden by the campaign file's params. */
  params: TacticParams;
  executable: ExecutableTactic;
  /** The catalog entry; undefined when the catalog does not know the id (costs then count as zero). */
  catalog?: Tactic;
  /** Catalog cost of one attempt (zeros when unknown). */
  cost: CostVector;
  /** Position in the campaign file. */
  order: number;
}

export function resolveTactics(
  entries: readonly TacticEntry[],
  lookup: (id: string) => ExecutableTactic | undefined,
  catalog: (id: string) => Tactic | undefined,
): ConfiguredTactic[] {
  return entries.map((e, order) => {
    const executable = lookup(e.id);
    if (!executable) throw new Error(`no executable tactic '${e.id}' (the campaign file loader should have said so)`);
    const cat = catalog(e.id);
    return {
      name: tacticName(e),
      id: e.id,
      kind: executable.kind,
      params: { ...executable.defaults, ...e.params },
      executable,
      ...(cat ? { catalog: cat } : {}),
      cost: costOf(cat?.cost),
      order,
    };
  });
}

export class TacticSet {
  readonly byName: ReadonlyMap<string, ConfiguredTactic>;
  /** Canonical order: content tactics first, each group in file order. */
  readonly canonical: readonly ConfiguredTactic[];

  constructor(readonly tactics: readonly ConfiguredTactic[]) {
    this.byName = new Map(tactics.map((t) => [t.name, t]));
    this.canonical = [...tactics].sort(
      (a, b) => (a.kind === b.kind ? 0 : a.kind === 'content' ? -1 : 1) || a.order - b.order,
    );
  }

  get(name: string): ConfiguredTactic {
    const t = this.byName.get(name);
    if (!t) throw new Error(`unknown tactic name '${name}' in a chain`);
    return t;
  }

  /** A set of names in canonical order. */
  canonicalize(names: Iterable<string>): string[] {
    const set = new Set(names);
    return this.canonical.filter((t) => set.has(t.name)).map((t) => t.name);
  }

  /** The chain's catalog ids, in chain order. */
  ids(chain: readonly string[]): string[] {
    return chain.map((n) => this.get(n).id);
  }

  hasStream(chain: readonly string[]): boolean {
    return chain.some((n) => this.get(n).kind === 'stream');
  }
}
