/**
 * Where a link really goes. URL tactics change what a link looks like (a redirector hop, a look-alike or combo
 * domain, an IP host) while the attacker keeps the click landing on the same page; the registry records that
 * simulated infrastructure so the validity oracle can follow it:
 *
 * - open redirectors: hosts that forward to the URL in a query parameter (`/out?url=…`), like the open redirects on
 *   reputable sites that phishing abuses; resolved from the URL alone, no state needed;
 * - exact mappings: a shortener token → its target (`https://l.shortlink.test/Ab3xY9`);
 * - host mirrors: every URL on an attacker-registered host serves what the original host served (a look-alike
 *   domain the phisher registered, or the simulated DNS answer for an IP host).
 *
 * Only reserved names are used (RFC 2606 / RFC 6761: *.example, *.test, example.com/.net/.org) and documentation
 * IP ranges (RFC 5737), so nothing here points at a real site. Keys are WHATWG-normalized URLs and ASCII hosts.
 */
import { fnv1a } from '../../util/hash.js';

/**
 * shortener / redirect: the URL forwards the click; mirror / dns: another name for the same server (host-wide);
 * hosted: a page on a third-party hosting service that serves the attacker's page (one URL).
 */
export type RedirectKind = 'shortener' | 'redirect' | 'mirror' | 'dns' | 'hosted';

export interface RegistryEntry {
  from: string;
  to: string;
  kind: RedirectKind;
}

export interface Resolution {
  /** The normalized URL a click finally reaches. */
  final: string;
  /** Every URL visited, the first (normalized) one included. */
  hops: string[];
  /** True when resolution stopped on a loop or the hop limit. */
  truncated: boolean;
}

/** Open-redirect hosts the URL tactics use by default, with the query parameter carrying the next hop. */
export const DEFAULT_OPEN_REDIRECTORS: Readonly<Record<string, string>> = {
  'go.redirect.example': 'url',
  'click.mailer.example': 'u',
  'out.example.net': 'to',
  'r.news.test': 'dest',
};

/** Shortener hosts (opaque tokens, resolved only through registered mappings). */
export const DEFAULT_SHORTENERS: readonly string[] = ['l.shortlink.test', 's.example.org', 'tiny.example'];

const MAX_HOPS = 16;

/** WHATWG normalization (lower-case host, punycode, IPv4 in any notation → dotted quad); null if not a URL. */
export function normalizeUrl(raw: string): string | null {
  let s = raw.trim();
  if (/^www\./i.test(s)) s = `http://${s}`;
  try {
    return new URL(s).href;
  } catch {
    return null;
  }
}

/** ASCII (punycode) form of a host, lower-cased; IPv4 in any notation comes back dotted. */
export function normalizeHost(host: string): string {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return host.toLowerCase();
  }
}

export class RedirectRegistry {
  private readonly exact = new Map<string, RegistryEntry>();
  private readonly hosts = new Map<string, RegistryEntry>();
  private readonly redirectors: Map<string, string>;
  /** Simulated DNS: attacker host → documentation-range IPv4 address, and back. */
  private readonly addressOf = new Map<string, string>();
  private readonly ownerOf = new Map<string, string>();

  constructor(options: { openRedirectors?: Readonly<Record<string, string>> } = {}) {
    this.redirectors = new Map(Object.entries(options.openRedirectors ?? DEFAULT_OPEN_REDIRECTORS));
  }

  /** The query parameter an open-redirector host forwards through, if the host is one. */
  redirectParam(host: string): string | undefined {
    return this.redirectors.get(normalizeHost(host));
  }

  openRedirectors(): string[] {
    return [...this.redirectors.keys()];
  }

  /**
   * Record that `from` forwards to (or serves the same as) `to`. Re-registering the same pair is a no-op;
   * pointing an existing key elsewhere throws, because a token or domain cannot lead to two places.
   */
  register(from: string, to: string, kind: RedirectKind = 'shortener'): void {
    const f = normalizeUrl(from);
    const t = normalizeUrl(to);
    if (!f || !t) throw new Error(`not a URL: ${!f ? from : to}`);
    const existing = this.exact.get(f);
    if (existing && existing.to !== t) throw new Error(`${f} already leads to ${existing.to}`);
    this.exact.set(f, { from: f, to: t, kind });
  }

  /** Record that every URL on host `from` serves what the same path on host `to` serves. */
  registerHost(from: string, to: string, kind: RedirectKind = 'mirror'): void {
    const f = normalizeHost(from);
    const t = normalizeHost(to);
    const existing = this.hosts.get(f);
    if (existing && existing.to !== t) throw new Error(`host ${f} already mirrors ${existing.to}`);
    this.hosts.set(f, { from: f, to: t, kind });
  }

