/**
 * Defuses url.numeric-ip. The catalog's heuristic: treat links whose host is an IP literal — in any notation — as
 * high risk. The trick only works on a check that reads the host as written ("3221226006" is no domain, so no
 * reputation look-up); WHATWG URL parsing turns decimal, hex and octal forms back into a dotted quad.
 */
import { parse as parseDomain } from 'tldts';
import { scannedLinks } from './links.js';
import { type ContentHeuristic, capped, finding } from './types.js';

export const ipLiteralHostsHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.ip-literal-hosts',
  name: 'IP-literal link hosts',
  summary: 'Normalize link hosts the way browsers do and flag hosts that are IP addresses in any notation.',
  inspect(_raw, view) {
    const hits = scannedLinks(view)
      .filter((u) => u.hostname.startsWith('[') || parseDomain(u.hostname).isIp === true)
      .map((u) => `link host is the IP address ${u.hostname}`);
    return finding(capped([...new Set(hits)]));
  },
};
