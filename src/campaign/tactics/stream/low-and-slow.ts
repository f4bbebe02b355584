/**
 * activity.low-and-slow — pace the sends: one every `intervalMinutes` per account (jittered), only in `activeHours`
 * of the day, so hourly rate limits and the bulk detector's 24-hour window never fill. The attacker pays in
 * throughput and time-to-success, the price Apruzzese et al. ("Real Attackers Don't Compute Gradients", SaTML 2023,
 * App. A) say economically rational spammers rarely accept.
 *
 * Each account keeps its own clock, so pacing composes with account rotation (ten accounts, ten parallel slow
 * streams). Params: `intervalMinutes`, `jitter` (fraction of the interval), `activeHours` (sends happen only in the
 * first N hours after the day's start hour), `dayStartHour` (UTC).
 */
import type { TargetInput } from '../../../contracts/target.js';
import { merged, num } from '../params.js';
import type { StreamTactic } from '../types.js';
import { accountOf, byTime, cost, DAY_MS, HOUR_MS, MINUTE_MS, spanHours, timeOf, withContext } from './shared.js';

const DEFAULTS = {
  intervalMinutes: 120,
  jitter: 0.3,
  activeHours: 12,
  dayStartHour: 8,
};

/** Move `t` into the next active window of the day when it falls outside it. */
function intoActiveWindow(t: number, startHour: number, activeHours: number): number {
  if (activeHours >= 24) return t;
  const dayStart = Math.floor(t / DAY_MS) * DAY_MS + startHour * HOUR_MS;
  if (t < dayStart) return dayStart;
  if (t < dayStart + activeHours * HOUR_MS) return t;
  return dayStart + DAY_MS;
}

export const lowAndSlowTactic: StreamTactic = {
  kind: 'stream',
  id: 'activity.low-and-slow',
  defusedBy: ['heuristic.long-window-volume'],
  summary: 'Pace the sends (one per interval per account, office hours only) to stay under rate and bulk windows.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const interval = Math.max(1, num(p, 'intervalMinutes', DEFAULTS.intervalMinutes)) * MINUTE_MS;
    const jitter = Math.min(0.95, Math.max(0, num(p, 'jitter', DEFAULTS.jitter)));
    const active = Math.min(24, Math.max(1, num(p, 'activeHours', DEFAULTS.activeHours)));
    const startHour = Math.min(23, Math.max(0, Math.floor(num(p, 'dayStartHour', DEFAULTS.dayStartHour))));
    const clock = new Map<string, number>();
    const sends: TargetInput[] = [];
    for (const m of byTime(messages, base)) {
      const account = accountOf(m, base);
      const earliest = timeOf(m, base);
      const last = clock.get(account);
      const gap = interval * (1 + jitter * (2 * rng() - 1));
      const at = intoActiveWindow(Math.max(earliest, last === undefined ? earliest : last + gap), startHour, active);
      clock.set(account, at);
      const ageShift = typeof m.context?.accountAgeDays === 'number' ? (at - earliest) / DAY_MS : 0;
      sends.push(
        withContext(m, {
          timestamp: Math.round(at),
          ...(typeof m.context?.accountAgeDays === 'number'
            ? { accountAgeDays: m.context.accountAgeDays + ageShift }
            : {}),
        }),
      );
    }
    // Only the time this tactic adds: an earlier warm-up already counted its own days.
    return { sends, cost: cost({ timeHours: Math.max(0, spanHours(sends, base) - spanHours(messages, base)) }) };
  },
};
