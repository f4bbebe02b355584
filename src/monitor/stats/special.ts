/**
 * Special functions behind the p-values: log-gamma, the regularized incomplete gamma functions (chi-square and
 * Poisson tails) and the Kolmogorov distribution (two-sample KS, asymptotic). Numerical Recipes style, double
 * precision to ~1e-12, no dependencies.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const MAX_ITER = 10_000;

/** Lower regularized incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Upper regularized incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  let ap = a;
  for (let n = 0; n < MAX_ITER; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X ≥ x) for X ~ χ²(k). */
export function chiSquareSurvival(x: number, k: number): number {
  if (k <= 0) return Number.NaN;
  return gammaQ(k / 2, x / 2);
}

/** P(X ≤ k) for X ~ Poisson(λ). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  return gammaQ(Math.floor(k) + 1, lambda);
}

/** P(X ≥ k) for X ~ Poisson(λ). */
export function poissonSurvival(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  return gammaP(Math.ceil(k), lambda);
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}
 * (scipy's `kstwobign.sf`). For small λ the alternating series converges slowly, so there the complementary
 * Jacobi-theta form P(K ≤ λ) = √(2π)/λ Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)} is used.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    let s = 0;
    for (let j = 1; j <= 100; j++) {
      const t = Math.exp((-((2 * j - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
      s += t;
      if (t < 1e-17) break;
    }
    return clamp01(1 - (Math.sqrt(2 * Math.PI) / lambda) * s);
  }
  let s = 0;
  for (let j = 1; j <= 100; j++) {
    const t = Math.exp(-2 * j * j * lambda * lambda);
    s += j % 2 === 1 ? t : -t;
    if (t < 1e-17) break;
  }
  return clamp01(2 * s);
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
