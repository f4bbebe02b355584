/**
 * URL tactics: each rewrites the link hosts a filter judges while the click still lands on the original page
 * (followed through the RedirectRegistry the tactic recorded its infrastructure in), and each is caught by the
 * simple heuristic the catalog names.
 */
import { describe, expect, it } from 'vitest';
import { finalDestinations, heuristicsFor } from '../../oracles/heuristics/index.js';
import { readerView } from '../../oracles/reader-view.js';
import { RedirectRegistry } from '../../oracles/redirect-registry.js';
import { judgeValidity } from '../../oracles/validity.js';
import { PHISHING_SEEDS, phishingSeed } from '../../samples/phishing.js';
import { createExecutableTactics, tacticLookup } from '../index.js';
import { createRng } from '../rng.js';
import type { ContentTactic, TacticParams } from '../types.js';
import { formatIPv4 } from './numeric-ip.js';

const URL_TACTICS = [
  'url.redirect-chain',
  'url.punycode-lookalike',
  'url.combosquatting',
  'url.subdomain-tricks',
  'url.numeric-ip',
];

/** A private registry per test, so facts one tactic records cannot help another. */
function setup() {
  const registry = new RedirectRegistry();
  const lookup = tacticLookup(createExecutableTactics({ registry }));
  const tactic = (id: string): ContentTactic => {
    const t = lookup(id);
    if (t?.kind !== 'content') throw new Error(id);
    return t;
  };
  return { registry, tactic };
}

async function hosts(raw: string): Promise<string[]> {
  const view = await readerView(raw);
  return [
    ...new Set(
      [...view.bodyLinks, ...view.attachmentLinks].filter((l) => /^https?:/i.test(l)).map((l) => new URL(l).hostname),
    ),
  ];
}

async function rawLinks(raw: string): Promise<string[]> {
  const view = await readerView(raw);
  return [...view.bodyLinks, ...view.attachmentLinks].filter((l) => /^https?:/i.test(l));
}

describe.each(URL_TACTICS)('%s', (id) => {
  it('changes every link host, keeps every destination, and is deterministic', async () => {
    for (const s of PHISHING_SEEDS) {
      const { registry, tactic } = setup();
      const a = tactic(id).apply(s.content, createRng(5), {});
      const b = setup().tactic(id).apply(s.content, createRng(5), {});
      expect(b?.content).toBe(a?.content);
      if (!a) continue;
      // Links as written: the numeric-IP form of 203.0.113.45 normalizes back to it, but a filter reading the
      // text sees another string.
      const before = await rawLinks(s.content);
      const after = await rawLinks(a.content);
      for (const h of before) expect(after, `${s.id}: ${h} still linked`).not.toContain(h);
      const v = await judgeValidity(s.content, a.content, { registry });
      expect(v.reasons, s.id).toEqual([]);
      // With a registry that never saw the attacker's infrastructure the click goes nowhere known: invalid.
      if (id !== 'url.numeric-ip' || !/203\.0\.113\.45/.test(s.content)) {
        expect((await judgeValidity(s.content, a.content, { registry: new RedirectRegistry() })).valid, s.id).toBe(
          false,
        );
      }
    }
  });

  it('is caught by its simple heuristic', async () => {
    const [h] = heuristicsFor(id);
    expect(h?.kind).toBe('content');
    for (const s of PHISHING_SEEDS) {
      const { registry, tactic } = setup();
      const out = tactic(id).apply(s.content, createRng(9), {});
      if (!out || h?.kind !== 'content') continue;
      const view = await readerView(out.content);
      expect(h.inspect(out.content, view, { registry }).fired, s.id).toBe(true);
      // and the defender who follows the links judges the same pages as before the trick
      expect(finalDestinations(view, registry).sort()).toEqual(
        finalDestinations(await readerView(s.content), registry).sort(),
      );
    }
  });
});

function apply(id: string, seedId: string, params: TacticParams = {}) {
  const { registry, tactic } = setup();
  const out = tactic(id).apply(phishingSeed(seedId).content, createRng(2), params);
  if (!out) throw new Error(`${id} n/a`);
  return { ...out, registry };
}

