/** Number and interval formatting shared by the views. */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
}

/** A rate with its 95% interval; nothing measured reads "no attempts", never "0% [0–100%]". */
export function rateText(r: { k: number; n: number; rate: number; ci95: { low: number; high: number } }): string {
  if (r.n === 0) return 'no attempts';
  return `${pct(r.rate)} [${pct(r.ci95.low)}–${pct(r.ci95.high)}] (${r.k}/${r.n})`;
}

export function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(Math.abs(x) < 10 ? digits : 0);
}
