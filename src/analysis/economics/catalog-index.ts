/** Look-ups by id into a catalog (built once per catalog object and cached). */
import type { Control as CatalogControl, Tactic } from '../../catalog/types.js';
import type { CatalogData } from '../applicability.js';

export interface CatalogIndex {
  data: CatalogData;
  tactic(id: string): Tactic | undefined;
  control(id: string): CatalogControl | undefined;
}

const cache = new WeakMap<CatalogData, CatalogIndex>();

export function catalogIndex(data: CatalogData): CatalogIndex {
  const hit = cache.get(data);
  if (hit) return hit;
  const tactics = new Map(data.tactics.map((t) => [t.id, t]));
  const controls = new Map(data.controls.map((c) => [c.id, c]));
  const index: CatalogIndex = {
    data,
    tactic: (id) => tactics.get(id),
    control: (id) => controls.get(id),
  };
  cache.set(data, index);
  return index;
}
