/**
 * Sink selection and delivery with de-duplication. `--sink` specs are `terminal`, `jsonl:FILE`, `webhook:URL`,
 * `sarif:FILE` or the name of a sink defined in the rules file. Every alert goes to the command-line sinks (terminal
 * when none is given) plus its rule's named sinks. With a state file, an alert (rule + subject + window) already
 * delivered to a sink is not delivered to it again; a failed delivery is not recorded, so the next run retries it.
 */
import { UserError } from '../../util/errors.js';
import type { Alert } from '../alert.js';
import type { SinkConfig } from '../rules.js';
import type { MonitorState } from '../state.js';
import { jsonlSink } from './jsonl.js';
import { sarifSink } from './sarif.js';
import { terminalSink } from './terminal.js';
import type { DeliveryOutcome, Sink } from './types.js';
import { type WebhookOptions, webhookSink } from './webhook.js';

export type { Sink } from './types.js';

export function parseSinkSpec(spec: string, named: Record<string, SinkConfig> = {}): SinkConfig {
  if (spec === 'terminal') return { type: 'terminal' };
  const named1 = named[spec];
  if (named1) return named1;
  const i = spec.indexOf(':');
  const kind = i < 0 ? spec : spec.slice(0, i);
  const target = i < 0 ? '' : spec.slice(i + 1);
  switch (kind) {
    case 'jsonl':
    case 'sarif':
      if (!target)
        throw new UserError(
          `--sink ${kind}: needs a file, e.g. --sink ${kind}:alerts.${kind === 'jsonl' ? 'jsonl' : 'sarif'}`,
        );
      return { type: kind, path: target };
    case 'webhook':
    case 'http':
    case 'https': {
      const url = kind === 'webhook' ? target : spec;
      if (!/^https?:\/\/[^/]/.test(url))
        throw new UserError(`--sink webhook: needs an http(s) URL, e.g. --sink webhook:https://hooks.example.com/abc`);
      return { type: 'webhook', url, headers: {}, maxAttempts: 5, timeoutMs: 10_000 };
    }
    default: {
      const names = Object.keys(named);
      throw new UserError(
        `unknown sink '${spec}' (use terminal, jsonl:FILE, webhook:URL, sarif:FILE${names.length ? `, or a sink of the rules file: ${names.join(', ')}` : ''})`,
      );
    }
  }
}

export interface SinkFactoryOptions {
  write?: (text: string) => void;
  useColor?: boolean;
  webhook?: Pick<WebhookOptions, 'sleep' | 'onRetry' | 'baseDelayMs' | 'maxDelayMs'>;
}

export function createSink(cfg: SinkConfig, opts: SinkFactoryOptions = {}): Sink {
  switch (cfg.type) {
    case 'terminal':
      return terminalSink(opts.write, opts.useColor);
    case 'jsonl':
      return jsonlSink(cfg.path);
    case 'sarif':
      return sarifSink(cfg.path);
    case 'webhook':
      return webhookSink({
        url: cfg.url,
        headers: cfg.headers,
        maxAttempts: cfg.maxAttempts,
        timeoutMs: cfg.timeoutMs,
        ...opts.webhook,
      });
  }
}

export interface SinkReport {
  sink: string;
  delivered: number;
  /** Already delivered in an earlier run (state file). */
  skipped: number;
  failed: DeliveryOutcome['failed'];
}

export interface DispatchResult {
  /** Alerts not delivered anywhere before this run (all alerts when there is no state). */
  fresh: Alert[];
  sinks: SinkReport[];
}

/** Deliver alerts to their sinks, skipping what the state says was sent, and record new deliveries in the state. */
export async function dispatch(
  alerts: readonly Alert[],
  global: readonly Sink[],
  named: Readonly<Record<string, Sink>>,
  state: MonitorState | null,
  inputs: readonly string[],
  now = new Date(),
): Promise<DispatchResult> {
  const sentBefore = (key: string, sinkId?: string) => {
    const rec = state?.sent[key];
    return rec !== undefined && (sinkId === undefined || rec.sinks.includes(sinkId));
  };
  const fresh = alerts.filter((a) => !sentBefore(a.key));
  const bySink = new Map<string, { sink: Sink; alerts: Alert[] }>();
  const target = (sink: Sink, a: Alert) => {
    const entry = bySink.get(sink.id) ?? { sink, alerts: [] };
    if (!entry.alerts.includes(a)) entry.alerts.push(a);
    bySink.set(sink.id, entry);
  };
  for (const s of global) bySink.set(s.id, bySink.get(s.id) ?? { sink: s, alerts: [] });
  for (const a of alerts) {
    for (const s of global) target(s, a);
    for (const name of a.sinks) {
      const s = named[name];
      if (s) target(s, a);
    }
  }
  const reports: SinkReport[] = [];
  for (const { sink, alerts: list } of bySink.values()) {
    const todo = state && sink.dedup ? list.filter((a) => !sentBefore(a.key, sink.id)) : list;
    const skipped = list.length - todo.length;
    const outcome = await sink.deliver(todo, { inputs: [...inputs], suppressed: skipped });
    if (state) {
      for (const key of outcome.delivered) {
        const a = todo.find((x) => x.key === key);
        if (!a) continue;
        const rec = state.sent[key] ?? { at: now.toISOString(), windowEnd: a.window.end, sinks: [] };
        if (!rec.sinks.includes(sink.id)) rec.sinks.push(sink.id);
        state.sent[key] = rec;
      }
    }
    reports.push({ sink: sink.label, delivered: outcome.delivered.length, skipped, failed: outcome.failed });
  }
  return { fresh, sinks: reports };
}
