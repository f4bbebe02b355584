import { describe, expect, it } from 'vitest';
// Test support lives with the report (its hostile-document fixtures); only this test reads it from here.
import { PAYLOADS } from '../report/testing.js';
import { esc, escMd, escXml, mdCode, revealInvisible, safeHref, truncate } from './escape.js';

describe('esc (HTML text and attributes)', () => {
  it.each(PAYLOADS)('leaves no markup-significant character in %s', (p) => {
    const out = esc(p);
    expect(out).not.toMatch(/[<>"'`]/);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;|#96;)/);
  });
  it('reveals bidi overrides and zero-width characters and drops controls', () => {
    expect(esc('a\u202Eb\u200Bc\u0000d')).toBe('a⟨U+202E⟩b⟨U+200B⟩cd');
    expect(revealInvisible('x\uFEFFy')).toBe('x⟨U+FEFF⟩y');
  });
  it('marks C1 controls (U+009B is a one-character CSI) in HTML, Markdown and XML', () => {
    expect(esc('a\u009B2Jb\u0085')).toBe('a⟨U+009B⟩2Jb⟨U+0085⟩');
    expect(escMd('a\u009B2J')).toBe('a⟨U+009B⟩2J');
    expect(mdCode('a\u009B2J')).toBe('`a⟨U+009B⟩2J`');
    expect(escXml('a\u009B2J\u202E')).toBe('a⟨U+009B⟩2J⟨U+202E⟩');
  });
  it('stringifies non-strings and empties null/undefined', () => {
    expect(esc(3)).toBe('3');
    expect(esc(undefined)).toBe('');
    expect(esc(null)).toBe('');
  });
});

describe('safeHref', () => {
  it('accepts absolute http(s) URLs only, escaped', () => {
    expect(safeHref('https://atlas.mitre.org/techniques/AML.T0015')).toBe(
      'https://atlas.mitre.org/techniques/AML.T0015',
    );
    expect(safeHref('https://x.example/?a="b"&c=<d>')).toBe('https://x.example/?a=%22b%22&amp;c=%3Cd%3E');
  });
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>',
    'vbscript:x',
    '//evil.example',
    '/rel',
    'https:///x',
    'java\nscript:alert(1)',
    42,
  ])('rejects %s', (u) => {
    expect(safeHref(u)).toBeUndefined();
  });
});

describe('escXml', () => {
  it('escapes the five XML characters and drops characters XML cannot carry', () => {
    expect(escXml(`<a b="c" d='e'>&\u0001\uFFFE`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;');
    expect(escXml('\uD800x')).toBe('\uFFFDx');
  });
});

describe('escMd', () => {
  it('neutralizes tags, links, images, emphasis, code, mentions, autolinks and table pipes', () => {
    const out = escMd(
      '<img src=x> [a](javascript:alert(1)) ![i](https://e.x/i.png) *b* _c_ `d` @team https://e.x a|b\nnext',
    );
    expect(out).not.toContain('<');
    expect(out).not.toMatch(/(?<!\\)\[/);
    expect(out).not.toMatch(/(?<!\\)[*_`|]/);
    expect(out).not.toContain('@');
    expect(out).not.toContain('https://');
    expect(out).not.toContain('\n');
  });
  it('code spans cannot be closed by backticks in the text', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });
});

describe('truncate', () => {
  it('truncates by code point with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab', 4)).toBe('ab');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});
