/**
 * What an attacker can effectively read, write and know on each component, derived from the per-component
 * access they are given and the model's flows:
 * - writing live input on a component means influencing everything downstream of it on the live path;
 * - writing feedback means influencing whatever the feedback flows reach (training data, reputation);
 * - owning accounts is a capability of the attacker, not of one component;
 * - observing a component's downstream outcome (the final decision, a delayed bounce) reveals whether an attempt
 *   got past that component — the only oracle most real attackers have (RG §II-A: INVISIBLE systems).
 */
import type { AttackerT } from '../model/schema.js';
import type { KnowledgeLevel, ReadAccess, WriteAccess } from '../model/vocabulary.js';
import type { ModelGraph } from './graph.js';

export interface EffectiveAccess {
  read: Set<ReadAccess>;
  write: Set<WriteAccess>;
  knowledge: KnowledgeLevel;
  /** How the write access arises, for explanations ("live input written at inbound-mail"). */
  writeVia: Map<WriteAccess, string>;
}

const KNOWLEDGE_RANK: Record<KnowledgeLevel, number> = { zero: 0, limited: 1, perfect: 2 };

export function knowledgeAtLeast(have: KnowledgeLevel, need: KnowledgeLevel | undefined): boolean {
  return !need || KNOWLEDGE_RANK[have] >= KNOWLEDGE_RANK[need];
}

export function effectiveAccess(attacker: AttackerT, graph: ModelGraph): Map<string, EffectiveAccess> {
  const result = new Map<string, EffectiveAccess>();
  for (const c of graph.model.components) {
    result.set(c.id, { read: new Set(), write: new Set(), knowledge: 'zero', writeVia: new Map() });
  }
  const entries = attacker.access ?? [];
  const ownsAccounts = entries.some((e) => e.write.includes('account'));

  for (const e of entries) {
    const acc = result.get(e.component);
    if (!acc) continue;
    acc.knowledge = e.knowledge;
    for (const r of e.read) if (r !== 'none') acc.read.add(r);
    for (const w of e.write) {
      if (w === 'none') continue;
      acc.write.add(w);
      acc.writeVia.set(w, e.component);
    }
  }

  // Live input propagates downstream along live flows; feedback reaches what feedback/training flows reach.
  for (const e of entries) {
    if (e.write.includes('live-input')) {
      for (const id of graph.reachable(e.component, ['live'])) add(result.get(id), 'live-input', e.component);
    }
    if (e.write.includes('feedback')) {
      for (const id of graph.reachable(e.component, ['feedback', 'training'])) {
        const kind = graph.byId.get(id)?.kind;
        if (kind === 'training-data' || kind === 'model') add(result.get(id), 'training-data', e.component);
        if (kind === 'account-identity') add(result.get(id), 'feedback', e.component);
      }
    }
    if (e.write.includes('training-data')) {
      for (const id of graph.reachable(e.component, ['training'])) add(result.get(id), 'training-data', e.component);
    }
  }
  if (ownsAccounts) {
    const via = entries.find((e) => e.write.includes('account'))!.component;
    for (const acc of result.values()) add(acc, 'account', via);
  }

  // Observing an outcome downstream tells the attacker whether an attempt got past an upstream component.
  for (const e of entries) {
    const reads = e.read.filter((r) => r !== 'none');
    if (reads.length === 0) continue;
    for (const id of graph.upstream(e.component, ['live'])) {
      const acc = result.get(id);
      if (!acc) continue;
      for (const r of reads) {
        // A score or label seen downstream is the system's output, not this component's; it still tells pass/fail.
        acc.read.add(r === 'score' || r === 'label' ? 'decision' : r);
      }
    }
  }
  return result;
}

function add(acc: EffectiveAccess | undefined, w: WriteAccess, via: string): void {
  if (!acc) return;
  acc.write.add(w);
  if (!acc.writeVia.has(w)) acc.writeVia.set(w, via);
}
