/**
 * nograd's library API. The CLI is a thin shell over these modules; everything it does can be done from code.
 * Each area keeps its own barrel; this file only gathers them. The knowledge base is a namespace (`catalog`)
 * because its plain names (TACTICS, CONTROLS) read better qualified.
 */
export * from './analysis/economics/index.js';
export { Rng } from './analysis/economics/index.js';
// Names two areas share: the analysis keeps the plain name, the others get a qualified alias.
export type { Finding, Rule } from './analysis/index.js';
export * from './analysis/index.js';
export * from './campaign/index.js';
export type { Finding as HeuristicFinding } from './campaign/oracles/index.js';
export * from './campaign/oracles/index.js';
export * from './campaign/samples/index.js';
export type { Rng as TacticRng } from './campaign/tactics/index.js';
export * from './campaign/tactics/index.js';
export * as catalog from './catalog/index.js';
export * from './contracts/calibration.js';
export * from './contracts/decision-log.js';
export * from './contracts/target.js';
export * from './model/index.js';
export type { Finding as MonitorFinding, Rule as AlertRule } from './monitor/index.js';
export * from './monitor/index.js';
export * from './reference/index.js';
export * from './regress/index.js';
export * from './report/index.js';
export * from './traces/index.js';
export { EXIT, UserError } from './util/errors.js';
export { VERSION } from './util/version.js';
