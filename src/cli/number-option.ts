/**
 * One parser for every numeric command-line option, so each says the same thing about a bad value: which option,
 * what it takes (integer or number, the allowed range) and what it got. Commander calls the returned function with
 * the raw text; a bad value is a UserError (exit 2, no stack trace).
 */
import { UserError } from '../util/errors.js';

export interface NumberRange {
  min?: number;
  /** Values must be greater than this (a positive number: `above: 0`). */
  above?: number;
  max?: number;
  /** The maximum itself is not allowed (a percentage below 100). */
  belowMax?: boolean;
  integer?: boolean;
}

function describeRange(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a number';
  const upper = r.max !== undefined ? (r.belowMax ? `below ${r.max}` : `${r.max}`) : undefined;
  if (r.above !== undefined) return `${kind} above ${r.above}${upper !== undefined ? ` and up to ${upper}` : ''}`;
  if (r.min !== undefined && upper !== undefined) return `${kind} from ${r.min} to ${upper}`;
  if (r.min !== undefined) return `${kind} ≥ ${r.min}`;
  if (upper !== undefined) return `${kind} ≤ ${upper}`;
  return kind;
}

/** Parse `value` as the option `name` allows; throws a UserError naming the option and the range. */
export function parseNumberOption(name: string, value: string, range: NumberRange = {}): number {
  const text = value.trim();
  const n = Number(text);
  const bad =
    text === '' ||
    !Number.isFinite(n) ||
    (range.integer && !(/^-?\d+$/.test(text) && Number.isSafeInteger(n))) ||
    (range.min !== undefined && n < range.min) ||
    (range.above !== undefined && n <= range.above) ||
    (range.max !== undefined && (range.belowMax ? n >= range.max : n > range.max));
  if (bad) throw new UserError(`${name} must be ${describeRange(range)}, got '${value}'`);
  return n;
}

/** A commander option parser for `name` with the given range. */
export function numberOption(name: string, range: NumberRange = {}): (value: string) => number {
  return (value) => parseNumberOption(name, value, range);
}

/** A commander option parser for an integer from `min` to `max`. */
export function integerOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return numberOption(name, { integer: true, min, ...(max === Number.MAX_SAFE_INTEGER ? {} : { max }) });
}