  /**
   * The simulated DNS A record of an attacker host: a deterministic address in the documentation ranges
   * (RFC 5737), chosen by a hash of the host and probed forward if another host already holds it (there are only
   * 762 such addresses). Recorded as a 'dns' host mirror, so `http://<ip>/path` resolves to the host.
   */
  simulatedAddress(host: string): string {
    const h = normalizeHost(host);
    const known = this.addressOf.get(h);
    if (known) return known;
    const ranges = ['192.0.2', '198.51.100', '203.0.113'];
    const start = fnv1a(h) % (ranges.length * 254);
    for (let i = 0; i < ranges.length * 254; i++) {
      const slot = (start + i) % (ranges.length * 254);
      const ip = `${ranges[Math.floor(slot / 254)]}.${(slot % 254) + 1}`;
      if (this.ownerOf.has(ip) || this.hosts.has(ip)) continue;
      this.addressOf.set(h, ip);
      this.ownerOf.set(ip, h);
      this.registerHost(ip, h, 'dns');
      return ip;
    }
    throw new Error('simulated DNS: every documentation-range address is taken');
  }

  /** The simulated address already assigned to a host, if any. */
  addressFor(host: string): string | undefined {
    return this.addressOf.get(normalizeHost(host));
  }

  /** How an exactly registered URL leads on (undefined when it is not registered). */
  kindOf(url: string): RedirectKind | undefined {
    const f = normalizeUrl(url);
    return f === null ? undefined : this.exact.get(f)?.kind;
  }

  /** Whether a URL (or host) is already taken by a mapping. */
  has(url: string): boolean {
    const f = normalizeUrl(url);
    return f !== null && this.exact.has(f);
  }

  hasHost(host: string): boolean {
    return this.hosts.has(normalizeHost(host));
  }

  /** The next hop of one URL, or undefined when the URL is a final destination. */
  next(url: string): string | undefined {
    const href = normalizeUrl(url);
    if (!href) return undefined;
    const exact = this.exact.get(href);
    if (exact) return exact.to;
    const u = new URL(href);
    const mirror = this.hosts.get(u.hostname);
    if (mirror) {
      u.hostname = mirror.to;
      return u.href;
    }
    const param = this.redirectors.get(u.hostname);
    if (param) {
      const target = u.searchParams.get(param);
      if (target) return normalizeUrl(target) ?? undefined;
    }
    return undefined;
  }

  /** Follow the chain from `url` to where a click lands. */
  resolve(url: string): Resolution {
    const first = normalizeUrl(url) ?? url.trim();
    const hops = [first];
    const seen = new Set(hops);
    let current = first;
    for (let i = 0; i < MAX_HOPS; i++) {
      const next = this.next(current);
      if (next === undefined) return { final: current, hops, truncated: false };
      if (seen.has(next)) return { final: current, hops, truncated: true };
      hops.push(next);
      seen.add(next);
      current = next;
    }
    return { final: current, hops, truncated: true };
  }

  entries(): RegistryEntry[] {
    return [...this.exact.values(), ...this.hosts.values()];
  }

  /** Serializable form, for the attempt store (replaying a campaign needs the same infrastructure). */
  toJSON(): { openRedirectors: Record<string, string>; entries: RegistryEntry[] } {
    return {
      openRedirectors: Object.fromEntries(this.redirectors),
      entries: this.entries(),
    };
  }

  static fromJSON(data: { openRedirectors?: Record<string, string>; entries: RegistryEntry[] }): RedirectRegistry {
    const reg = new RedirectRegistry(data.openRedirectors ? { openRedirectors: data.openRedirectors } : {});
    for (const e of data.entries) {
      if (e.kind === 'dns') {
        reg.addressOf.set(e.to, e.from);
        reg.ownerOf.set(e.from, e.to);
      }
      if (e.kind === 'mirror' || e.kind === 'dns') reg.registerHost(e.from, e.to, e.kind);
      else reg.register(e.from, e.to, e.kind);
    }
    return reg;
  }
}

/**
 * The registry tactics and the oracle share when a campaign does not pass its own. Entries are functions of
 * (seed, link), so campaigns sharing it add compatible facts; the exceptions are rare collisions (a shortener
 * token drawn twice, two hosts hashing to one simulated address), which are resolved against what is already
 * registered. A campaign that wants isolation and exact replay creates its own registry, builds its tactics with
 * `createExecutableTactics({ registry })`, and stores `registry.toJSON()` with its attempts.
 */
export const DEFAULT_REDIRECT_REGISTRY = new RedirectRegistry();
