/** Integrity of the domain packs: every pack entry complete, consistent and tied to its own pack's controls. */
import { describe, expect, it } from 'vitest';
import { AIDEFEND_ENTRIES } from './aidefend.js';
import { atlasName } from './atlas.js';
import { CONTROLS, counteredByIndex, FAMILY_INFO, TACTICS } from './index.js';
import { DOMAIN_PACKS, type DomainPack } from './packs.js';
import type { Control, Tactic } from './types.js';

const packOf = (e: Tactic | Control): DomainPack => e.pack ?? 'mail';
const tacticsOf = (p: DomainPack) => TACTICS.filter((t) => packOf(t) === p);
const controlsOf = (p: DomainPack) => CONTROLS.filter((c) => packOf(c) === p);
const DOMAIN_ONLY = DOMAIN_PACKS.filter((p) => p !== 'mail');

describe('domain packs', () => {
  it('tags entries only with known packs, and keeps ids unique across packs', () => {
    for (const e of [...TACTICS, ...CONTROLS]) expect(DOMAIN_PACKS, e.id).toContain(packOf(e));
    expect(new Set(TACTICS.map((t) => t.id)).size).toBe(TACTICS.length);
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
  });

  it.each(DOMAIN_ONLY)('%s: tactics in at least four families, each id prefixed by its family', (pack) => {
    const tactics = tacticsOf(pack);
    expect(new Set(tactics.map((t) => t.family)).size, pack).toBeGreaterThanOrEqual(4);
    for (const t of tactics) expect(FAMILY_INFO[t.family].idPrefixes, t.id).toContain(t.id.split('.')[0]);
  });

  it.each(DOMAIN_ONLY)('%s: every tactic complete, with known ATLAS ids and a cost note', (pack) => {
    for (const t of tacticsOf(pack)) {
      expect(t.targets.kinds.length, t.id).toBeGreaterThan(0);
      expect(t.targets.modalities?.length ?? 0, `${t.id} states the modalities it works on`).toBeGreaterThan(0);
      expect(t.requires.write.length, t.id).toBeGreaterThan(0);
      expect(t.breaks.length, t.id).toBeGreaterThan(0);
      expect(t.baseSuccess, t.id).toBeGreaterThan(0);
      expect(t.baseSuccess, t.id).toBeLessThanOrEqual(1);
      expect(t.costNote.length, t.id).toBeGreaterThan(20);
      expect(t.atlas.length, `${t.id} maps to ATLAS`).toBeGreaterThan(0);
      for (const id of t.atlas) expect(atlasName(id), `${t.id}: ${id}`).toBeDefined();
      expect(t.evidence?.length ?? 0, `${t.id} names its evidence`).toBeGreaterThan(20);
    }
  });

  it.each(DOMAIN_ONLY)('%s: every tactic is countered by a control of its own pack', (pack) => {
    const index = counteredByIndex();
    const own = new Set(controlsOf(pack).map((c) => c.id));
    for (const t of tacticsOf(pack)) {
      const counters = index.get(t.id) ?? [];
      expect(
        counters.some((id) => own.has(id)),
        `${t.id} countered by ${counters.join(', ') || 'nothing'}`,
      ).toBe(true);
    }
  });

  it.each(DOMAIN_ONLY)('%s: controls counter existing tactics and map to known framework ids', (pack) => {
    const tacticIds = new Set(TACTICS.map((t) => t.id));
    const controls = controlsOf(pack);
    expect(controls.length, pack).toBeGreaterThanOrEqual(3);
    for (const c of controls) {
      expect(c.counters.length, c.id).toBeGreaterThan(0);
      for (const id of c.counters) expect(tacticIds.has(id), `${c.id} counters ${id}`).toBe(true);
      for (const r of c.aidefend) expect(AIDEFEND_ENTRIES[r.id as keyof typeof AIDEFEND_ENTRIES], r.id).toBe(r.name);
      for (const r of c.atlasMitigations) expect(atlasName(r.id), r.id).toBe(r.name);
      expect(c.effectiveness, c.id).toBeGreaterThan(0);
      expect(c.effectiveness, c.id).toBeLessThanOrEqual(1);
    }
  });

  it('covers the tricks issue #15 names for each pack', () => {
    const wanted: Record<Exclude<DomainPack, 'mail'>, string[]> = {
      'web-phishing': [
        'layout.blurred-logo',
        'layout.cropped-logo',
        'layout.masking',
        'layout.stretched-logo',
        'layout.recoloured-logo',
        'layout.different-logo',
        'layout.no-visual-logo',
        'layout.background-patterns',
        'layout.company-name-style',
        'layout.page-layout-shuffle',
        'layout.hidden-page-text',
        'input.encode-decode-on-load',
        'url.fresh-lookalike-domain',
        'url.free-hosting-page',
        'access.compromised-website',
        'input.crawler-cloaking',
      ],
      fraud: [
        'automation.device-fingerprint-spoofing',
        'access.synthetic-identity',
        'access.account-aging',
        'activity.good-customer-mimicry',
        'activity.velocity-shaping',
        'automation.card-testing',
        'feedback.friendly-fraud',
        'feedback.dispute-label-manipulation',
      ],
      'content-moderation': [
        'input.image-crop-reframe',
        'input.image-border-padding',
        'input.image-mirror-flip',
        'input.image-overlay',
        'layout.caption-in-image',
        'input.leetspeak',
        'input.homoglyph-spelling',
        'activity.split-across-posts',
        'input.benign-framing',
        'feedback.report-brigading',
      ],
    };
    for (const [pack, ids] of Object.entries(wanted)) {
      const have = new Set(tacticsOf(pack as DomainPack).map((t) => t.id));
      for (const id of ids) expect(have.has(id), `${pack}: ${id}`).toBe(true);
    }
  });

  it('leaves in mail what the mail campaign executes, and tags script-decoding page tricks web-phishing', () => {
    // Executable mail tactics (src/campaign/tactics/mail, url) keep their catalog entries in the mail pack.
    for (const id of [
      'layout.brand-name-removal',
      'layout.text-as-image',
      'input.confusable-characters',
      'url.redirect-chain',
    ])
      expect(packOf(TACTICS.find((t) => t.id === id)!), id).toBe('mail');
    // Mail clients run no scripts: decode-on-load tricks only make sense on pages.
    for (const id of ['input.encode-decode-on-load', 'input.payload-in-markup-attribute'])
      expect(packOf(TACTICS.find((t) => t.id === id)!), id).toBe('web-phishing');
  });
});
