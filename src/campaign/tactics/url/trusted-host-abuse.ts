/**
 * url.trusted-host-abuse — host the page on a reputable service (a site builder, a form builder, file sharing) and
 * link there: `https://sites.example.com/view/k3x9…/signin`. The domain is everyone's, so domain reputation says
 * "good" and blocking it blocks every customer. Phishing on free site and form builders is a staple of vendor
 * reports (e.g. Microsoft, Google Forms and Sites abuse; APWG trend reports).
 *
 * The service URL is registered in the RedirectRegistry as serving the original page (one free account per
 * message). Only reserved names stand in for the services.
 */
import { DEFAULT_REDIRECT_REGISTRY } from '../../oracles/redirect-registry.js';
import { editLinks, transformMessage } from '../mime/edit.js';
import { list, merged, num } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { parseLink } from './shared.js';

/** Stand-ins for user-content hosting services (reserved names: RFC 2606 example.com/.net/.org). */
export const TRUSTED_HOSTING_SERVICES: readonly string[] = [
  'sites.example.com',
  'forms.example.net',
  'storage.example.org',
  'docs.example.com',
];

const DEFAULTS = {
  services: [...TRUSTED_HOSTING_SERVICES],
  /** Setting the page up on the service (hours). */
  setupHours: 1,
};

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function token(rng: Rng, n: number): string {
  let t = '';
  for (let i = 0; i < n; i++) t += pick(rng, [...ALNUM]);
  return t;
}

export const trustedHostAbuseTactic: ContentTactic = {
  kind: 'content',
  id: 'url.trusted-host-abuse',
  defusedBy: ['heuristic.hosted-pages'],
  summary: 'Host the page on a reputable site/form/file service and link there; the service URL serves the page.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const registry = env?.registry ?? DEFAULT_REDIRECT_REGISTRY;
    const p = merged(DEFAULTS, params);
    const services = list(p, 'services', DEFAULTS.services).filter((s) =>
      /(^|\.)(example|test)$|(^|\.)example\.(com|net|org)$/i.test(s),
    );
    if (services.length === 0) return null;
    const account = token(rng, 10);
    const out = transformMessage(content, env?.encoding, (msg) =>
      editLinks(msg, (raw) => {
        const link = parseLink(raw);
        if (!link) return null;
        let hosted = `https://${pick(rng, services)}/view/${account}/${token(rng, 8)}`;
        while (registry.has(hosted) && registry.next(hosted) !== link.url.href) {
          hosted = `https://${pick(rng, services)}/view/${account}/${token(rng, 8)}`;
        }
        registry.register(hosted, link.url.href, 'hosted');
        return hosted;
      }),
    );
    if (out === null) return null;
    return {
      content: out,
      cost: { accounts: 1, timeHours: num(p, 'setupHours', DEFAULTS.setupHours) },
      note: 'links moved to pages on a trusted hosting service',
    };
  },
};
