/**
 * Run a regression suite against a target. Each case is decided `repeat` times; it passes when at least
 * `minPasses` of the runs meet the expectation (for targets that are not deterministic). Statuses:
 *
 *   pass           met the expectation
 *   fail           did not: a regression (fails the gate)
 *   error          the target could not answer (fails the gate: an unanswered case proves nothing)
 *   known-failure  marked `knownFailure` and still failing (does not fail the gate)
 *   fixed          marked `knownFailure` but now passing (does not fail the gate; remove the mark)
 *
 * Cases run in suite order, one at a time by default: stateful targets (rate limits, reputation) then see the
 * same sequence on every run.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target, TargetInfo, TargetInput } from '../contracts/target.js';
import { checkVerdict, describeExpectation, type Expectation } from './expectation.js';
import type { RegressionCase, Suite } from './suite.js';

export type CaseStatus = 'pass' | 'fail' | 'error' | 'known-failure' | 'fixed';
export const CASE_STATUSES: readonly CaseStatus[] = ['pass', 'fail', 'error', 'known-failure', 'fixed'];

export interface Attempt {
  decision?: string;
  score?: number;
  /** The model version the target reported deciding with (`detail.modelVersion`), when it reports one. */
  modelVersion?: string;
  ok: boolean;
  problems: string[];
  error?: string;
}

export interface CaseResult {
  id: string;
  status: CaseStatus;
  /** One line: what was expected and what happened. */
  message: string;
  expect: Expectation;
  passes: number;
  runs: number;
  attempts: Attempt[];
  knownFailure?: string;
  miner?: string;
  reason?: string;
  /** The model version the case was mined under (`provenance.observed.modelVersion`). */
  minedUnder?: string;
  /**
   * Set when the target runs another model version that the suite's logs also contain: the case's expectation
   * (or known-failure mark) describes a different model, so its failure or fix is the retrain's, not a regression.
   */
  retrainDifference?: string;
  durationMs: number;
}

/** The model versions behind a run: the suite's retrain boundaries and what the target reported. */
export interface VersionReport {
  /** Versions in the suite's logs, in order of first use, with when each decided (from `generated.modelVersions`). */
  logged: Array<{ version: string; from?: string; to?: string; rows?: number }>;
  /** Versions the target reported deciding with. */
  target: string[];
  /** Cases by the version they were mined under. */
  casesByVersion: Record<string, number>;
  /** Cases judged under another logged version than the target's (their failures and fixes are not counted). */
  retrainDifferences: number;
}

export interface SuiteResult {
  kind: 'nograd-suite-result';
  version: 1;
  suite: { name?: string; file?: string; cases: number };
  target: TargetInfo;
  repeat: number;
  minPasses: number;
  counts: Record<CaseStatus, number>;
  /** True when no case failed or errored. */
  passed: boolean;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  /** Present when the suite records model versions or the target reports one. */
  versions?: VersionReport;
}

export interface RunOptions {
  /** Runs per case (default 1). */
  repeat?: number;
  /** Passing runs a case needs (default: a majority of `repeat`). */
  minPasses?: number;
  /** Cases in flight at once (default 1: stateful targets see a fixed order). */
  concurrency?: number;
  /** The suite file, to resolve relative `inputRef`s. */
  suiteFile?: string;
  /** Only cases whose id contains one of these. */
  only?: readonly string[];
  signal?: AbortSignal;
  onCase?: (result: CaseResult, done: number, total: number) => void;
  /** Clock for timings (tests pass a fixed one). */
  now?: () => number;
}

export async function runSuite(suite: Suite, target: Target, opts: RunOptions = {}): Promise<SuiteResult> {
  const repeat = Math.max(1, Math.floor(opts.repeat ?? 1));
  const minPasses = Math.min(repeat, Math.max(1, Math.floor(opts.minPasses ?? Math.floor(repeat / 2) + 1)));
  const now = opts.now ?? Date.now;
  const started = now();
  const cases = opts.only?.length ? suite.cases.filter((c) => opts.only!.some((s) => c.id.includes(s))) : suite.cases;
  const results: CaseResult[] = new Array(cases.length);
  const logged = loggedVersions(suite);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      opts.signal?.throwIfAborted();
      const r = await runCase(cases[i] as RegressionCase, target, repeat, minPasses, opts, now, logged);
      results[i] = r;
      done++;
      opts.onCase?.(r, done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(opts.concurrency ?? 1)) }, worker));
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of results) counts[r.status]++;
  const targetVersions = [...new Set(results.flatMap((r) => r.attempts.flatMap((a) => a.modelVersion ?? [])))];
  const casesByVersion: Record<string, number> = {};
  for (const r of results) if (r.minedUnder) casesByVersion[r.minedUnder] = (casesByVersion[r.minedUnder] ?? 0) + 1;
  const versions: VersionReport | undefined =
    logged.length || targetVersions.length
      ? {
          logged,
          target: targetVersions,
          casesByVersion,
          retrainDifferences: results.filter((r) => r.retrainDifference).length,
        }
      : undefined;
  return {
    kind: 'nograd-suite-result',
    version: 1,
    suite: {
      ...(suite.name ? { name: suite.name } : {}),
      ...(opts.suiteFile ? { file: opts.suiteFile } : {}),
      cases: cases.length,
    },
    target: target.info,
    repeat,
    minPasses,
    counts,
    passed: counts.fail === 0 && counts.error === 0,
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
    cases: results,
    ...(versions ? { versions } : {}),
  };
}

