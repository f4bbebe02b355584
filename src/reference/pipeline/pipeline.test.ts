import { describe, expect, it } from 'vitest';
import { type ExtractionOptions, extractMessage } from './extract.js';
import { htmlToText } from './html-to-text.js';
import { decodeNestedText } from './nested-decoding.js';
import { hammingDistance, simhash64 } from './simhash.js';
import { normalizeConfusables } from './text-normalizer.js';
import { tokenize, words } from './tokenizer.js';

const PLAIN: ExtractionOptions = {
  normalizeConfusables: false,
  stripHiddenText: false,
  decodeNestedEncodings: false,
  readHtml: true,
};
const HARDENED: ExtractionOptions = {
  normalizeConfusables: true,
  stripHiddenText: true,
  decodeNestedEncodings: true,
  readHtml: true,
};

function mail(headers: string, body: string): string {
  return `From: Seller <deals@shop.example>\r\nTo: you@example.org\r\nSubject: Hello there\r\nMIME-Version: 1.0\r\n${headers}\r\n\r\n${body}`;
}

describe('mime-parser via extractMessage', () => {
  it('decodes base64 and quoted-printable parts of a multipart message', async () => {
    const b64 = Buffer.from('cheap watches today').toString('base64');
    const raw = mail(
      'Content-Type: multipart/alternative; boundary="XX"',
      [
        '--XX',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        b64,
        '--XX',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<p>unbeatable=20prices</p>',
        '--XX--',
        '',
      ].join('\r\n'),
    );
    const x = await extractMessage(raw, PLAIN);
    expect(x.tokens).toEqual(
      expect.arrayContaining(['cheap', 'watches', 'unbeatable', 'prices', 's:hello', 'from:shop.example', 'meta:html']),
    );
    expect(x.tokens).not.toContain('meta:html-only');
    expect(x.malformed).toBe(false);
    expect(x.fromAddress).toBe('deals@shop.example');
  });

  it('leaves a nested base64 layer opaque unless decodeNestedEncodings is on', async () => {
    const inner = Buffer.from('buy cheap pills now').toString('base64');
    const raw = mail('Content-Type: text/plain', `Please read: ${inner}`);
    expect((await extractMessage(raw, PLAIN)).tokens).not.toContain('pills');
    expect((await extractMessage(raw, HARDENED)).tokens).toContain('pills');
  });
});

describe('html-to-text', () => {
  const html =
    '<html><body><p>Visible offer</p><div style="display:none">hiddenword</div><!-- commentword -->' +
    '<p>V<span></span>iagra</p><font color="#ffffff">whiteword</font></body></html>';

  it('by default reads every piece of character data and breaks words at tags', () => {
    const text = words(htmlToText(html, { stripHiddenText: false }));
    expect(text).toEqual(expect.arrayContaining(['visible', 'hiddenword', 'commentword', 'iagra', 'whiteword']));
    expect(text).not.toContain('viagra');
  });

  it('with stripHiddenText keeps only what renders and rejoins split words', () => {
    const text = words(htmlToText(html, { stripHiddenText: true }));
    expect(text).toEqual(expect.arrayContaining(['visible', 'offer', 'viagra']));
    expect(text).not.toContain('hiddenword');
    expect(text).not.toContain('commentword');
    expect(text).not.toContain('whiteword');
  });
});

describe('text-normalizer', () => {
  it('maps confusables, fullwidth forms, diacritics and zero-width characters back to ASCII words', () => {
    // Cyrillic а and о, a zero-width space, fullwidth letters, a combining dot.
    const disguised = 'vi\u0430gr\u0430 fr\u200bee ｃａｓｈ l\u043ean v\u0307iagra';
    expect(words(normalizeConfusables(disguised))).toEqual(['viagra', 'free', 'cash', 'loan', 'viagra']);
  });

  it('leaves ordinary ASCII text alone', () => {
    expect(normalizeConfusables('modern rn m')).toBe('modern rn m');
  });
});

describe('nested decoding', () => {
  it('peels quoted-printable, percent-encoding and entities', () => {
    expect(decodeNestedText('=66=72=65=65 %63%61%73%68 &#118;iagra')).toBe('free cash viagra');
  });
});

describe('tokenizer', () => {
  it('emits subject, sender, structure and body tokens once each', () => {
    const tokens = tokenize({
      subject: 'Win Now',
      fromDomain: 'x.example',
      bodyText: 'win win 12345 ok a',
      hasHtml: true,
      hasText: false,
      attachmentCount: 1,
    });
    expect(tokens).toEqual([
      's:win',
      's:now',
      'from:x.example',
      'meta:html',
      'meta:html-only',
      'meta:attachment',
      'win',
      'ok',
    ]);
  });

  it('flags an empty body', () => {
    expect(
      tokenize({ subject: '', fromDomain: '', bodyText: '', hasHtml: false, hasText: true, attachmentCount: 0 }),
    ).toEqual(['meta:empty-body']);
  });
});

describe('simhash', () => {
  const base =
    'our summer sale has started and every watch in the shop is half price until sunday so order today'.split(' ');
  it('puts near-duplicates within a few bits and different texts far apart', () => {
    const variant = [...base.slice(0, -1), 'tomorrow'];
    const other = 'the build failed again on the release branch because the linker ran out of memory on arm'.split(' ');
    expect(hammingDistance(simhash64(base), simhash64(variant))).toBeLessThanOrEqual(8);
    expect(hammingDistance(simhash64(base), simhash64(other))).toBeGreaterThan(12);
    expect(hammingDistance(simhash64(base), simhash64([...base]))).toBe(0);
  });
});
