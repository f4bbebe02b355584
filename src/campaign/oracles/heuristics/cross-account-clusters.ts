/**
 * Defuses access.account-rotation, automation.residential-proxies and activity.template-variation. The catalog's
 * heuristics: link accounts by shared signals and act on the cluster; count near-duplicates across all senders;
 * cluster on what spinning keeps. What every variant of a working campaign keeps is where its links lead (the
 * validity oracle requires it), so sends are clustered on their final link destinations, across accounts and
 * addresses, in a sliding window: a cluster sent by `minAccounts` accounts, or more than `maxMessages` times, is bulk.
 */
import { HOUR, sendFacts, streamFinding } from './stream-shared.js';
import type { StreamHeuristic } from './types.js';

export interface ClusterPolicy {
  windowHours: number;
  /** Distinct accounts sending one destination set before it is bulk. */
  minAccounts: number;
  /** Messages to one destination set in the window before it is bulk (whatever the accounts). */
  maxMessages: number;
}

export const DEFAULT_CLUSTER_POLICY: ClusterPolicy = { windowHours: 24, minAccounts: 3, maxMessages: 20 };

export function crossAccountClustersHeuristic(policy: ClusterPolicy = DEFAULT_CLUSTER_POLICY): StreamHeuristic {
  return {
    kind: 'stream',
    id: 'heuristic.cross-account-clusters',
    name: 'Clusters across accounts',
    summary: 'Cluster sends on their final link destinations across accounts; act on clusters, not on one sender.',
    async inspect(stream, ctx) {
      const facts = await sendFacts(stream.sends, ctx.registry);
      const recent = new Map<string, Array<{ at: number; account: string }>>();
      const flagged: string[] = [];
      const clusters = new Set<string>();
      for (const f of facts) {
        if (f.destinations === '') continue; // nothing a campaign must keep: not clustered
        const window = (recent.get(f.destinations) ?? []).filter((x) => x.at > f.at - policy.windowHours * HOUR);
        window.push({ at: f.at, account: f.account });
        recent.set(f.destinations, window);
        const accounts = new Set(window.map((x) => x.account)).size;
        if (accounts >= policy.minAccounts || window.length > policy.maxMessages) {
          flagged.push(f.id);
          clusters.add(f.destinations);
        }
      }
      return streamFinding(
        flagged,
        [...clusters].map((d) => `bulk cluster → ${d.length > 80 ? `${d.slice(0, 77)}...` : d}`),
      );
    },
  };
}
