/**
 * Escaping for every output format. A model file and a saved result document are untrusted input: every string
 * that reaches a report goes through one of these functions, chosen by the context it lands in.
 *
 * HTML: text and attribute values are escaped the same way (all of & < > " ' and the backtick), so a value is
 * safe in element content, in a double- or single-quoted attribute and in SVG text. Bidirectional-override and
 * other invisible format characters are shown as visible `⟨U+202E⟩` marks, so a name cannot reorder or hide the
 * text around it (the "Trojan Source" trick), and C0 control characters are dropped.
 */

/**
 * Bidi embeddings/overrides/isolates, the Arabic letter mark, LRM/RLM, zero-width and other invisible format
 * characters, line/paragraph separators, and the C1 controls (U+0080–U+009F: U+009B is a one-character CSI to a
 * terminal that shows the report's text).
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: combining marks and variation selectors are matched one by one on purpose
  /[\u0080-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]/g;
/** C0 controls except tab, line feed and carriage return, and DEL (not allowed in XML 1.0, meaningless in HTML). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
/** Lone surrogates (invalid in XML, replaced by U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `U+202E` for a code point. */
export function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replace invisible format characters with a visible `⟨U+XXXX⟩` mark and drop control characters. */
export function revealInvisible(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, (c) => `⟨${codePointLabel(c)}⟩`);
}

/** True when the string holds an invisible or bidi format character. */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  const r = INVISIBLE.test(s);
  INVISIBLE.lastIndex = 0;
  return r;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escape for HTML/SVG element content and quoted attribute values. Accepts anything; non-strings are stringified. */
export function esc(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return revealInvisible(s).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * A URL that may go into an href: only absolute http(s) URLs, returned escaped for an attribute; anything else
 * (javascript:, data:, vbscript:, relative, protocol-relative, malformed) gives undefined, and callers render the
 * text without a link.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  // An authority must follow the scheme directly: WHATWG URL parsing would turn `https:///x` into `https://x/`.
  if (!/^https?:\/\/[^/\\\s]/i.test(trimmed)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (!parsed.hostname) return undefined;
  return esc(parsed.href);
}

/** Escape for XML 1.0 text and attribute values (JUnit, SVG outside HTML); drops what XML 1.0 cannot carry. */
export function escXml(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  // Invisible, bidi and C1 characters are marked as in HTML: a JUnit message ends up in CI logs and terminals.
  return revealInvisible(s).replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : (HTML_ENTITIES[c] ?? c)));
}

/**
 * Escape user text for GitHub-flavoured Markdown (inline): HTML-significant characters become entities and
 * Markdown punctuation is backslash-escaped, so text cannot open a tag, a link, an image, emphasis, a code span,
 * a table cell or a mention. Newlines become spaces: the renderers only put user text inline (never at the start of a
 * line), so line-start syntax (#, -, +, 1.) needs no escaping.
 */
export function escMd(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return revealInvisible(s)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/@/g, '&#64;') // no @mentions from model text in a pull-request comment
    .replace(/(\w):\/\//g, '$1&#58;//'); // no autolinks (www. and bare URLs stay text)
}

/** Text for a Markdown code span: backticks cannot close it (uses a longer fence when needed). */
export function mdCode(value: unknown): string {
  const s = revealInvisible(value === undefined || value === null ? '' : String(value)).replace(/\r?\n|\r/g, ' ');
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Shorten to at most `max` characters (by code point), ending with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  const cps = [...s];
  if (cps.length <= max) return s;
  return `${cps.slice(0, Math.max(1, max - 1)).join('')}…`;
}
