/** The system-model language: schema, loader with positions, vocabulary, costs, templates and generators. */
export * from './cost.js';
export { dependenciesFromCycloneDx } from './cyclonedx.js';
export * from './diagnostics.js';
export { modelJsonSchema, SCHEMA_ID } from './json-schema.js';
export { type LoadedModel, type LoadOptions, loadModel, MODEL_LISTS, type ModelList } from './loader.js';
export * from './schema.js';
export { type ModelSummary, summarizeModel } from './summary.js';
export { examplePath, TEMPLATES, type TemplateName, templateText } from './templates.js';
export * from './vocabulary.js';
