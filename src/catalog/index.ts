/**
 * The knowledge base: component kinds, practical tactics (and model-level ones for contrast), controls, and the
 * MITRE ATLAS and AIDEFEND identifiers they map to. Plain typed data plus look-ups; see docs/catalog.md.
 */
export { AIDEFEND_ATTRIBUTION, AIDEFEND_ENTRIES, AIDEFEND_NOTICE, AIDEFEND_VERSION, aidefendUrl } from './aidefend.js';
export { ATLAS_MITIGATIONS, ATLAS_NOTICE, ATLAS_TECHNIQUES, ATLAS_VERSION, atlasName } from './atlas.js';
export { CONTROLS, getControl, getTactic, KIND_INFO, TACTICS } from './data.js';
export { FAMILY_INFO } from './families.js';
export { type AssumptionBreak, keywordOccurs, tacticsBreaking } from './match.js';
export { DEFAULT_PACKS, DOMAIN_PACKS, type DomainPack, PACK_INFO } from './packs.js';
export {
  type ComponentShape,
  controlsCountering,
  counteredByIndex,
  tacticsTargeting,
  tacticTargets,
} from './relations.js';
export { type CatalogSearchResult, searchCatalog } from './search.js';
export * from './types.js';
