/**
 * nograd's library API. The CLI is a thin shell over these modules; everything it does can be done from code.
 * Each area keeps its own barrel; this file only gathers them.
 */
export * from './analysis/index.js';
export * as catalog from './catalog/index.js';
export * from './model/index.js';
export * from './target/types.js';
export { EXIT, UserError } from './util/errors.js';
export { VERSION } from './util/version.js';
