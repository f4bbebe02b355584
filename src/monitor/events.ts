/**
 * Injected events of simulated traffic (`DIR/events.json`, written by `nograd reference traffic` and by the
 * synthetic generator): what was injected, when, and by which accounts. Only the evaluation reads them — monitors
 * never see ground truth. The reader is tolerant about the container (a bare array or `{ events: [...] }`) and about
 * extra fields, strict about kind and times.
 */

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INJECTION_KINDS } from '../reference/traffic/options.js';
import { UserError } from '../util/errors.js';

/** The kinds of injected events that reference traffic writes to events.json (one list, owned by the simulator). */
export const EVENT_KINDS = INJECTION_KINDS;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface InjectedEvent {
  kind: EventKind;
  /** Unix ms, inclusive. */
  start: number;
  /** Unix ms, exclusive. */
  end: number;
  accounts: string[];
  /** Anything else the writer recorded (component, template hash, shift size…). */
  detail: Record<string, unknown>;
}

const Instant = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: `not an ISO-8601 time: ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return t;
});

const EventSchema = z.looseObject({
  kind: z.enum(EVENT_KINDS),
  start: Instant.optional(),
  end: Instant.optional(),
  startTs: Instant.optional(),
  endTs: Instant.optional(),
  accounts: z.array(z.string()).optional(),
});

const FileSchema = z.union([z.array(EventSchema), z.looseObject({ events: z.array(EventSchema) })]);

export function parseEvents(data: unknown, file = 'events.json'): InjectedEvent[] {
  const r = FileSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UserError(`${file}: invalid events at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const list = Array.isArray(r.data) ? r.data : r.data.events;
  return list.map((e, i) => {
    const start = e.start ?? e.startTs;
    const end = e.end ?? e.endTs;
    if (start === undefined || end === undefined)
      throw new UserError(`${file}: event ${i} (${e.kind}) needs start and end times`);
    if (end <= start) throw new UserError(`${file}: event ${i} (${e.kind}) ends before it starts`);
    const { kind, accounts, start: _s, end: _e, startTs: _s2, endTs: _e2, ...detail } = e;
    return { kind, start, end, accounts: accounts ?? [], detail };
  });
}

export function readEvents(path: string): InjectedEvent[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`cannot read events '${path}': ${(e as Error).message}`);
  }
  return parseEvents(data, path);
}
