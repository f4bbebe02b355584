/**
 * What stream heuristics know about one send: who, when, and where its links lead (the part of a campaign that
 * spinning, pacing and rotation cannot change without breaking the payload).
 */
import type { TargetInput } from '../../../contracts/target.js';
import { readerView } from '../reader-view.js';
import type { RedirectRegistry } from '../redirect-registry.js';
import { finalDestinations } from './redirect-hops.js';
import type { StreamFinding } from './types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface SendFacts {
  id: string;
  account: string;
  at: number;
  claimedAgeDays: number | undefined;
  sourceIp: string | undefined;
  /** Sorted final link destinations ('' when the message has no link). */
  destinations: string;
}

export async function sendFacts(sends: readonly TargetInput[], registry: RedirectRegistry): Promise<SendFacts[]> {
  const byContent = new Map<string, string>();
  const out: SendFacts[] = [];
  for (const [i, s] of sends.entries()) {
    let key = byContent.get(s.content);
    if (key === undefined) {
      key = finalDestinations(await readerView(s.content), registry)
        .sort()
        .join(' ');
      byContent.set(s.content, key);
    }
    const c = s.context ?? {};
    out.push({
      id: s.id,
      account: typeof c.accountId === 'string' && c.accountId ? c.accountId : 'anonymous',
      at: typeof c.timestamp === 'number' ? c.timestamp : i,
      claimedAgeDays: typeof c.accountAgeDays === 'number' ? c.accountAgeDays : undefined,
      sourceIp: typeof c.sourceIp === 'string' ? c.sourceIp : undefined,
      destinations: key,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

export function streamFinding(
  flagged: string[],
  evidence: string[],
  reports?: { accepted: number; rejected: number },
): StreamFinding {
  return {
    fired: flagged.length > 0 || (reports?.rejected ?? 0) > 0,
    evidence,
    flaggedSends: flagged,
    acceptedReports: reports?.accepted ?? 0,
    rejectedReports: reports?.rejected ?? 0,
  };
}
