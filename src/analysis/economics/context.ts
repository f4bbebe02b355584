/** What path search needs about one model, built once: the graph, catalog look-ups and controls by id. */
import type { ControlT, SystemModel } from '../../model/schema.js';
import type { CatalogData } from '../applicability.js';
import { ModelGraph } from '../graph.js';
import type { AttackerAnalysis } from '../result.js';
import { type CatalogIndex, catalogIndex } from './catalog-index.js';

export interface EconomicsContext {
  model: SystemModel;
  graph: ModelGraph;
  catalog: CatalogIndex;
  controlsById: Map<string, ControlT>;
}

export function economicsContext(model: SystemModel, catalog: CatalogData, graph?: ModelGraph): EconomicsContext {
  return {
    model,
    graph: graph ?? new ModelGraph(model),
    catalog: catalogIndex(catalog),
    controlsById: new Map(model.controls.map((c) => [c.id, c])),
  };
}

/** The part of an applicability analysis the path search reads. */
export type ApplicableList = Pick<AttackerAnalysis, 'applicable'>;
