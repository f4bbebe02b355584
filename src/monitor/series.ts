/** Summary of a per-window series in the baseline (mean ± σ thresholds, as NannyML calibrates on reference chunks). */

export interface Series {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for fewer than two values. */
  std: number;
  min: number;
  max: number;
}

export const EMPTY_SERIES: Series = { n: 0, mean: 0, std: 0, min: 0, max: 0 };

export function summarize(values: Iterable<number | null | undefined>): Series {
  const xs: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) xs.push(v);
  if (xs.length === 0) return { ...EMPTY_SERIES };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { n: xs.length, mean, std: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
}

/** mean + z·σ when the series has at least `minN` values, else null (not enough reference windows to calibrate). */
export function upperBand(s: Series | undefined, z: number, minN = 3): number | null {
  if (!s || s.n < minN) return null;
  return s.mean + z * s.std;
}
