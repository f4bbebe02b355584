import { describe, expect, it } from 'vitest';
import { diffStats, diffText, diffTokens, renderDiffSides, tokenize } from './diff.js';

describe('diff', () => {
  it('finds a homoglyph word and reports the non-ASCII letters', () => {
    const ops = diffText('Buy viagra now', 'Buy v\u0456agra now');
    expect(ops).toEqual([
      { op: 'same', text: 'Buy ' },
      { op: 'del', text: 'viagra' },
      { op: 'ins', text: 'v\u0456agra' },
      { op: 'same', text: ' now' },
    ]);
    expect(diffStats(ops)).toMatchObject({ nonAsciiAdded: 1, invisibleAdded: 0 });
    const [, right] = renderDiffSides(ops);
    expect(right).toContain('<span class="nonascii" title="U+0456">');
  });

  it('makes zero-width characters visible', () => {
    const ops = diffText('bank account', 'ba\u200Bnk account');
    expect(diffStats(ops).invisibleAdded).toBe(1);
    const [, right] = renderDiffSides(ops);
    expect(right).toContain('⟨U+200B⟩');
    expect(right).not.toContain('\u200B');
  });

  it('escapes markup on both sides', () => {
    const [l, r] = renderDiffSides(diffText('<b>hi</b>', '<script>alert(1)</script>'));
    expect(l + r).not.toMatch(/<(b|script)>/);
  });

  it('falls back to one replacement for huge inputs', () => {
    const a = tokenize('x '.repeat(3000));
    const b = tokenize('y '.repeat(3000));
    const ops = diffTokens(a, b, 1000);
    // The shared trailing space is kept as common suffix; the rest is one deletion and one insertion.
    expect(ops.map((o) => o.op)).toEqual(['del', 'ins', 'same']);
    expect(ops[0]?.text).toBe(a.slice(0, -1).join(''));
  });

  it('identical texts give one unchanged run', () => {
    expect(diffText('same text', 'same text')).toEqual([{ op: 'same', text: 'same text' }]);
  });
});
