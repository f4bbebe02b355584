/** The one applicability index lives in analysis/applicability-index.ts; economics imports it from here too. */
export { ApplicabilityIndex, applicabilityIndex, type CounterReads, tacticIndexOf } from '../applicability-index.js';
