/**
 * Defuses access.aged-account-purchase. The catalog's heuristic: treat an old, dormant account that suddenly acts
 * (new device, location, recovery details) as a fresh account. The stream carries no device data, so the check
 * keeps the part it can: an account's age counts from the first activity the system observed, not from the age it
 * claims — a bought 400-day-old account the system never saw is young. Accounts the operator already knows
 * (`knownSince`) keep their history.
 */
import { DAY, sendFacts, streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';
import { YOUNG_DAYS } from './young-sender.js';

/** First activity the system saw before this stream, per account (ms). Empty by default. */
export const KNOWN_SINCE = new Map<string, number>();

export function observedAgeHeuristic(knownSince: ReadonlyMap<string, number> = KNOWN_SINCE): StreamHeuristic {
  return {
    kind: 'stream',
    id: 'heuristic.observed-age',
    name: 'Age from observed activity',
    summary: 'Count account age from the first activity the system saw; a claimed age without history is ignored.',
    async inspect(stream, ctx) {
      const facts = await sendFacts(stream.sends, ctx.registry);
      const first = new Map(knownSince);
      const flagged: string[] = [];
      const accounts = new Set<string>();
      for (const f of facts) {
        if (!first.has(f.account)) first.set(f.account, f.at);
        const observed = (f.at - (first.get(f.account) as number)) / DAY;
        if (observed < YOUNG_DAYS && (f.claimedAgeDays ?? 0) >= YOUNG_DAYS) {
          flagged.push(f.id);
          accounts.add(f.account);
        }
      }
      return streamFinding(
        flagged,
        flagged.length
          ? [`${accounts.size} account(s) claim to be old but were first seen less than ${YOUNG_DAYS} days ago`]
          : [],
      );
    },
  };
}
