export {
  CONTENT_HEURISTICS,
  type ContentHeuristic,
  type Finding,
  getHeuristic,
  HEURISTICS,
  type Heuristic,
  type HeuristicContext,
  type HeuristicName,
  heuristicsFor,
  inspectMessage,
  STREAM_HEURISTICS,
  type StreamFinding,
  type StreamHeuristic,
} from './heuristics/index.js';
export { canonicalizer, type Equivalences, readerNormalize, sentenceUnits } from './normalize.js';
export { type ReaderView, readerView } from './reader-view.js';
export {
  DEFAULT_OPEN_REDIRECTORS,
  DEFAULT_REDIRECT_REGISTRY,
  DEFAULT_SHORTENERS,
  normalizeHost,
  normalizeUrl,
  type RedirectKind,
  RedirectRegistry,
  type RegistryEntry,
  type Resolution,
} from './redirect-registry.js';
export {
  judgeValidity,
  judgeViews,
  type ValidityDetails,
  type ValidityOptions,
  type ValidityReport,
  validityOptionsFor,
} from './validity.js';
export { extractSvgText, extractVisibleHtml, type VisibleExtraction } from './visible-text.js';
