/**
 * url.numeric-ip — write the link's host as an IPv4 address in an unusual notation: one decimal number
 * (http://3221226006/), hex (0xc0000216), dotted hex (0xc0.0x0.0x2.0x16) or dotted octal (0300.0.02.026). Browsers
 * accept them all (WHATWG URL IPv4 parser); domain reputation and brand checks have nothing to look up. Long seen in
 * phishing (e.g. the APWG's early phishing-URL studies; Ma et al., "Beyond Blacklists", KDD 2009, use "IP host" as a
 * feature precisely because of it).
 *
 * IP-literal hosts are rewritten directly. A domain host is first "resolved" by a simulated, deterministic DNS
 * answer in the documentation ranges (RFC 5737) recorded in the RedirectRegistry — the attacker's server.
 */
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { bool, choice, merged, num } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { parseLink, withRawHost } from './shared.js';

const FORMS = ['decimal', 'hex', 'dotted-hex', 'dotted-octal', 'any'] as const;
type Form = (typeof FORMS)[number];

const DEFAULTS = {
  form: 'any' as Form,
  /** Rewrite domain hosts too, via the simulated DNS answer (otherwise only IP-literal hosts). */
  resolveDomains: true,
  /** Renting the server behind a new address (USD). */
  serverCostUsd: 5,
};

export function formatIPv4(ip: string, form: Exclude<Form, 'any'>): string {
  const octets = ip.split('.').map(Number);
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  switch (form) {
    case 'decimal':
      return String(value);
    case 'hex':
      return `0x${value.toString(16)}`;
    case 'dotted-hex':
      return octets.map((o) => `0x${o.toString(16)}`).join('.');
    case 'dotted-octal':
      return octets.map((o) => `0${o.toString(8)}`).join('.');
  }
}

export const numericIpTactic: ContentTactic = {
  kind: 'content',
  id: 'url.numeric-ip',
  defusedBy: ['heuristic.ip-literal-hosts'],
  summary: 'Write link hosts as IPv4 in decimal/hex/octal notation (domains via a simulated DNS answer).',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const fixed = choice(p, 'form', FORMS, DEFAULTS.form);
    const resolveDomains = bool(p, 'resolveDomains', DEFAULTS.resolveDomains);
    let newServers = 0;
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        if (!link) return null;
        let ip: string;
        if (link.isIp) ip = link.host;
        else if (resolveDomains) {
          const known = registry.addressFor(link.host) !== undefined;
          ip = registry.simulatedAddress(link.host);
          if (!known) newServers++;
        } else return null;
        const form = fixed === 'any' ? pick(rng, ['decimal', 'hex', 'dotted-hex', 'dotted-octal'] as const) : fixed;
        return withRawHost(link, formatIPv4(ip, form));
      }),
    );
    if (out === null) return null;
    return {
      content: out,
      cost: { money: newServers * num(p, 'serverCostUsd', 5) },
      note: 'link hosts written as numeric IPv4',
    };
  },
};
