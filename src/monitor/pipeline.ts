/**
 * `nograd monitor check` as a library call: read the baseline, rules and state, check the logs, deliver alerts
 * (de-duplicated), save the state, and decide the exit code — 0 no alert at/above --fail-on, 1 otherwise (with a
 * state file: only alerts not already sent count, so a cron job fails once per new alert).
 */
import { EXIT } from '../util/errors.js';
import type { Progress } from './aggregate.js';
import { type FailOn, failsOn } from './alert.js';
import { readBaseline } from './baseline.js';
import { type CheckResult, runCheck } from './check.js';
import type { DbOptions } from './db.js';
import { defaultRules, loadRules, type RuleSet } from './rules.js';
import { createSink, type DispatchResult, dispatch, parseSinkSpec, type SinkFactoryOptions } from './sinks/index.js';
import type { Sink } from './sinks/types.js';
import { type LogInput, resolveLogInputs } from './source.js';
import { readState, writeState } from './state.js';
import { parseDuration, type TimeRange } from './window.js';

export interface MonitorCheckOptions extends DbOptions {
  logs: string[] | LogInput[];
  baseline: string;
  /** Rules file; default rules when absent. */
  rules?: string | RuleSet;
  /** '1d', '6h', 'all'; default: the baseline's window. */
  window?: string;
  range?: TimeRange;
  /** Sink specs; default ['terminal'] (an empty list: no sinks besides the rules' named ones). */
  sinks?: string[];
  state?: string;
  failOn?: FailOn;
  progress?: Progress;
  sinkOptions?: SinkFactoryOptions;
  env?: NodeJS.ProcessEnv;
}

export interface MonitorCheckOutcome {
  result: CheckResult;
  delivery: DispatchResult;
  /** Alerts that count for the exit code (fresh ones with a state file, else all) at/above failOn. */
  failing: number;
  exitCode: number;
}

export async function monitorCheck(opts: MonitorCheckOptions): Promise<MonitorCheckOutcome> {
  const inputs = typeof opts.logs[0] === 'string' ? resolveLogInputs(opts.logs as string[]) : (opts.logs as LogInput[]);
  const baseline = readBaseline(opts.baseline);
  const rules =
    typeof opts.rules === 'object' ? opts.rules : opts.rules ? loadRules(opts.rules, opts.env) : defaultRules();
  const windowMs = opts.window === undefined ? baseline.options.windowMs : parseDuration(opts.window);
  const global: Sink[] = (opts.sinks ?? ['terminal']).map((spec) =>
    createSink(parseSinkSpec(spec, rules.sinks), opts.sinkOptions),
  );
  const named: Record<string, Sink> = Object.fromEntries(
    Object.entries(rules.sinks).map(([name, cfg]) => [name, createSink(cfg, opts.sinkOptions)]),
  );
  const state = opts.state ? readState(opts.state) : null;

  const { result, persistence } = await runCheck(inputs, baseline, {
    ...opts,
    rules,
    windowMs,
    ...(opts.range ? { range: opts.range } : {}),
    ...(state ? { persistence: state.persistence } : {}),
  });
  const delivery = await dispatch(
    result.alerts,
    global,
    named,
    state,
    inputs.map((i) => i.path),
  );
  if (state && opts.state) {
    state.persistence = persistence;
    writeState(opts.state, state);
  }
  const counted = state ? delivery.fresh : result.alerts;
  const failing = counted.filter((a) => failsOn(a, opts.failOn ?? 'low')).length;
  return { result, delivery, failing, exitCode: failing > 0 ? EXIT.gate : EXIT.ok };
}
