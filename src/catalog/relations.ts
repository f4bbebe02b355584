/**
 * Relations derived from the data. Controls state what they counter; the tactic side ("countered by") is
 * computed here, never stored, so the two directions cannot disagree.
 */
import type { ComponentKind, Layer } from '../model/vocabulary.js';
import { CONTROLS, TACTICS } from './data.js';
import type { Control, Modality, Tactic } from './types.js';

/** Controls whose `counters` list the tactic, in catalog order. */
export function controlsCountering(tacticId: string, controls: readonly Control[] = CONTROLS): Control[] {
  return controls.filter((c) => c.counters.includes(tacticId));
}

/** tactic id → ids of the controls that counter it (every tactic present, possibly with an empty list). */
export function counteredByIndex(
  tactics: readonly Tactic[] = TACTICS,
  controls: readonly Control[] = CONTROLS,
): Map<string, string[]> {
  const index = new Map<string, string[]>(tactics.map((t) => [t.id, []]));
  for (const c of controls) for (const id of c.counters) index.get(id)?.push(c.id);
  return index;
}

/** What a component looks like to the tactic matcher. Missing layer/modality do not exclude a tactic. */
export interface ComponentShape {
  kind: ComponentKind;
  layer?: Layer;
  modality?: Modality;
}

/**
 * Whether a tactic can act on a component of this shape: the kind must be listed; a layer or modality
 * restriction only applies when the component states one (an unstated modality could be anything).
 */
export function tacticTargets(tactic: Tactic, component: ComponentShape): boolean {
  const t = tactic.targets;
  if (!t.kinds.includes(component.kind)) return false;
  if (t.layers && component.layer && !t.layers.includes(component.layer)) return false;
  if (t.modalities && component.modality && !t.modalities.includes(component.modality)) return false;
  return true;
}

/** Tactics that can act on a component of this shape, in catalog order. */
export function tacticsTargeting(component: ComponentShape, tactics: readonly Tactic[] = TACTICS): Tactic[] {
  return tactics.filter((t) => tacticTargets(t, component));
}
