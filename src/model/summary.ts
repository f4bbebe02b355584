/** A short, readable summary of a model: what is in it, per layer, and who attacks it. */
import type { SystemModel } from './schema.js';
import { LAYERS } from './vocabulary.js';

export interface ModelSummary {
  system: string;
  counts: Record<'components' | 'flows' | 'trustBoundaries' | 'controls' | 'attackers' | 'dependencies', number>;
  byLayer: Record<string, string[]>;
  attackers: Array<{ id: string; goal: string; target: string }>;
  text: string;
}

/** Ids shown per layer, attackers shown: a 10,000-component model still summarises in a screenful. */
const SHOWN_IDS = 12;
const SHOWN_ATTACKERS = 20;

/** `a, b, c and 9 more` */
export function firstFew(items: readonly string[], n: number): string {
  if (items.length <= n) return items.join(', ');
  return `${items.slice(0, n).join(', ')} and ${items.length - n} more`;
}

export function summarizeModel(m: SystemModel): ModelSummary {
  const byLayer: Record<string, string[]> = {};
  for (const l of [...LAYERS, 'off-path']) byLayer[l] = [];
  for (const c of m.components) byLayer[c.layer ?? 'off-path']?.push(c.id);
  const counts = {
    components: m.components.length,
    flows: m.flows.length,
    trustBoundaries: m.trustBoundaries.length,
    controls: m.controls.length,
    attackers: m.attackers.length,
    dependencies: m.dependencies.length,
  };
  const planned = m.controls.filter((c) => c.status === 'planned').length;
  const lines = [
    `system: ${m.system.name} (${m.system.id})`,
    `  ${counts.components} components, ${counts.flows} flows, ${counts.trustBoundaries} trust boundaries, ${counts.controls} controls${planned ? ` (${planned} planned)` : ''}, ${counts.attackers} attackers, ${counts.dependencies} dependencies`,
    ...Object.entries(byLayer)
      .filter(([, ids]) => ids.length > 0)
      .map(([layer, ids]) => `  ${layer.padEnd(12)} ${firstFew(ids, SHOWN_IDS)}`),
    ...m.attackers.slice(0, SHOWN_ATTACKERS).map((a) => `  attacker ${a.id}: ${a.goal} → ${a.target}`),
    ...(m.attackers.length > SHOWN_ATTACKERS ? [`  … and ${m.attackers.length - SHOWN_ATTACKERS} more attackers`] : []),
  ];
  return {
    system: m.system.id,
    counts,
    byLayer,
    attackers: m.attackers.map((a) => ({ id: a.id, goal: a.goal, target: a.target })),
    text: lines.join('\n'),
  };
}
