/**
 * Defuses layout.brand-name-removal. The catalog's heuristic: judge credential lures without needing a brand — a
 * request to log in, verify or pay next to a link or a form is suspect whatever name the message wears, unless the
 * link goes to a domain the operator trusts. Removing the brand only helps against checks that start from the brand.
 * (The seeds' brand domains are the attacker's pages in this reserved-name world, so nothing is trusted by default.)
 */

/** Registrable domains whose login links are trusted (the operator's own, its identity provider's). */
export const TRUSTED_LOGIN_DOMAINS: string[] = [];

import { parse as parseDomain } from 'tldts';
import { readerNormalize } from '../normalize.js';
import { scannedLinks } from './links.js';
import { type ContentHeuristic, finding } from './types.js';

const LURE =
  /\b(?:(?:verify|confirm|validate|update|restore|unlock)\s+(?:your\s+)?(?:account|identity|password|payment|billing|details|information|access)|(?:log|sign)\s*in\s+(?:to|at|now|here|below)|password\s+(?:expires|expired|will\s+expire)|(?:account|access)\s+(?:has\s+been\s+)?(?:limited|suspended|locked|disabled)|pay\s+the\s+(?:fee|balance))\b/;

export const credentialLureHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.credential-lure',
  name: 'Credential lure with a link',
  summary: 'Flag a request to log in, verify or pay next to a link or form to an untrusted domain, brand or no brand.',
  inspect(_raw, view) {
    const text = readerNormalize(`${view.subject}\n${view.visibleText}\n${view.attachmentText}`);
    const lure = LURE.exec(text);
    if (!lure) return finding([]);
    const foreign = scannedLinks(view)
      .map((u) => parseDomain(u.hostname))
      .filter((d) => d.isIp || !d.domain || !TRUSTED_LOGIN_DOMAINS.includes(d.domain))
      .map((d) => d.hostname ?? '');
    if (foreign.length === 0) return finding([]);
    return finding([`'${lure[0]}' with a link to ${foreign[0]}`]);
  },
};
