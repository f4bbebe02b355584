/**
 * Defuses access.account-warmup (in part). The catalog's heuristic: watch for sharp behaviour changes after a quiet
 * period, and cap the reputation an account can bank. A warmed-up account sends small talk without links for days,
 * then the campaign: the first links to a destination the account never used, after a link-free history, are
 * flagged — reputation earned on link-free mail does not vouch for links.
 */
import { sendFacts, streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';

/** Link-free sends that make an account's history "quiet". */
export const QUIET_SENDS = 5;

export const behaviourChangeHeuristic: StreamHeuristic = {
  kind: 'stream',
  id: 'heuristic.behaviour-change',
  name: 'Links after a quiet history',
  summary: "Flag an account's first links to new destinations after a history of only link-free mail.",
  async inspect(stream, ctx) {
    const facts = await sendFacts(stream.sends, ctx.registry);
    const history = new Map<string, { quiet: number; linked: number }>();
    const flagged: string[] = [];
    const accounts = new Set<string>();
    for (const f of facts) {
      const h = history.get(f.account) ?? { quiet: 0, linked: 0 };
      if (f.destinations === '') h.quiet++;
      else {
        if (h.linked === 0 && h.quiet >= QUIET_SENDS) {
          flagged.push(f.id);
          accounts.add(f.account);
        }
        // the flag sticks to the account until it has linked mail on record that was not flagged
        else if (accounts.has(f.account)) flagged.push(f.id);
        h.linked++;
      }
      history.set(f.account, h);
    }
    return streamFinding(
      flagged,
      flagged.length
        ? [`${accounts.size} account(s) started sending links after ${QUIET_SENDS}+ link-free messages`]
        : [],
    );
  },
};
