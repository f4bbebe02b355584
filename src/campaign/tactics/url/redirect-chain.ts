/**
 * url.redirect-chain — wrap every link in N redirector hops: open redirects on reputable-looking hosts
 * (`https://go.redirect.example/out?url=<next>`) and URL shorteners (`https://l.shortlink.test/Ab3xY9qZ`). A check
 * that judges the first address sees a clean domain; a click still lands on the page. Open-redirect and shortener
 * abuse in phishing is long documented (e.g. Chhabra et al., "Phi.sh/$oCiaL: the phishing landscape through short
 * URLs", CEAS 2011; APWG trend reports on abused redirectors).
 *
 * Hops are recorded in the RedirectRegistry so the validity oracle can follow them. Only reserved domains are used.
 */
import {
  DEFAULT_REDIRECT_REGISTRY,
  DEFAULT_SHORTENERS,
  type RedirectRegistry,
} from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { choice, merged, num } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { parseLink } from './shared.js';

const STYLES = ['open-redirect', 'shortener', 'mixed'] as const;
type Style = (typeof STYLES)[number];

const DEFAULTS = {
  /** Redirector hops in front of each link. */
  hops: 2,
  style: 'mixed' as Style,
};

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function token(rng: Rng): string {
  let t = '';
  for (let i = 0; i < 10; i++) t += pick(rng, [...BASE62]);
  return t;
}

/** Put `hops` redirectors in front of `target`, registering shortener tokens; returns the first URL. */
export function wrapInRedirects(
  target: string,
  hops: number,
  style: Style,
  rng: Rng,
  registry: RedirectRegistry,
): string {
  let url = target;
  for (let i = 0; i < hops; i++) {
    const useShortener = style === 'shortener' || (style === 'mixed' && rng() < 0.5);
    if (useShortener) {
      const host = pick(rng, DEFAULT_SHORTENERS);
      let short = `https://${host}/${token(rng)}`;
      while (registry.has(short) && registry.next(short) !== new URL(url).href) short = `https://${host}/${token(rng)}`;
      registry.register(short, url, 'shortener');
      url = short;
    } else {
      const host = pick(rng, registry.openRedirectors());
      const param = registry.redirectParam(host) ?? 'url';
      url = `https://${host}/out?${param}=${encodeURIComponent(url)}`;
    }
  }
  return url;
}

export const redirectChainTactic: ContentTactic = {
  kind: 'content',
  id: 'url.redirect-chain',
  defusedBy: ['heuristic.redirect-hops'],
  summary: 'Wrap each link in redirector hops (open redirects, shorteners) registered in the RedirectRegistry.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const hops = Math.max(1, Math.floor(num(p, 'hops', DEFAULTS.hops)));
    const style = choice(p, 'style', STYLES, DEFAULTS.style);
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        return link ? wrapInRedirects(link.url.href, hops, style, rng, registry) : null;
      }),
    );
    return out === null ? null : { content: out, note: `links wrapped in ${hops} redirector hop(s) (${style})` };
  },
};
