/**
 * The simple heuristics on their own: what fires them, what does not, and what they cost on benign mail.
 * (Each tactic's test shows its heuristic catching it; this file pins the heuristics' edges.)
 */
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pickBenignSet } from '../../samples/corpus.js';
import { phishingSeed } from '../../samples/phishing.js';
import { readerView } from '../reader-view.js';
import { DEFAULT_REDIRECT_REGISTRY } from '../redirect-registry.js';
import { brandLookalike } from './brand-lookalike-hosts.js';
import { CONTENT_HEURISTICS, inspectMessage } from './index.js';
import { naiveHtmlText } from './markup-split-words.js';
import { mixedScripts } from './obfuscated-characters.js';

const ctx = { registry: DEFAULT_REDIRECT_REGISTRY };

function html(body: string): string {
  return `From: a@example.org\nTo: b@example.org\nSubject: hi\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<html><body>${body}</body></html>\n`;
}

async function fired(raw: string): Promise<string[]> {
  return (await inspectMessage(raw, ctx)).filter((x) => x.finding.fired).map((x) => x.id);
}

describe('content heuristics', () => {
  it('mixed scripts: only words that mix them', () => {
    expect(mixedScripts('p\u0430ypal')).toEqual(['Latin', 'Cyrillic']);
    expect(mixedScripts('paypal')).toEqual([]);
    expect(mixedScripts('\u043f\u0440\u0438\u0432\u0435\u0442')).toEqual([]);
  });

  it('brand look-alikes: homographs, combos and brand subdomains, not the brand itself or words that contain it', () => {
    expect(brandLookalike(domainToASCII('p\u0430ypal.example'))).toMatch(/look-alike characters/);
    expect(brandLookalike('paypal-secure-login.example')).toMatch(/brand token/);
    expect(brandLookalike('www.paypal.example.account-check.example')).toMatch(/subdomain/);
    expect(brandLookalike('www.paypal.example')).toBeNull();
    expect(brandLookalike('www.powells.com')).toBeNull();
    expect(brandLookalike('203.0.113.45')).toBeNull();
  });

  it('markup split: a naive extraction turns comments and tags into spaces', () => {
    expect(naiveHtmlText('ver<!-- x -->ify <b>ac</b>count')).toMatch(/^ver\s+ify\s+ac\s+count$/);
  });

  it('fire on the tricks and stay quiet on the plain message', async () => {
    expect(await fired(html('<p>Please review the attached notes before the meeting.</p>'))).toEqual([]);
    expect(await fired(html('<p>Please ver<!-- -->ify the notes</p>'))).toEqual(['heuristic.markup-split-words']);
    expect(await fired(html(`<p>Hello</p><div style="display:none">${'good '.repeat(30)}</div>`))).toEqual([
      'heuristic.hidden-text',
    ]);
    expect(await fired(html('<p>Notes: <a href="http://0xc0000216/x">here</a></p>'))).toEqual([
      'heuristic.ip-literal-hosts',
    ]);
    expect(await fired(html(`<p>${'&#104;&#101;&#108;&#108;&#111; '.repeat(10)}</p>`))).toEqual([
      'heuristic.nested-encoding',
    ]);
    expect(
      await fired(
        html('<p>Notes at <a href="https://go.redirect.example/out?url=https%3A%2F%2Fnotes.example%2F">notes</a></p>'),
      ),
    ).toEqual(['heuristic.redirect-hops']);
  });

  it('credential lure: fires on the phishing seeds with or without a brand', async () => {
    const view = await readerView(phishingSeed('phish/microsoft-365-password').content);
    const h = CONTENT_HEURISTICS.find((x) => x.id === 'heuristic.credential-lure');
    expect(h?.inspect('', view, ctx).evidence).toEqual([
      "'password expires' with a link to login.microsoft365.example",
    ]);
  });

  it('cost little on benign mail: at most 3 of 60 ham messages flagged by any heuristic', async () => {
    const ham = pickBenignSet({ seed: 21, count: 60 });
    const counts: Record<string, number> = {};
    let flagged = 0;
    for (const m of ham) {
      const f = await fired(m.content);
      if (f.length) flagged++;
      for (const id of f) counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(flagged, JSON.stringify(counts)).toBeLessThanOrEqual(3);
  });
});
