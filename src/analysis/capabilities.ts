/**
 * What an attacker can effectively read, write and know on each component. The derivation (access propagated along
 * flows) belongs to the resolved model (model/resolved.ts), computed once per attacker; this is the map-shaped view.
 */
import type { AttackerT } from '../model/schema.js';
import type { ModelGraph } from './graph.js';

export { type EffectiveAccess, knowledgeAtLeast } from '../model/resolved.js';

export function effectiveAccess(
  attacker: AttackerT,
  graph: ModelGraph,
): Map<string, import('../model/resolved.js').EffectiveAccess> {
  return graph.accessOf(attacker).toMap();
}
