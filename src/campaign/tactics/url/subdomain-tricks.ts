/**
 * url.subdomain-tricks — put the brand's whole host name at the front of a host the attacker controls
 * ("www.paypal.example.account-check.example"). People and naive substring checks see the brand; the registrable
 * domain is the attacker's. A classic of phishing URLs (e.g. Garera et al., "A Framework for Detection and
 * Measurement of Phishing Attacks", WORM 2007, type-II URLs "brand in subdomain").
 *
 * The attacker host mirrors the original in the RedirectRegistry. Subdomains of a domain the attacker already has
 * are free; a new attacker domain costs a registration.
 */
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { list, merged, num } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { parseLink, withHost } from './shared.js';

const DEFAULTS = {
  /** Attacker-controlled registrable domains (reserved names only). */
  attackerDomains: ['account-check.example', 'secure-verify.test', 'auth-portal.example', 'id-confirm.test'],
  domainCostUsd: 5,
};

export const subdomainTricksTactic: ContentTactic = {
  kind: 'content',
  id: 'url.subdomain-tricks',
  defusedBy: ['heuristic.brand-lookalike-hosts'],
  summary:
    'Prefix an attacker domain with the brand host (brand.com.evil.example); the attacker host mirrors the page.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const domains = list(p, 'attackerDomains', DEFAULTS.attackerDomains).filter((d) =>
      /(^|\.)(example|test)$|(^|\.)example\.(com|net|org)$/i.test(d),
    );
    if (domains.length === 0) return null;
    const newDomains = new Set<string>();
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        if (!link || link.isIp) return null;
        const attacker = pick(rng, domains);
        const host = `${link.host}.${attacker}`;
        if (host.length > 253 || host.split('.').some((l) => l.length > 63)) return null;
        const known = registry.entries().some((e) => e.kind === 'mirror' && e.from.endsWith(`.${attacker}`));
        if (!known) newDomains.add(attacker);
        registry.registerHost(host, link.host, 'mirror');
        return withHost(link, host);
      }),
    );
    if (out === null) return null;
    return {
      content: out,
      cost: { money: newDomains.size * num(p, 'domainCostUsd', 5) },
      note: `brand hosts moved under attacker domains${newDomains.size ? ` (${[...newDomains].join(', ')} new)` : ''}`,
    };
  },
};
