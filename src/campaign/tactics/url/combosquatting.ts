/**
 * url.combosquatting — register the brand plus a word ("paypal-secure-login.example") and point the link there.
 * No character is faked, so typo and homoglyph checks pass, and the brand token makes the link look official.
 * Kintis et al., "Hiding in Plain Sight: A Longitudinal Study of Combosquatting Abuse" (CCS 2017) measured
 * combosquatting as far more common than typosquatting in phishing.
 *
 * The new domain mirrors the original host in the RedirectRegistry (one registration per new domain).
 */
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { list, merged, num } from '../params.js';
import { chance, sample } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { type ParsedLink, parseLink, withHost } from './shared.js';

const DEFAULTS = {
  keywords: ['secure', 'login', 'verify', 'account', 'support', 'update', 'service', 'online', 'help'],
  domainCostUsd: 12,
  domainSetupHours: 24,
};

export function comboHost(link: ParsedLink, rng: Rng, keywords: readonly string[]): string | null {
  if (!link.label || !link.suffix || keywords.length === 0) return null;
  const words = sample(rng, keywords, chance(rng, 0.5) ? 2 : 1);
  const label = chance(rng, 0.8) ? [link.label, ...words].join('-') : [...words, link.label].join('-');
  return [link.subdomain, label, link.suffix].filter((s) => s !== '').join('.');
}

export const combosquattingTactic: ContentTactic = {
  kind: 'content',
  id: 'url.combosquatting',
  defusedBy: ['heuristic.brand-lookalike-hosts'],
  summary: 'Point links at brand-plus-keyword domains (brand-secure-login.example) that mirror the page.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const keywords = list(p, 'keywords', DEFAULTS.keywords).map((k) => k.toLowerCase().replace(/[^a-z0-9-]/g, ''));
    let newDomains = 0;
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        if (!link || link.isIp) return null;
        for (let attempt = 0; attempt < 8; attempt++) {
          const host = comboHost(link, rng, keywords);
          if (!host) return null;
          const taken = registry.hasHost(host) && registry.next(`http://${host}/`) !== `http://${link.host}/`;
          if (taken) continue;
          if (!registry.hasHost(host)) newDomains++;
          registry.registerHost(host, link.host, 'mirror');
          return withHost(link, host);
        }
        return null;
      }),
    );
    if (out === null) return null;
    return {
      content: out,
      cost: {
        money: newDomains * num(p, 'domainCostUsd', 12),
        timeHours: newDomains > 0 ? num(p, 'domainSetupHours', 24) : 0,
      },
      note: `links moved to combosquatted domains (${newDomains} new registration(s))`,
    };
  },
};
