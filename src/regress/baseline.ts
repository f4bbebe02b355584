/**
 * Baseline a suite against the system as it is today: cases that fail now are marked `knownFailure` (with what
 * happened), cases that pass lose the mark. Adopting a mined suite this way makes the gate mean "no new
 * regressions": mistakes the current system already makes (and differences that replaying a case outside its
 * production history brings, such as account state) are documented, not failures. Target errors are left alone:
 * an unanswered case says nothing about the system.
 */
import type { SuiteResult } from './run.js';
import type { Suite } from './suite.js';

export interface BaselineChanges {
  /** Cases newly marked as known failures. */
  marked: string[];
  /** Cases whose mark was removed because they pass now. */
  cleared: string[];
  /** Cases the target could not answer (unchanged). */
  errors: string[];
}

export function applyBaseline(suite: Suite, result: SuiteResult): { suite: Suite; changes: BaselineChanges } {
  const byId = new Map(result.cases.map((c) => [c.id, c]));
  const changes: BaselineChanges = { marked: [], cleared: [], errors: [] };
  const cases = suite.cases.map((c) => {
    const r = byId.get(c.id);
    if (!r) return c;
    if (r.status === 'error') {
      changes.errors.push(c.id);
      return c;
    }
    if (r.status === 'pass' || r.status === 'fixed') {
      if (!c.knownFailure) return c;
      changes.cleared.push(c.id);
      const { knownFailure: _cleared, ...rest } = c;
      return rest;
    }
    if (r.status === 'fail') {
      changes.marked.push(c.id);
      return { ...c, knownFailure: `fails on ${result.target.fingerprint} at baseline: ${r.message}` };
    }
    return c;
  });
  return { suite: { ...suite, cases }, changes };
}
