/**
 * The built-in catalog in the shape the analysis takes (tests can pass their own): the tactics and controls of the
 * given domain packs, `mail` by default — what a model that names no packs sees (model-catalog.ts).
 */
import type { DomainPack } from '../catalog/packs.js';
import type { AnalyzeOptions } from './analyze.js';
import { modelCatalog } from './model-catalog.js';

export function builtinCatalog(packs?: readonly DomainPack[]): AnalyzeOptions['catalog'] {
  return modelCatalog(packs ? { catalog: { packs: [...packs], tactics: [], controls: [] } } : {});
}
