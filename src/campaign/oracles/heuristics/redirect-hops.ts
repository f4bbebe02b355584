/**
 * Defuses url.redirect-chain. The catalog's heuristic: follow redirects at scan time and judge the final page.
 * The registry plays the web (open redirectors, shorteners); the heuristic reports every link that needs following
 * and where it lands, so a blocklist or page check applies to the destination, not to the reputable first hop.
 */
import type { ReaderView } from '../reader-view.js';
import type { RedirectRegistry } from '../redirect-registry.js';
import { scannedLinks } from './links.js';
import { type ContentHeuristic, capped, finding } from './types.js';

export const redirectHopsHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.redirect-hops',
  name: 'Links that redirect',
  summary: 'Follow each link through redirectors and shorteners and judge where it lands.',
  inspect(_raw, view, ctx) {
    const hits: string[] = [];
    for (const u of scannedLinks(view)) {
      const r = ctx.registry.resolve(u.href);
      const redirects = r.hops.length - 1;
      // Look-alike mirrors, simulated DNS and hosted pages serve the page themselves: no redirect.
      const viaRedirector = r.hops.slice(0, -1).some((h) => {
        const host = new URL(h).hostname;
        const kind = ctx.registry.kindOf(h);
        return ctx.registry.redirectParam(host) !== undefined || kind === 'shortener' || kind === 'redirect';
      });
      if (redirects > 0 && viaRedirector) hits.push(`${u.host} redirects ${redirects} time(s) to ${r.final}`);
    }
    return finding(capped(hits));
  },
};

/** Where each link of a message finally lands (the destinations a page check should judge). */
export function finalDestinations(view: ReaderView, registry: RedirectRegistry): string[] {
  return [...new Set(scannedLinks(view).map((u) => registry.resolve(u.href).final))];
}
