/**
 * `--budget money=500,timeHours=48,accounts=10`: budget dimensions that override every attacker's own, to ask
 * "what could an attacker with this budget do?" without editing the model.
 */
import type { AttackerT } from '../../model/schema.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { UserError } from '../../util/errors.js';

type Budget = NonNullable<AttackerT['budget']>;
const KEYS = [
  'money',
  'humanHours',
  'implementationHours',
  'accounts',
  'queries',
  'timeHours',
  'maxDetectionRisk',
] as const;

export function parseBudget(spec: string): Budget {
  const out: Budget = {};
  for (const part of spec.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UserError(`--budget takes dimension=number pairs separated by commas, got '${item}'`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    if (!(KEYS as readonly string[]).includes(key)) {
      const hint = didYouMean(key, KEYS);
      throw new UserError(
        `unknown budget dimension '${key}'${hint ? ` (${hint})` : ''}; dimensions: ${KEYS.join(', ')}`,
      );
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0 || (key === 'maxDetectionRisk' && value > 1)) {
      throw new UserError(
        `budget for '${key}' must be a number ≥ 0${key === 'maxDetectionRisk' ? ' and ≤ 1' : ''}, got '${raw}'`,
      );
    }
    out[key as (typeof KEYS)[number]] = value;
  }
  if (Object.keys(out).length === 0) throw new UserError('--budget is empty: give dimension=number pairs');
  return out;
}
