/**
 * The links of a message as a defender's scanner collects them: body links and attachment links, WHATWG-normalized
 * (lower-case ASCII host, punycode, IPv4 in any notation → dotted quad), http(s) only.
 */

import type { ReaderView } from '../reader-view.js';
import { normalizeUrl } from '../redirect-registry.js';

export function scannedLinks(view: ReaderView): URL[] {
  const out = new Map<string, URL>();
  for (const raw of [...view.bodyLinks, ...view.attachmentLinks]) {
    const href = normalizeUrl(raw);
    if (!href || !/^https?:/.test(href)) continue;
    out.set(href, new URL(href));
  }
  return [...out.values()];
}
