/**
 * Ranking weights: `--weights money=1,humanHours=80` on the command line. Unnamed dimensions keep their default
 * (DEFAULT_COST_WEIGHTS). Weights only rank paths; every report shows the full vector next to them.
 */
import { COST_DIMENSIONS, type CostDimension, type CostVector, DEFAULT_COST_WEIGHTS } from '../../model/cost.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { UserError } from '../../util/errors.js';

export function parseWeights(spec: string | undefined, base: CostVector = DEFAULT_COST_WEIGHTS): CostVector {
  const weights: CostVector = { ...base };
  if (spec === undefined || spec.trim() === '') return weights;
  for (const part of spec.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`--weights takes dimension=number pairs separated by commas, got '${item}'`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    if (!(COST_DIMENSIONS as readonly string[]).includes(key)) {
      const hint = didYouMean(key, COST_DIMENSIONS);
      throw new UserError(
        `unknown cost dimension '${key}' in --weights${hint ? ` (${hint})` : ''}; dimensions: ${COST_DIMENSIONS.join(', ')}`,
      );
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0) {
      throw new UserError(`weight for '${key}' must be a number ≥ 0, got '${raw}'`);
    }
    weights[key as CostDimension] = value;
  }
  return weights;
}

/** `money=1, humanHours=50, …` — how the weights are shown next to every weighted number. */
export function formatWeights(w: CostVector): string {
  return COST_DIMENSIONS.map((d) => `${d}=${w[d]}`).join(', ');
}
