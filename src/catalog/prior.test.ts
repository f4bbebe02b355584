import { describe, expect, it } from 'vitest';
import { posteriorBelief, priorBelief } from './prior.js';

describe('rate beliefs', () => {
  it('reads a catalog rate as a weak Beta prior with a wide interval', () => {
    const prior = priorBelief(0.6);
    expect(prior.mean).toBeCloseTo(0.6, 10);
    expect(prior.basis).toBe('estimate');
    expect(prior.ci90[0]).toBeLessThan(0.25);
    expect(prior.ci90[1]).toBeGreaterThan(0.9);
  });

  it('lets a campaign on this system move it, more the more it measured', () => {
    const prior = priorBelief(0.6);
    const small = posteriorBelief(prior, 0, 5);
    const large = posteriorBelief(prior, 0, 200);
    expect(small.basis).toBe('measured');
    expect(small.mean).toBeLessThan(0.3);
    expect(small.mean).toBeGreaterThan(large.mean);
    expect(large.mean).toBeLessThan(0.02);
    expect(large.ci90[1] - large.ci90[0]).toBeLessThan(small.ci90[1] - small.ci90[0]);
    expect(large).toMatchObject({ successes: 0, attempts: 200 });
  });

  it('stays proper at rates of 0 and 1', () => {
    expect(Number.isFinite(priorBelief(0).ci90[1])).toBe(true);
    expect(priorBelief(1).mean).toBeLessThan(1);
  });
});
