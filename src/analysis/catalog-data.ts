/** The built-in catalog in the shape the analysis takes (tests can pass their own). */
import { AIDEFEND_VERSION } from '../catalog/aidefend.js';
import { ATLAS_VERSION } from '../catalog/atlas.js';
import { CONTROLS, TACTICS } from '../catalog/index.js';
import type { AnalyzeOptions } from './analyze.js';

export function builtinCatalog(): AnalyzeOptions['catalog'] {
  return { tactics: TACTICS, controls: CONTROLS, atlasVersion: ATLAS_VERSION, aidefendVersion: AIDEFEND_VERSION };
}