describe('url.redirect-chain', () => {
  it('puts the requested number of redirector hops in front of the link', async () => {
    const { content, registry } = apply('url.redirect-chain', 'phish/paypal-limited', { hops: 3, style: 'shortener' });
    const [link] = (await readerView(content)).bodyLinks;
    const r = registry.resolve(link as string);
    expect(r.hops).toHaveLength(4);
    expect(r.final).toBe('https://www.paypal.example/signin/verify?case=PP-2291');
  });
});

describe('url.punycode-lookalike', () => {
  it('writes a Cyrillic homograph of the domain as xn-- and charges a registration', async () => {
    const { content, cost } = apply('url.punycode-lookalike', 'phish/netflix-payment');
    expect((await hosts(content)).some((h) => h.includes('xn--'))).toBe(true);
    expect(cost?.money).toBe(12);
  });

  it('does not apply to a link whose host is an IP address', () => {
    expect(
      setup().tactic('url.punycode-lookalike').apply(phishingSeed('phish/dhl-parcel-fee').content, createRng(1), {}),
    ).toBeNull();
  });
});

describe('url.combosquatting', () => {
  it('registers the brand label plus a keyword', async () => {
    const { content } = apply('url.combosquatting', 'phish/paypal-limited');
    expect(await hosts(content)).toEqual([expect.stringMatching(/paypal-[a-z-]+\.example$|[a-z-]+-paypal\.example$/)]);
  });
});

describe('url.subdomain-tricks', () => {
  it('keeps the whole brand host in front of an attacker domain', async () => {
    const { content } = apply('url.subdomain-tricks', 'phish/paypal-limited');
    expect(await hosts(content)).toEqual([expect.stringMatching(/^www\.paypal\.example\.[a-z-]+\.(example|test)$/)]);
  });
});

describe('url.numeric-ip', () => {
  it('formats IPv4 addresses in the notations browsers accept', () => {
    expect(formatIPv4('192.0.2.22', 'decimal')).toBe('3221226006');
    expect(formatIPv4('192.0.2.22', 'hex')).toBe('0xc0000216');
    expect(formatIPv4('192.0.2.22', 'dotted-hex')).toBe('0xc0.0x0.0x2.0x16');
    expect(formatIPv4('192.0.2.22', 'dotted-octal')).toBe('0300.00.02.026');
    for (const form of ['decimal', 'hex', 'dotted-hex', 'dotted-octal'] as const) {
      expect(new URL(`http://${formatIPv4('192.0.2.22', form)}/`).hostname).toBe('192.0.2.22');
    }
  });

  it('rewrites an IP-literal host in place and can leave domain hosts alone', async () => {
    const { content } = apply('url.numeric-ip', 'phish/dhl-parcel-fee', { form: 'decimal' });
    expect(content).toContain(`http://${formatIPv4('203.0.113.45', 'decimal')}/`);
    const { tactic } = setup();
    expect(
      tactic('url.numeric-ip').apply(phishingSeed('phish/paypal-limited').content, createRng(1), {
        resolveDomains: false,
      }),
    ).toBeNull();
  });
});

describe('url.trusted-host-abuse', () => {
  it('moves every link to a page on a hosting service, from one free account, and keeps it across a registry round trip', async () => {
    const { content, registry, cost } = apply('url.trusted-host-abuse', 'phish/contoso-bank-form');
    const links = await rawLinks(content);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links)
      expect(l).toMatch(/^https:\/\/(sites|forms|storage|docs)\.example\.(com|net|org)\/view\/[a-z0-9]{10}\//);
    expect(cost).toEqual({ accounts: 1, timeHours: 1 });
    const copy = RedirectRegistry.fromJSON(JSON.parse(JSON.stringify(registry.toJSON())));
    for (const l of links) expect(copy.resolve(l).final).toBe(registry.resolve(l).final);
    expect(copy.kindOf(links[0] as string)).toBe('hosted');
  });
});
