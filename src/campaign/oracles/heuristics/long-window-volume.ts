/**
 * Defuses activity.low-and-slow. The catalog's heuristic: aggregate over long windows and across accounts that
 * share content or infrastructure. Pacing beats an hourly rate limit and a daily bulk window; a weekly count per
 * destination set (what the campaign cannot vary) does not care how slowly the copies arrive.
 */
import { DAY, sendFacts, streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';

export interface LongWindowPolicy {
  windowDays: number;
  /** Messages to one destination set in the window before the rest are flagged. */
  maxMessages: number;
}

export const DEFAULT_LONG_WINDOW: LongWindowPolicy = { windowDays: 7, maxMessages: 20 };

export function longWindowVolumeHeuristic(policy: LongWindowPolicy = DEFAULT_LONG_WINDOW): StreamHeuristic {
  return {
    kind: 'stream',
    id: 'heuristic.long-window-volume',
    name: 'Weekly volume per destination',
    summary: 'Count messages per link destination over a week, across accounts, instead of per sender per hour.',
    async inspect(stream, ctx) {
      const facts = await sendFacts(stream.sends, ctx.registry);
      const recent = new Map<string, number[]>();
      const flagged: string[] = [];
      let worst = 0;
      for (const f of facts) {
        if (f.destinations === '') continue;
        const times = (recent.get(f.destinations) ?? []).filter((t) => t > f.at - policy.windowDays * DAY);
        times.push(f.at);
        recent.set(f.destinations, times);
        worst = Math.max(worst, times.length);
        if (times.length > policy.maxMessages) flagged.push(f.id);
      }
      return streamFinding(
        flagged,
        flagged.length
          ? [`up to ${worst} messages to one destination in ${policy.windowDays} days (limit ${policy.maxMessages})`]
          : [],
      );
    },
  };
}