/** The suite's retrain boundaries as `traces mine` records them (`generated.modelVersions`); empty when absent. */
function loggedVersions(suite: Suite): VersionReport['logged'] {
  const raw = suite.generated?.modelVersions;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v) => {
    if (!v || typeof v !== 'object' || typeof (v as { version?: unknown }).version !== 'string') return [];
    const o = v as { version: string; from?: unknown; to?: unknown; rows?: unknown };
    return [
      {
        version: o.version,
        ...(typeof o.from === 'string' ? { from: o.from } : {}),
        ...(typeof o.to === 'string' ? { to: o.to } : {}),
        ...(typeof o.rows === 'number' ? { rows: o.rows } : {}),
      },
    ];
  });
}

async function runCase(
  c: RegressionCase,
  target: Target,
  repeat: number,
  minPasses: number,
  opts: RunOptions,
  now: () => number,
  logged: VersionReport['logged'] = [],
): Promise<CaseResult> {
  const started = now();
  const attempts: Attempt[] = [];
  let content: string | undefined;
  let inputError: string | undefined;
  try {
    content = resolveInput(c, opts.suiteFile);
  } catch (e) {
    inputError = (e as Error).message;
  }
  for (let k = 0; k < repeat && content !== undefined; k++) {
    const input: TargetInput = { id: c.id, content, ...(c.context ? { context: c.context } : {}) };
    try {
      const v = await target.decide(input, opts.signal);
      const check = checkVerdict(c.expect, v);
      const version = v.detail?.modelVersion;
      attempts.push({
        decision: v.decision,
        ...(v.score !== undefined ? { score: v.score } : {}),
        ...(typeof version === 'string' ? { modelVersion: version } : {}),
        ok: check.ok,
        problems: check.problems,
      });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      attempts.push({ ok: false, problems: [], error: (e as Error).message ?? String(e) });
    }
  }
  const passes = attempts.filter((a) => a.ok).length;
  const allErrored = attempts.length === 0 || attempts.every((a) => a.error !== undefined);
  const ok = passes >= minPasses;
  const known = c.knownFailure
    ? typeof c.knownFailure === 'string'
      ? c.knownFailure
      : 'marked as a known failure'
    : undefined;
  let status: CaseStatus;
  if (known) status = ok ? 'fixed' : 'known-failure';
  else if (ok) status = 'pass';
  else status = allErrored ? 'error' : 'fail';
  // Replaying on one of the logged models a case mined under another logged model (a suite spanning a retrain):
  // what the case expects, or its known-failure mark, describes the other model. A failure or a fix is then the
  // retrain's doing, not a regression of this model: it is reported, but neither fails the gate nor asks for a mark
  // to be removed. This holds for truth and reviewer labels too: whether such a case is marked known depends on
  // what the mining model decided.
  const minedUnder = c.provenance?.observed?.modelVersion;
  const targetVersion = attempts.find((a) => a.modelVersion)?.modelVersion;
  let retrainDifference: string | undefined;
  if (
    minedUnder &&
    targetVersion &&
    minedUnder !== targetVersion &&
    logged.some((v) => v.version === targetVersion) &&
    logged.some((v) => v.version === minedUnder)
  ) {
    const why = `mined under ${minedUnder}; the target runs ${targetVersion}, another model of the same logs`;
    if (status === 'fixed') {
      status = 'known-failure';
      retrainDifference = `${why}: the known-failure mark describes ${minedUnder}`;
    } else if (status === 'fail') {
      status = 'known-failure';
      retrainDifference = `${why}: ${minedUnder} ${(c.provenance?.label ?? 'model') === 'model' ? 'set the expectation' : 'passed it, so it was not marked'}`;
    }
  }
  const result: CaseResult = {
    id: c.id,
    status,
    message: describeOutcome(c, attempts, passes, repeat, ok, inputError),
    expect: c.expect,
    passes,
    runs: attempts.length,
    attempts,
    ...(known || retrainDifference ? { knownFailure: retrainDifference ?? (known as string) } : {}),
    ...(c.provenance ? { miner: c.provenance.miner, reason: c.provenance.reason } : {}),
    ...(minedUnder ? { minedUnder } : {}),
    ...(retrainDifference ? { retrainDifference } : {}),
    durationMs: now() - started,
  };
  return result;
}

function describeOutcome(
  c: RegressionCase,
  attempts: Attempt[],
  passes: number,
  repeat: number,
  ok: boolean,
  inputError?: string,
): string {
  if (inputError) return `cannot load the input: ${inputError}`;
  const expected = describeExpectation(c.expect);
  // Show a run that agrees with the case's outcome: a failing one when it failed, a passing one when it passed.
  const shown = (ok ? attempts.findLast((a) => a.ok) : attempts.find((a) => !a.ok)) ?? attempts[attempts.length - 1];
  const got = shown?.error
    ? `target error: ${shown.error}`
    : `${shown?.decision ?? '?'}${shown?.score !== undefined ? ` (score ${shown.score.toFixed(3)})` : ''}`;
  const tally = repeat > 1 ? ` [${passes}/${repeat} runs passed]` : '';
  // The decision mismatch is already in "expected …, got …"; list what else was wrong (score bounds).
  const extra = shown && !shown.ok ? shown.problems.filter((p) => !/^expected .*, got /.test(p)) : [];
  return `expected ${expected}, got ${got}${extra.length ? `: ${extra.join('; ')}` : ''}${tally}`;
}

/** The case's content: inline, or read from `inputRef` (a path relative to the suite, or a file: URL). */
export function resolveInput(c: RegressionCase, suiteFile?: string): string {
  if (c.input !== undefined) return c.input;
  const ref = c.inputRef as string;
  let path: string;
  if (ref.startsWith('file:')) path = fileURLToPath(ref);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
    throw new Error(`inputRef '${ref}' is not a local file; only paths and file: URLs can be loaded`);
  } else path = isAbsolute(ref) || !suiteFile ? ref : resolve(dirname(suiteFile), ref);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(
      `inputRef '${ref}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}
