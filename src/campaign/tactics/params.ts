/**
 * Reading campaign-supplied parameters. A campaign file may override any default; values arrive as strings,
 * numbers, booleans or string lists, so each reader accepts the forms a YAML author would naturally write and
 * falls back to the tactic's default on anything else.
 */
import type { TacticParams } from './types.js';

export function num(params: TacticParams, key: string, fallback: number): number {
  const v = params[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

export function bool(params: TacticParams, key: string, fallback: boolean): boolean {
  const v = params[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1) return true;
  if (v === 'false' || v === 0) return false;
  return fallback;
}

export function str(params: TacticParams, key: string, fallback: string): string {
  const v = params[key];
  return typeof v === 'string' ? v : fallback;
}

/** A list: a string[] as is, or a comma-separated string. */
export function list(params: TacticParams, key: string, fallback: readonly string[]): string[] {
  const v = params[key];
  if (Array.isArray(v)) return v.filter((x) => x.trim() !== '');
  if (typeof v === 'string') {
    return v
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  }
  return [...fallback];
}

/** One of a fixed set of choices; unknown values fall back. */
export function choice<T extends string>(params: TacticParams, key: string, options: readonly T[], fallback: T): T {
  const v = params[key];
  return typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function merged(defaults: TacticParams, params: TacticParams): TacticParams {
  return { ...defaults, ...params };
}
