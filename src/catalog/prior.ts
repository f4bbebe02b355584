/**
 * A catalog success rate is a prior, not a fact. Each tactic's `baseSuccess` is read as the mean of a Beta prior
 * whose strength says how much evidence stands behind it: PRIOR_STRENGTH pseudo-attempts, i.e. "an informed estimate
 * worth about four observations". A campaign's measurement (k successes in n attempts on this system) updates it
 * to the posterior Beta(α + k, β + n − k), so a dozen attempts move a rate a lot and a hundred settle it, and a rate
 * never measured here stays marked as an estimate with a wide interval.
 *
 * Why 4: the catalog's numbers come from case studies and practitioner reports on other systems. Measured on real
 * filters they were off by a factor of 2–30 for most content tactics (issue #14), so they deserve little weight
 * against even a small campaign on the user's own system, but enough that 3 attempts do not swing them to 0 or 1.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

export const PRIOR_STRENGTH = 4;
/** Credible intervals reported for rates: central 90%. */
export const CREDIBLE_LEVEL = 0.9;

export interface RateBelief {
  alpha: number;
  beta: number;
  /** Posterior (or prior) mean: the rate paths use. */
  mean: number;
  /** Central 90% credible interval. */
  ci90: [number, number];
  /** `estimate`: the catalog's prior only; `measured`: updated by a campaign on this system. */
  basis: 'estimate' | 'measured';
  /** The measurement behind a `measured` belief. */
  successes?: number;
  attempts?: number;
}

/** Keep the prior proper: a catalog rate of exactly 0 or 1 would make one parameter 0. */
const clampRate = (p: number) => Math.min(0.99, Math.max(0.01, p));

function belief(alpha: number, beta: number, basis: RateBelief['basis']): RateBelief {
  const tail = (1 - CREDIBLE_LEVEL) / 2;
  return {
    alpha,
    beta,
    mean: alpha / (alpha + beta),
    ci90: [betaQuantile(tail, alpha, beta), betaQuantile(1 - tail, alpha, beta)],
    basis,
  };
}

/** The prior behind a catalog rate. */
export function priorBelief(baseSuccess: number, strength = PRIOR_STRENGTH): RateBelief {
  const p = clampRate(baseSuccess);
  return belief(p * strength, (1 - p) * strength, 'estimate');
}

/** The prior updated by k successes in n attempts measured on this system. */
export function posteriorBelief(prior: RateBelief, successes: number, attempts: number): RateBelief {
  if (attempts <= 0) return prior;
  const b = belief(prior.alpha + successes, prior.beta + attempts - successes, 'measured');
  return { ...b, successes, attempts };
}
