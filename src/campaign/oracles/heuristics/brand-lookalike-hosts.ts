/**
 * Defuses url.punycode-lookalike, url.combosquatting and url.subdomain-tricks. The catalog's heuristics: decode
 * punycode, take the confusable skeleton and compare with protected brand domains; flag domains that contain a
 * protected brand token but are not owned by the brand; judge the registrable domain, not the leftmost labels.
 * One check covers all three: a brand token anywhere in a link host's skeleton, on a registrable domain the brand
 * does not own.
 */
import { domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import unhomoglyph from 'unhomoglyph';
import { BRAND_DOMAINS, BRAND_TOKENS } from '../../tactics/words/brands.js';
import { scannedLinks } from './links.js';
import { type ContentHeuristic, capped, finding } from './types.js';

export interface BrandProtection {
  /** Lower-case brand tokens to look for in host names. */
  tokens: readonly string[];
  /** Registrable domains the brands own. */
  owned: readonly string[];
}

export const DEFAULT_BRAND_PROTECTION: BrandProtection = { tokens: BRAND_TOKENS, owned: BRAND_DOMAINS };

function skeleton(text: string): string {
  return unhomoglyph(unhomoglyph(text.normalize('NFKC')).toLowerCase()).replace(/[^a-z0-9.]/g, '');
}

/** Why a host imitates a brand, or null. */
export function brandLookalike(host: string, protection: BrandProtection = DEFAULT_BRAND_PROTECTION): string | null {
  const d = parseDomain(host);
  if (d.isIp || !d.domain) return null;
  if (protection.owned.includes(d.domain)) return null;
  const unicode = domainToUnicode(host) || host;
  // A brand token counts where a label (hyphens dropped) is, starts or ends with it — "paypal-secure", "pаypal",
  // "www.paypal.example.evil.test" — not anywhere inside a word ("powells" is no Wells Fargo).
  const labels = unicode.split('.').map(skeleton);
  const token = protection.tokens.find((t) => {
    const k = skeleton(t);
    return labels.some((l) => l === k || l.startsWith(k) || l.endsWith(k));
  });
  if (!token) return null;
  const how = host.split('.').some((l) => l.startsWith('xn--'))
    ? `look-alike characters (${unicode})`
    : d.subdomain && !skeleton(d.domainWithoutSuffix ?? '').includes(skeleton(token))
      ? `brand in the subdomain of ${d.domain}`
      : `brand token in ${d.domain}`;
  return `${host}: '${token}' on a domain the brand does not own (${how})`;
}

export const brandLookalikeHostsHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.brand-lookalike-hosts',
  name: 'Brand look-alike link hosts',
  summary: 'Flag link hosts whose confusable skeleton contains a protected brand on a domain the brand does not own.',
  inspect(_raw, view) {
    const hits = scannedLinks(view)
      .map((u) => brandLookalike(u.hostname))
      .filter((x): x is string => x !== null);
    return finding(capped([...new Set(hits)]));
  },
};
