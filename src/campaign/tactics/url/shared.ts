/**
 * Shared by the URL tactics: parse a link the way a browser would, and swap its host.
 */
import { parse as parseDomain } from 'tldts';

export interface ParsedLink {
  url: URL;
  /** ASCII host, lower-cased. */
  host: string;
  isIp: boolean;
  /** Registrable domain label without the public suffix ("paypal" in www.paypal.example); null for IPs. */
  label: string | null;
  suffix: string | null;
  subdomain: string;
}

export function parseLink(raw: string): ParsedLink | null {
  const s = /^www\./i.test(raw) ? `http://${raw}` : raw;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname;
  if (host.startsWith('[')) return null; // IPv6 literal: left alone
  const d = parseDomain(host);
  if (d.isIp) return { url, host, isIp: true, label: null, suffix: null, subdomain: '' };
  if (!d.domainWithoutSuffix || !d.publicSuffix) return null;
  return { url, host, isIp: false, label: d.domainWithoutSuffix, suffix: d.publicSuffix, subdomain: d.subdomain ?? '' };
}

/** The same URL with another host (any string the URL parser accepts: ASCII, Unicode → punycode, numeric IPs). */
export function withHost(link: ParsedLink, host: string): string {
  const u = new URL(link.url.href);
  u.hostname = host;
  return u.href;
}

/** A host string without the URL parser's normalization (to write decimal/hex IPs as-is). */
export function withRawHost(link: ParsedLink, host: string): string {
  const u = link.url;
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  const port = u.port ? `:${u.port}` : '';
  return `${u.protocol}//${auth}${host}${port}${u.pathname}${u.search}${u.hash}`;
}
