/** What path search needs about one model, built once: the resolved model, catalog look-ups and the applicability index. */
import type { ControlT, SystemModel } from '../../model/schema.js';
import type { CatalogData } from '../applicability.js';
import { type ApplicabilityIndex, applicabilityIndex, type CounterReads } from '../applicability-index.js';
import { type ModelGraph, modelGraph } from '../graph.js';
import type { AttackerAnalysis } from '../result.js';
import { type CatalogIndex, catalogIndex } from './catalog-index.js';

export interface EconomicsContext {
  model: SystemModel;
  graph: ModelGraph;
  catalog: CatalogIndex;
  controlsById: Map<string, ControlT>;
  /** The model's applicability index (the same one the findings use). */
  index: ApplicabilityIndex;
  /** When set, every counter look-up is recorded here (what-if re-analysis: which attackers a change can touch). */
  reads?: CounterReads;
}

export function economicsContext(model: SystemModel, catalog: CatalogData, graph?: ModelGraph): EconomicsContext {
  const resolved = graph ?? modelGraph(model);
  return {
    model,
    graph: resolved,
    catalog: catalogIndex(catalog),
    controlsById: resolved.model === model ? resolved.controlById : new Map(model.controls.map((c) => [c.id, c])),
    index: applicabilityIndex(resolved.model === model ? resolved : modelGraph(model), catalog),
  };
}

/** The part of an applicability analysis the path search reads. */
export type ApplicableList = Pick<AttackerAnalysis, 'applicable'>;
