export {
  DEFAULT_OPEN_REDIRECTORS,
  DEFAULT_REDIRECT_REGISTRY,
  DEFAULT_SHORTENERS,
  RedirectRegistry,
  normalizeHost,
  normalizeUrl,
  type RedirectKind,
  type RegistryEntry,
  type Resolution,
} from './redirect-registry.js';
export { type ReaderView, readerView } from './reader-view.js';
export { extractSvgText, extractVisibleHtml, type VisibleExtraction } from './visible-text.js';
export { canonicalizer, readerNormalize, sentenceUnits, type Equivalences } from './normalize.js';
export {
  judgeValidity,
  judgeViews,
  validityOptionsFor,
  type ValidityDetails,
  type ValidityOptions,
  type ValidityReport,
} from './validity.js';
