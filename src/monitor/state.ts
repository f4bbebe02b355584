/**
 * The --state file: what lets cron runs over overlapping logs behave. It remembers which alert (rule + subject +
 * window) was delivered to which sink, so nothing is re-sent, and the persistence history, so "k of the last n
 * windows" spans runs. Written atomically (temp file + rename); pruned so it stays small.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../util/errors.js';
import { MAX_HISTORY, type PersistenceState } from './persistence.js';

export const STATE_KIND = 'nograd-monitor-state';
export const STATE_VERSION = 1;
/** Delivery records kept (newest windows first). */
export const MAX_SENT = 20_000;

export interface SentRecord {
  /** When it was first delivered (ISO). */
  at: string;
  /** End of the alert's window (ISO), for pruning. */
  windowEnd: string;
  /** Sink ids it reached. */
  sinks: string[];
}

export interface MonitorState {
  kind: typeof STATE_KIND;
  version: typeof STATE_VERSION;
  updatedAt: string;
  persistence: PersistenceState;
  sent: Record<string, SentRecord>;
}

export function emptyState(): MonitorState {
  return {
    kind: STATE_KIND,
    version: STATE_VERSION,
    updatedAt: new Date(0).toISOString(),
    persistence: { windows: [], met: {} },
    sent: {},
  };
}

const Schema = z.object({
  kind: z.literal(STATE_KIND),
  version: z.literal(STATE_VERSION),
  updatedAt: z.string(),
  persistence: z.object({
    windows: z.array(z.number()),
    met: z.record(z.string(), z.record(z.string(), z.array(z.number()))),
  }),
  sent: z.record(z.string(), z.object({ at: z.string(), windowEnd: z.string(), sinks: z.array(z.string()) })),
});

/** Read the state file; a missing file is an empty state (first run). */
export function readState(path: string): MonitorState {
  if (!existsSync(path)) return emptyState();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read state file '${path}': ${(e as Error).message} (delete it to start afresh)`);
  }
  const r = Schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UserError(
      `'${path}' is not a nograd monitor state file (${issue?.path.join('.') || 'root'}: ${issue?.message}); delete it to start afresh`,
    );
  }
  return r.data as MonitorState;
}

export function writeState(path: string, state: MonitorState, now = new Date()): void {
  const entries = Object.entries(state.sent).sort(
    (a, b) => b[1].windowEnd.localeCompare(a[1].windowEnd) || a[0].localeCompare(b[0]),
  );
  const pruned: MonitorState = {
    ...state,
    updatedAt: now.toISOString(),
    persistence: { windows: state.persistence.windows.slice(-MAX_HISTORY), met: state.persistence.met },
    sent: Object.fromEntries(entries.slice(0, MAX_SENT)),
  };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(pruned, null, 2)}\n`);
  renameSync(tmp, path);
}
