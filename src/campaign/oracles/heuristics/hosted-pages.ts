/**
 * Defuses url.trusted-host-abuse. The catalog's heuristic: judge the page content and the full URL path, not only
 * the host's reputation. A link into a user-content hosting service (site and form builders, file sharing) is
 * flagged for a content check of the page it opens — the service's good name vouches for nothing. The service
 * list is the operator's; the defaults are the reserved-name stand-ins the tactic uses.
 */
import { TRUSTED_HOSTING_SERVICES } from '../../tactics/url/trusted-host-abuse.js';
import { scannedLinks } from './links.js';
import { type ContentHeuristic, capped, finding } from './types.js';

export function hostedPagesHeuristic(services: readonly string[] = TRUSTED_HOSTING_SERVICES): ContentHeuristic {
  const hosts = new Set(services.map((s) => s.toLowerCase()));
  return {
    kind: 'content',
    id: 'heuristic.hosted-pages',
    name: 'Pages on user-content hosting',
    summary: 'Flag links into site/form/file hosting services for a check of the page, whatever the host reputation.',
    inspect(_raw, view) {
      const hits = scannedLinks(view)
        .filter((u) => hosts.has(u.hostname))
        .map((u) => `user-content page ${u.hostname}${u.pathname}: judge the page, not the host`);
      return finding(capped([...new Set(hits)]));
    },
  };
}
