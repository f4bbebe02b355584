/**
 * Defuses access.fresh-accounts. The catalog's heuristic: give young accounts small quotas and stricter thresholds
 * until they earn reputation. A fresh account per message never fills a quota, so the working part is the stricter
 * threshold: every send from an account younger than `youngDays` is flagged for it (the reference funnel applies
 * exactly this, sender-accounts `youngAccountThresholdDelta`).
 */
import type { TargetInput } from '../../../contracts/target.js';
import { streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';

export const YOUNG_DAYS = 7;

function age(s: TargetInput): number | undefined {
  const a = s.context?.accountAgeDays;
  return typeof a === 'number' ? a : undefined;
}

export const youngSenderHeuristic: StreamHeuristic = {
  kind: 'stream',
  id: 'heuristic.young-sender',
  name: 'Stricter rules for young accounts',
  summary: 'Judge sends from accounts younger than 7 days with a stricter threshold and a small quota.',
  async inspect(stream) {
    const flagged = stream.sends.filter((s) => {
      const a = age(s);
      return a !== undefined && a < YOUNG_DAYS;
    });
    const accounts = new Set(flagged.map((s) => s.context?.accountId));
    return streamFinding(
      flagged.map((s) => s.id),
      flagged.length
        ? [`${flagged.length} send(s) from ${accounts.size} account(s) younger than ${YOUNG_DAYS} days`]
        : [],
    );
  },
};
