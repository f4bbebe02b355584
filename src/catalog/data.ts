/**
 * The catalog as shared, immutable data. Entries are deep-frozen so a consumer that edits a tactic (say, to try
 * a different cost) cannot silently change it for every other part of the program: copy first, then edit.
 */

import type { ComponentKind } from '../model/vocabulary.js';
import { ALL_CONTROLS } from './controls/index.js';
import { KIND_INFO as KINDS } from './kinds.js';
import { ALL_TACTICS } from './tactics/index.js';
import type { Control, KindInfo, Tactic } from './types.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const TACTICS: readonly Tactic[] = deepFreeze(ALL_TACTICS);
export const CONTROLS: readonly Control[] = deepFreeze(ALL_CONTROLS);
export const KIND_INFO: Readonly<Record<ComponentKind, KindInfo>> = deepFreeze(KINDS);

const tacticById = new Map(TACTICS.map((t) => [t.id, t]));
const controlById = new Map(CONTROLS.map((c) => [c.id, c]));

export function getTactic(id: string): Tactic | undefined {
  return tacticById.get(id);
}

export function getControl(id: string): Control | undefined {
  return controlById.get(id);
}
