/**
 * extractor-change: the decision logs' feature extractor version (`featureVersion`) changes while the model that
 * scores (`modelVersion`) stays the same — the model now sees features it was not trained on. A new extractor
 * version counts as a change without a retrain when the same model version was seen earlier (in the baseline, in
 * an earlier window of the check, or earlier in this window) with a different extractor. A new extractor that
 * arrives with a new model (a retrain) is fine, and so is a retrain alone. Fires once, in the window where the new
 * pair first appears. Needs logs that carry `featureVersion`; silent otherwise.
 */
import { z } from 'zod';
import type { VersionPair } from '../types.js';
import { iso } from '../window.js';
import { defineSignal, type Finding } from './types.js';

const Params = z.strictObject({
  /** Records of the new pair in the window before it counts (a stray record is not a deploy). */
  minRows: z.number().int().positive().default(1),
});

export const extractorChange = defineSignal({
  id: 'extractor-change',
  title: 'Feature extractor changed without a retrain',
  description:
    'Records pair a feature extractor version with a model version that was seen before (baseline, earlier windows) only with other extractor versions: the extractor changed but the model was not retrained.',
  params: Params,
  detect({ window, baseline, history }, p) {
    if (!window.versions || window.versions.length === 0) return [];
    const before: Array<Pick<VersionPair, 'featureVersion' | 'modelVersion'>> = [
      ...(baseline.versions ?? []),
      ...(history?.versions ?? []),
    ];
    const out: Finding[] = [];
    const inWindow = [...window.versions].sort((a, b) => a.firstTs - b.firstTs);
    for (const [i, v] of inWindow.entries()) {
      const earlier = [...before, ...inWindow.slice(0, i)];
      if (v.modelVersion === null || v.rows < p.minRows) continue;
      const sameModel = earlier.filter((k) => k.modelVersion === v.modelVersion);
      if (sameModel.length === 0 || sameModel.some((k) => k.featureVersion === v.featureVersion)) continue;
      const previous = [...new Set(sameModel.map((k) => k.featureVersion))];
      out.push({
        subject: `extractor:${v.featureVersion}`,
        value: v.rows,
        threshold: p.minRows,
        message: `feature extractor ${v.featureVersion} serves model ${v.modelVersion}, which ran with ${previous.join(', ')} before: the extractor changed without a retrain (${v.rows} records from ${iso(v.firstTs)})`,
        evidence: {
          featureVersion: v.featureVersion,
          modelVersion: v.modelVersion,
          previousFeatureVersions: previous.join(','),
          rows: v.rows,
          firstSeen: iso(v.firstTs),
        },
      });
    }
    return out;
  },
});
