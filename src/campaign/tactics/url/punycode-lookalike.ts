/**
 * url.punycode-lookalike — replace the link's domain with an internationalized look-alike: Latin letters of the
 * registrable label swapped for Cyrillic homoglyphs (pаypal with a Cyrillic "а"), written in its ASCII xn-- form
 * (`xn--pypal-4ve.example`). The IDN homograph attack (Gabrilovich & Gontmakher, CACM 2002; Zheng's 2017
 * "аррӏе.com" demonstration) defeats string checks against the brand's domain.
 *
 * The attacker registers the look-alike and serves the same page there: recorded as a host mirror in the
 * RedirectRegistry (cost: one registration, about 12 USD and a day of set-up, per new domain).
 */
import { domainToASCII } from 'node:url';
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { merged, num } from '../params.js';
import { sample } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { CYRILLIC_DOMAIN_LOOKALIKES } from '../words/confusables.js';
import { type ParsedLink, parseLink, withHost } from './shared.js';

const DEFAULTS = {
  /** Letters of the domain label replaced by homoglyphs. */
  letters: 1,
  /** Cost of registering one new domain (USD) and of setting it up (hours). */
  domainCostUsd: 12,
  domainSetupHours: 24,
};

/** The xn-- host of a look-alike of `link`'s registrable domain, or null when no letter has a homoglyph. */
export function lookalikeHost(link: ParsedLink, rng: Rng, letters: number): string | null {
  if (!link.label || !link.suffix) return null;
  const chars = [...link.label];
  const positions = chars.map((c, i) => (CYRILLIC_DOMAIN_LOOKALIKES[c] ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return null;
  for (const i of sample(rng, positions, Math.max(1, letters)))
    chars[i] = CYRILLIC_DOMAIN_LOOKALIKES[chars[i] as string] as string;
  const unicode = [link.subdomain, chars.join(''), link.suffix].filter((s) => s !== '').join('.');
  const ascii = domainToASCII(unicode);
  return ascii === '' ? null : ascii;
}

export const punycodeLookalikeTactic: ContentTactic = {
  kind: 'content',
  id: 'url.punycode-lookalike',
  defusedBy: ['heuristic.brand-lookalike-hosts'],
  summary:
    'Swap the link domain for an IDN homograph (Cyrillic letters), written as xn--; the look-alike mirrors the page.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const letters = num(p, 'letters', DEFAULTS.letters);
    let newDomains = 0;
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        if (!link || link.isIp) return null;
        const host = lookalikeHost(link, rng, letters);
        if (!host) return null;
        if (!registry.hasHost(host)) newDomains++;
        registry.registerHost(host, link.host, 'mirror');
        return withHost(link, host);
      }),
    );
    if (out === null) return null;
    return {
      content: out,
      cost: {
        money: newDomains * num(p, 'domainCostUsd', 12),
        timeHours: newDomains > 0 ? num(p, 'domainSetupHours', 24) : 0,
      },
      note: `link domains replaced by punycode look-alikes (${newDomains} new registration(s))`,
    };
  },
};
